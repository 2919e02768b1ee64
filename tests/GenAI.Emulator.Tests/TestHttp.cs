using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace GenAI.Emulator.Tests;

/// <summary>Plain HttpClient helpers for talking to the emulator.</summary>
internal static class TestHttp
{
    public const string Key = "emulator-key";

    public static HttpClient CreateClient(EmulatorHost host, bool withKey = true)
    {
        var client = new HttpClient { BaseAddress = host.BaseUri, Timeout = TimeSpan.FromSeconds(30) };
        if (withKey)
        {
            client.DefaultRequestHeaders.Add("x-goog-api-key", host.ApiKey);
        }

        return client;
    }

    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static StringContent Json(JsonNode json) => Json(json.ToJsonString());

    /// <summary>A request body with one user text turn.</summary>
    public static string Prompt(string text, string extra = "") =>
        $"{{\"contents\":[{{\"role\":\"user\",\"parts\":[{{\"text\":{JsonValue.Create(text).ToJsonString()}}}]}}]{extra}}}";

    public static async Task<(HttpResponseMessage Response, JsonNode? Body)> PostAsync(HttpClient client, string path, string json)
    {
        HttpResponseMessage response = await client.PostAsync(path, Json(json));
        string text = await response.Content.ReadAsStringAsync();
        return (response, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    /// <summary>Polls a file until it leaves PROCESSING (or 10 s pass) and returns the state it ends in.</summary>
    public static async Task<string?> WaitForFileStateChangeAsync(HttpClient client, string name)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var (_, file) = await GetAsync(client, "v1beta/" + name);
            string? state = (string?)file!["state"];
            if (state != "PROCESSING" || DateTime.UtcNow > deadline)
            {
                return state;
            }

            await Task.Delay(20);
        }
    }

    public static async Task<(HttpResponseMessage Response, JsonNode? Body)> GetAsync(HttpClient client, string path)
    {
        HttpResponseMessage response = await client.GetAsync(path);
        string text = await response.Content.ReadAsStringAsync();
        return (response, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    public static async Task<JsonNode> GenerateAsync(HttpClient client, string model, string json)
    {
        var (response, body) = await PostAsync(client, $"v1beta/models/{model}:generateContent", json);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return body!;
    }

    public static string Text(JsonNode response, int candidate = 0) =>
        string.Concat(response["candidates"]![candidate]!["content"]!["parts"]!.AsArray().Select(p => (string?)p!["text"] ?? string.Empty));

    /// <summary>Posts to streamGenerateContent?alt=sse and returns the raw body.</summary>
    public static async Task<(HttpResponseMessage Response, string Raw)> StreamRawAsync(HttpClient client, string model, string json)
    {
        HttpResponseMessage response = await client.PostAsync($"v1beta/models/{model}:streamGenerateContent?alt=sse", Json(json));
        return (response, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Splits an SSE body strictly on the service's framing: <c>data: json\r\n\r\n</c> per event.</summary>
    public static List<JsonNode> ParseSse(string raw)
    {
        var events = new List<JsonNode>();
        foreach (string block in raw.Split("\r\n\r\n", StringSplitOptions.RemoveEmptyEntries))
        {
            Assert.StartsWith("data: ", block);
            Assert.DoesNotContain('\n', block);
            events.Add(JsonNode.Parse(block["data: ".Length..])!);
        }

        return events;
    }

    public static string StreamedText(IEnumerable<JsonNode> chunks) => string.Concat(chunks.Select(c =>
        c["candidates"]?[0]?["content"]?["parts"]?.AsArray().Select(p => (string?)p!["text"]).FirstOrDefault() ?? string.Empty));

    public static string ErrorStatus(JsonNode? body) => (string)body!["error"]!["status"]!;

    public static string ContentType(HttpResponseMessage response) => response.Content.Headers.ContentType?.ToString() ?? string.Empty;

    public static MediaTypeHeaderValue? MediaType(HttpResponseMessage response) => response.Content.Headers.ContentType;
}
