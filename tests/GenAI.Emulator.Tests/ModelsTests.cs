using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace GenAI.Emulator.Tests;

[Collection("emulator")]
public sealed class ModelsTests
{
    private readonly EmulatorFixture _emulator;

    public ModelsTests(EmulatorFixture emulator)
    {
        _emulator = emulator;
    }

    [Fact]
    public async Task ListHasTheCatalogueAndScenarioModels()
    {
        var (_, body) = await TestHttp.GetAsync(_emulator.Client, "v1beta/models");
        List<string> names = body!["models"]!.AsArray().Select(m => (string)m!["name"]!).ToList();

        foreach (string id in new[]
                 {
                     "gemini-2.5-flash", "gemini-2.5-pro", "gemini-2.0-flash", "gemini-2.0-flash-lite", "gemini-1.5-flash",
                     "gemini-1.5-pro", "text-embedding-004", "gemma-3-27b-it", "fault-503x2", "stream-10", "gated", "blocked",
                 })
        {
            Assert.Contains("models/" + id, names);
        }

        Assert.Null(body["nextPageToken"]);
    }

    [Fact]
    public async Task PagingWithPageSizeTwoVisitsEveryModelOnce()
    {
        var (_, all) = await TestHttp.GetAsync(_emulator.Client, "v1beta/models?pageSize=1000");
        List<string> expected = all!["models"]!.AsArray().Select(m => (string)m!["name"]!).ToList();

        var seen = new List<string>();
        string? token = null;
        int pages = 0;
        do
        {
            string path = "v1beta/models?pageSize=2" + (token is null ? string.Empty : "&pageToken=" + System.Uri.EscapeDataString(token));
            var (response, page) = await TestHttp.GetAsync(_emulator.Client, path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            JsonArray models = page!["models"]!.AsArray();
            Assert.InRange(models.Count, 1, 2);
            seen.AddRange(models.Select(m => (string)m!["name"]!));
            token = (string?)page["nextPageToken"];
            pages++;
        }
        while (token is not null);

        Assert.Equal(expected, seen);
        Assert.Equal((expected.Count + 1) / 2, pages);
    }

    [Fact]
    public async Task GetReturnsARealisticModel()
    {
        var (response, model) = await TestHttp.GetAsync(_emulator.Client, "v1beta/models/gemini-2.5-flash");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("models/gemini-2.5-flash", (string?)model!["name"]);
        Assert.Equal("Gemini 2.5 Flash", (string?)model["displayName"]);
        Assert.Equal(1048576, (int)model["inputTokenLimit"]!);
        Assert.Equal(65536, (int)model["outputTokenLimit"]!);
        Assert.Contains("generateContent", model["supportedGenerationMethods"]!.AsArray().Select(m => (string?)m));
        Assert.Equal(64, (int)model["topK"]!);
        Assert.True((bool)model["thinking"]!);

        var (_, gemma) = await TestHttp.GetAsync(_emulator.Client, "v1/models/gemma-3-27b-it");
        Assert.Null(gemma!["topK"]);
        Assert.NotNull(gemma["topP"]);

        var (_, embedding) = await TestHttp.GetAsync(_emulator.Client, "v1beta/models/text-embedding-004");
        Assert.Equal(new[] { "embedContent" }, embedding!["supportedGenerationMethods"]!.AsArray().Select(m => (string?)m));
    }

    [Fact]
    public async Task ScenarioModelsWithATagResolve()
    {
        var (response, model) = await TestHttp.GetAsync(_emulator.Client, "v1beta/models/fault-503x2-mytag");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("models/fault-503x2-mytag", (string?)model!["name"]);
    }

    [Fact]
    public async Task UnknownModelIs404NotFound()
    {
        var (response, body) = await TestHttp.GetAsync(_emulator.Client, "v1beta/models/gemini-9-ultra");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("NOT_FOUND", TestHttp.ErrorStatus(body));

        var (generate, error) = await TestHttp.PostAsync(_emulator.Client, "v1beta/models/gemini-9-ultra:generateContent", TestHttp.Prompt("x"));
        Assert.Equal(HttpStatusCode.NotFound, generate.StatusCode);
        Assert.Equal(
            "models/gemini-9-ultra is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.",
            (string?)error!["error"]!["message"]);
        Assert.Equal("type.googleapis.com/google.rpc.DebugInfo", (string?)error["error"]!["details"]![0]!["@type"]);
    }

    [Fact]
    public async Task EmbeddingModelDoesNotSupportGenerateContent()
    {
        var (response, body) = await TestHttp.PostAsync(_emulator.Client, "v1/models/text-embedding-004:generateContent", TestHttp.Prompt("x"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("for API version v1,", (string?)body!["error"]!["message"]);
    }
}
