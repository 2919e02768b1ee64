using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace GenAI.Emulator.Tests;

public sealed class RecordingTests
{
    [Fact]
    public async Task RequestsAreRecordedWithTheKeyRedacted()
    {
        await using EmulatorHost host = await EmulatorHost.StartAsync(new EmulatorOptions { ApiKey = "secret-key" });
        using HttpClient client = TestHttp.CreateClient(host, withKey: false);
        client.DefaultRequestHeaders.Add("x-goog-api-key", "secret-key");
        await client.PostAsync("v1beta/models/gemini-2.0-flash:generateContent", TestHttp.Json(TestHttp.Prompt("recorded body")));

        using HttpClient queryClient = TestHttp.CreateClient(host, withKey: false);
        await queryClient.GetAsync("v1beta/models?pageSize=3&key=secret-key");
        await client.GetAsync("emulator/health");

        Assert.Equal(2, host.Requests.Count);
        RecordedRequest post = host.Requests[0];
        Assert.Equal("POST", post.Method);
        Assert.Equal("/v1beta/models/gemini-2.0-flash:generateContent", post.Path);
        Assert.Equal("***", post.Headers["X-Goog-Api-Key"]);
        Assert.Contains("recorded body", post.Body);
        Assert.Equal(post.Body.Length, post.BodyLength);

        RecordedRequest get = host.Requests[1];
        Assert.Equal("?pageSize=3&key=***", get.Query);
        Assert.DoesNotContain(host.Requests, r => r.Query.Contains("secret-key") || r.Headers.Values.Any(v => v.Contains("secret-key")));

        var (_, json) = await TestHttp.GetAsync(client, "emulator/requests");
        JsonArray entries = json!.AsArray();
        Assert.Equal(2, entries.Count);
        Assert.Equal("***", (string?)entries[0]!["headers"]!["x-goog-api-key"]);
        Assert.DoesNotContain("secret-key", json.ToJsonString());

        HttpResponseMessage cleared = await client.DeleteAsync("emulator/requests");
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        Assert.Empty(host.Requests);

        await client.GetAsync("v1beta/models");
        host.ClearRequests();
        Assert.Empty(host.Requests);
    }

    [Fact]
    public async Task LargeUploadBodiesAreCutTo64KiBButKeepTheirLength()
    {
        await using EmulatorHost host = await EmulatorHost.StartAsync();
        using HttpClient client = TestHttp.CreateClient(host);
        byte[] content = new byte[300_000];
        Array.Fill(content, (byte)'a');
        using var request = new HttpRequestMessage(HttpMethod.Post, "upload/v1beta/files") { Content = new ByteArrayContent(content) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/plain");
        HttpResponseMessage response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        RecordedRequest recorded = Assert.Single(host.Requests);
        Assert.Equal(300_000, recorded.BodyLength);
        Assert.Equal(64 * 1024, recorded.Body.Length);
        Assert.True(recorded.BodyTruncated);
    }
}
