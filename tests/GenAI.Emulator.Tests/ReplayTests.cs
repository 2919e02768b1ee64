using System.IO;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using GenAI.Emulator.Engine.Replay;

namespace GenAI.Emulator.Tests;

[Collection("emulator")]
public sealed class ReplayTests
{
    private readonly EmulatorFixture _emulator;

    public ReplayTests(EmulatorFixture emulator)
    {
        _emulator = emulator;
    }

    private HttpClient Client => _emulator.Client;

    private static string Fixture(string relative) => Path.Combine(FixtureLocator.Locate(null)!, relative);

    [Fact]
    public async Task SseFixtureIsServedByteForByte()
    {
        const string file = "pydantic-ai/test_google_model_stream.0.sse.txt";
        string model = TestHttp.Unique("replay-sse");
        await RegisterAsync(model, file, expectedStatus: 200);

        HttpResponseMessage response = await Client.PostAsync($"v1beta/models/{model}:streamGenerateContent?alt=sse", TestHttp.Json(TestHttp.Prompt("x")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(await File.ReadAllBytesAsync(Fixture(file)), await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(3, TestHttp.ParseSse(await response.Content.ReadAsStringAsync()).Count);
    }

    [Fact]
    public async Task JsonFixtureIsServedAsTheUnaryBody()
    {
        const string file = "googleai/unary-success-basic-reply-short.json";
        string model = TestHttp.Unique("replay-json");
        await RegisterAsync(model, file, expectedStatus: 200);

        HttpResponseMessage response = await Client.PostAsync($"v1beta/models/{model}:generateContent", TestHttp.Json(TestHttp.Prompt("x")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json; charset=UTF-8", TestHttp.ContentType(response));
        Assert.Equal(await File.ReadAllBytesAsync(Fixture(file)), await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task ErrorFixturesUseTheirCodeAsStatus()
    {
        string unary = TestHttp.Unique("replay-error");
        await RegisterAsync(unary, "googleai/unary-failure-api-key.json", expectedStatus: 400);
        var (response, body) = await TestHttp.PostAsync(Client, $"v1beta/models/{unary}:generateContent", TestHttp.Prompt("x"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("API_KEY_INVALID", (string?)body!["error"]!["details"]![0]!["reason"]);

        string stream = TestHttp.Unique("replay-error-sse");
        await RegisterAsync(stream, "generative-ai-android/streaming/failure-unknown-model.txt", expectedStatus: 404);
        var (streamResponse, raw) = await TestHttp.StreamRawAsync(Client, stream, TestHttp.Prompt("x"));
        Assert.Equal(HttpStatusCode.NotFound, streamResponse.StatusCode);
        Assert.Equal("NOT_FOUND", TestHttp.ErrorStatus(JsonNode.Parse(raw)));
    }

    [Fact]
    public async Task ArrayWrappedErrorInAConfiguredFixturesFolderUsesItsCode()
    {
        string folder = Directory.CreateTempSubdirectory("genai-fixtures-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "quota.json"),
                "[{\n  \"error\": {\n    \"code\": 429,\n    \"message\": \"quota\",\n    \"status\": \"RESOURCE_EXHAUSTED\"\n  }\n}\n]");
            await using EmulatorHost host = await EmulatorHost.StartAsync(new EmulatorOptions { ApiKey = TestHttp.Key, FixturesPath = folder });
            using HttpClient client = TestHttp.CreateClient(host);
            var (registered, _) = await TestHttp.PostAsync(client, "emulator/replay", "{\"model\":\"models/q\",\"file\":\"quota.json\"}");
            Assert.Equal(HttpStatusCode.OK, registered.StatusCode);

            var (response, body) = await TestHttp.PostAsync(client, "v1beta/models/q:streamGenerateContent", TestHttp.Prompt("x"));
            Assert.Equal((HttpStatusCode)429, response.StatusCode);
            Assert.Equal("RESOURCE_EXHAUSTED", (string?)body![0]!["error"]!["status"]);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task ReplayRejectsPathsOutsideTheFixturesFolderAndMissingFiles()
    {
        var (outside, _) = await TestHttp.PostAsync(Client, "emulator/replay", "{\"model\":\"models/x1\",\"file\":\"../docs/outside.md\"}");
        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
        var (missing, _) = await TestHttp.PostAsync(Client, "emulator/replay", "{\"model\":\"models/x1\",\"file\":\"googleai/nope.json\"}");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    private async Task RegisterAsync(string model, string file, int expectedStatus)
    {
        var (response, body) = await TestHttp.PostAsync(Client, "emulator/replay", $"{{\"model\":\"models/{model}\",\"file\":\"{file}\"}}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expectedStatus, (int)body!["statusCode"]!);
    }
}
