using System;
using System.Net.Http;
using System.Text;
using System.Text.Json;

namespace GenAI.Benchmarks.Probes;

/// <summary>
/// What the raw-HttpClient baselines send: a client carrying the emulator's key (also used for its control endpoints),
/// and a <c>streamGenerateContent?alt=sse</c> request for one user prompt.
/// </summary>
public static class RawSse
{
    public static HttpClient KeyedClient(ProbeArgs args)
    {
        var http = new HttpClient();
        http.DefaultRequestHeaders.Add("x-goog-api-key", args.Key);
        return http;
    }

    public static HttpRequestMessage Request(ProbeArgs args, string model, string prompt) =>
        new(HttpMethod.Post, new Uri(args.BaseUri, $"v1beta/models/{model}:streamGenerateContent?alt=sse"))
        {
            Content = new StringContent("{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":" + JsonSerializer.Serialize(prompt) + "}]}]}", Encoding.UTF8, "application/json"),
        };
}
