using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace GenAI.Emulator.Tests;

[Collection("emulator")]
public sealed class ToolsTests
{
    private readonly EmulatorFixture _emulator;

    public ToolsTests(EmulatorFixture emulator)
    {
        _emulator = emulator;
    }

    [Fact]
    public async Task CodeExecutionAddsCodeAndResultParts()
    {
        JsonNode response = await TestHttp.GenerateAsync(_emulator.Client, "gemini-2.5-flash",
            TestHttp.Prompt("sum primes", ",\"tools\":[{\"codeExecution\":{}}]"));
        JsonArray parts = response["candidates"]![0]!["content"]!["parts"]!.AsArray();

        Assert.Equal(3, parts.Count);
        Assert.Equal("PYTHON", (string?)parts[0]!["executableCode"]!["language"]);
        Assert.Equal("print(\"Echo: sum primes\")\n", (string?)parts[0]!["executableCode"]!["code"]);
        Assert.Equal("OUTCOME_OK", (string?)parts[1]!["codeExecutionResult"]!["outcome"]);
        Assert.Equal("Echo: sum primes\n", (string?)parts[1]!["codeExecutionResult"]!["output"]);
        Assert.Equal("Echo: sum primes", (string?)parts[2]!["text"]);
    }

    [Fact]
    public async Task GoogleSearchAddsGroundingMetadata()
    {
        JsonNode response = await TestHttp.GenerateAsync(_emulator.Client, "gemini-2.0-flash",
            TestHttp.Prompt("weather in London", ",\"tools\":[{\"google_search\":{}}]"));
        JsonNode grounding = response["candidates"]![0]!["groundingMetadata"]!;

        Assert.Equal("weather in London", (string?)grounding["webSearchQueries"]![0]);
        JsonNode web = grounding["groundingChunks"]![0]!["web"]!;
        Assert.StartsWith("https://", (string?)web["uri"]);
        Assert.NotNull(web["title"]);
        Assert.Equal(0, (int)grounding["groundingSupports"]![0]!["groundingChunkIndices"]![0]!);
        Assert.Contains("<div", (string?)grounding["searchEntryPoint"]!["renderedContent"]);
    }

    [Fact]
    public async Task StreamedCodeExecutionSendsToolPartsAsSeparateChunks()
    {
        var (_, raw) = await TestHttp.StreamRawAsync(_emulator.Client, "gemini-2.5-flash", TestHttp.Prompt("x", ",\"tools\":[{\"codeExecution\":{}}]"));
        var chunks = TestHttp.ParseSse(raw);
        Assert.NotNull(chunks[0]["candidates"]![0]!["content"]!["parts"]![0]!["executableCode"]);
        Assert.NotNull(chunks[1]["candidates"]![0]!["content"]!["parts"]![0]!["codeExecutionResult"]);
        Assert.Equal("Echo: x", string.Concat(chunks.Skip(2).Select(c => (string?)c["candidates"]![0]!["content"]!["parts"]![0]!["text"])));
    }
}
