using System;
using System.Linq;
using System.Net;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace GenAI.Emulator.Tests;

[Collection("emulator")]
public sealed class GenerateContentTests
{
    private readonly EmulatorFixture _emulator;

    public GenerateContentTests(EmulatorFixture emulator)
    {
        _emulator = emulator;
    }

    [Fact]
    public async Task EchoesTheLastTurnWithUsageAndMetadata()
    {
        const string body = """
            {"contents": [
              {"role": "user", "parts": [{"text": "First question"}]},
              {"role": "model", "parts": [{"text": "First answer"}]},
              {"role": "user", "parts": [{"text": "Hello, world!"}, {"text": "Again"}]}]}
            """;
        JsonNode response = await TestHttp.GenerateAsync(_emulator.Client, "gemini-2.0-flash", body);

        JsonNode candidate = response["candidates"]![0]!;
        Assert.Equal("Echo: Hello, world! Again", TestHttp.Text(response));
        Assert.Equal("model", (string?)candidate["content"]!["role"]);
        Assert.Equal("STOP", (string?)candidate["finishReason"]);
        Assert.Equal(0, (int)candidate["index"]!);
        Assert.Equal(4, candidate["safetyRatings"]!.AsArray().Count);
        Assert.All(candidate["safetyRatings"]!.AsArray(), r => Assert.Equal("NEGLIGIBLE", (string?)r!["probability"]));

        // Tokens: First question (2) + First answer (2) + Hello , world ! Again (5) = 9; reply Echo : Hello , world ! Again = 7.
        JsonNode usage = response["usageMetadata"]!;
        Assert.Equal(9, (int)usage["promptTokenCount"]!);
        Assert.Equal(7, (int)usage["candidatesTokenCount"]!);
        Assert.Equal(16, (int)usage["totalTokenCount"]!);
        Assert.Equal("gemini-2.0-flash-001", (string?)response["modelVersion"]);
        Assert.Matches("^[A-Za-z0-9_-]{23}$", (string?)response["responseId"]);
    }

    [Fact]
    public async Task RendersInlineAndFileDataParts()
    {
        string data = Convert.ToBase64String(new byte[1000]);
        string body = $$$"""
            {"contents": [{"parts": [
              {"text": "Look"},
              {"inlineData": {"mimeType": "image/png", "data": "{{{data}}}"}},
              {"file_data": {"mime_type": "video/mp4", "file_uri": "gs://bucket/v.mp4"}}]}]}
            """;
        JsonNode response = await TestHttp.GenerateAsync(_emulator.Client, "gemini-2.5-flash", body);

        Assert.Equal("Echo: Look [inlineData image/png 1000 bytes] [fileData video/mp4 gs://bucket/v.mp4]", TestHttp.Text(response));
        JsonNode usage = response["usageMetadata"]!;
        Assert.Equal(1 + 258 + 258, (int)usage["promptTokenCount"]!);
        JsonArray details = usage["promptTokensDetails"]!.AsArray();
        Assert.Contains(details, d => (string?)d!["modality"] == "IMAGE" && (int)d["tokenCount"]! == 258);
    }

    [Fact]
    public async Task SystemInstructionDoesNotChangeTheTextButIsRecorded()
    {
        string marker = Guid.NewGuid().ToString("N");
        string body = $$"""{"systemInstruction": {"parts": [{"text": "Be terse {{marker}}"}]}, "contents": [{"parts": [{"text": "hi"}]}]}""";
        JsonNode response = await TestHttp.GenerateAsync(_emulator.Client, "gemini-2.0-flash", body);

        Assert.Equal("Echo: hi", TestHttp.Text(response));
        Assert.Equal(4, (int)response["usageMetadata"]!["promptTokenCount"]!);
        Assert.Contains(_emulator.Host.Requests, r => r.Body.Contains(marker, StringComparison.Ordinal));
    }

    [Fact]
    public async Task CandidateCountGivesIndexedCandidates()
    {
        JsonNode response = await TestHttp.GenerateAsync(_emulator.Client, "gemini-2.0-flash",
            TestHttp.Prompt("hi", ",\"generationConfig\":{\"candidateCount\":3}"));

        JsonArray candidates = response["candidates"]!.AsArray();
        Assert.Equal(3, candidates.Count);
        Assert.Equal(new[] { 0, 1, 2 }, candidates.Select(c => (int)c!["index"]!));
        Assert.Equal("Echo: hi", TestHttp.Text(response, 0));
        Assert.Equal("Echo: hi (candidate 1)", TestHttp.Text(response, 1));
        Assert.Equal("Echo: hi (candidate 2)", TestHttp.Text(response, 2));
    }

    [Fact]
    public async Task MaxOutputTokensTruncatesWordsWithMaxTokens()
    {
        JsonNode response = await TestHttp.GenerateAsync(_emulator.Client, "gemini-2.0-flash",
            TestHttp.Prompt("one two three four", ",\"generation_config\":{\"max_output_tokens\":3}"));

        Assert.Equal("Echo: one two", TestHttp.Text(response));
        Assert.Equal("MAX_TOKENS", (string?)response["candidates"]![0]!["finishReason"]);
    }

    [Fact]
    public async Task StopSequencesCutBeforeTheFirstOccurrence()
    {
        JsonNode response = await TestHttp.GenerateAsync(_emulator.Client, "gemini-2.0-flash",
            TestHttp.Prompt("alpha beta STOP gamma END", ",\"generationConfig\":{\"stopSequences\":[\"END\",\"STOP\"]}"));

        Assert.Equal("Echo: alpha beta ", TestHttp.Text(response));
        Assert.Equal("STOP", (string?)response["candidates"]![0]!["finishReason"]);
    }

    [Fact]
    public async Task JsonModeFollowsTheSchema()
    {
        const string config = """
            ,"generationConfig": {"responseMimeType": "application/json", "responseSchema": {
              "type": "ARRAY", "items": {"type": "object", "properties": {
                "name": {"type": "STRING"}, "kind": {"type": "string", "enum": ["cat", "dog"]},
                "age": {"type": "INTEGER"}, "weight": {"type": "NUMBER"}, "ok": {"type": "BOOLEAN"},
                "tags": {"type": "ARRAY", "items": {"type": "STRING"}}}}}}
            """;
        JsonNode response = await TestHttp.GenerateAsync(_emulator.Client, "gemini-2.5-flash", TestHttp.Prompt("list pets", config));

        JsonNode parsed = JsonNode.Parse(TestHttp.Text(response))!;
        JsonNode expected = JsonNode.Parse("""[{"name":"string","kind":"cat","age":1,"weight":1,"ok":true,"tags":["string"]}]""")!;
        Assert.True(JsonNode.DeepEquals(expected, parsed), parsed.ToJsonString());
    }

    [Theory]
    [InlineData("{\"temperature\": 2.5}", "generation_config.temperature")]
    [InlineData("{\"temperature\": -0.1}", "generation_config.temperature")]
    [InlineData("{\"topP\": 1.5}", "generation_config.top_p")]
    [InlineData("{\"candidateCount\": 9}", "generation_config.candidate_count")]
    [InlineData("{\"stopSequences\": [\"a\",\"b\",\"c\",\"d\",\"e\",\"f\"]}", "generation_config.stop_sequences")]
    public async Task OutOfRangeGenerationConfigIs400NamingTheField(string config, string field)
    {
        var (response, body) = await TestHttp.PostAsync(_emulator.Client, "v1beta/models/gemini-2.0-flash:generateContent",
            TestHttp.Prompt("x", ",\"generationConfig\":" + config));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("INVALID_ARGUMENT", TestHttp.ErrorStatus(body));
        Assert.StartsWith($"* GenerateContentRequest.{field}:", (string?)body!["error"]!["message"]);
        Assert.Equal(field, (string?)body["error"]!["details"]![0]!["fieldViolations"]![0]!["field"]);
    }

    [Fact]
    public async Task UnknownFieldsAreRejectedLikeTheProtoParser()
    {
        var (response, body) = await TestHttp.PostAsync(_emulator.Client, "v1beta/models/gemini-2.0-flash:generateContent",
            "{\"contents\":[{\"parts\":[{\"text\":\"x\"}]}],\"prompt\":\"x\"}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Invalid JSON payload received. Unknown name \"prompt\": Cannot find field.", (string?)body!["error"]!["message"]);

        var (nested, nestedBody) = await TestHttp.PostAsync(_emulator.Client, "v1beta/models/gemini-2.0-flash:generateContent",
            "{\"contents\":[{\"parts\":[{\"txt\":\"x\"}]}]}");
        Assert.Equal(HttpStatusCode.BadRequest, nested.StatusCode);
        Assert.Equal("Invalid JSON payload received. Unknown name \"txt\" at 'contents[0].parts[0]': Cannot find field.", (string?)nestedBody!["error"]!["message"]);
    }

    [Fact]
    public async Task InvalidJsonAndEmptyContentsAre400()
    {
        var (response, body) = await TestHttp.PostAsync(_emulator.Client, "v1beta/models/gemini-2.0-flash:generateContent", "{\"contents\": [");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("Invalid JSON payload received.", (string?)body!["error"]!["message"]);

        var (empty, emptyBody) = await TestHttp.PostAsync(_emulator.Client, "v1beta/models/gemini-2.0-flash:generateContent", "{\"contents\": []}");
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal("* GenerateContentRequest.contents: contents is not specified\n", (string?)emptyBody!["error"]!["message"]);

        var (noParts, _) = await TestHttp.PostAsync(_emulator.Client, "v1beta/models/gemini-2.0-flash:generateContent", "{\"contents\": [{\"role\":\"user\",\"parts\":[]}]}");
        Assert.Equal(HttpStatusCode.BadRequest, noParts.StatusCode);
    }

    [Theory]
    [InlineData(",\"safetySettings\":[{\"category\":\"HARM_CATEGORY_HARASMENT\",\"threshold\":\"BLOCK_NONE\"}]", "safety_settings[0].category")]
    [InlineData(",\"safety_settings\":[{\"category\":\"HARM_CATEGORY_HARASSMENT\",\"threshold\":\"BLOCK_SOME\"}]", "safety_settings[0].threshold")]
    [InlineData(",\"toolConfig\":{\"functionCallingConfig\":{\"mode\":\"SOMETIMES\"}}", "tool_config.function_calling_config.mode")]
    public async Task UnknownEnumValuesAreRejected(string extra, string field)
    {
        var (response, body) = await TestHttp.PostAsync(_emulator.Client, "v1beta/models/gemini-2.0-flash:generateContent", TestHttp.Prompt("x", extra));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith($"Invalid JSON payload received. Invalid value at '{field}'", (string?)body!["error"]!["message"]);
    }

    [Fact]
    public async Task ValidEnumNamesAndNumbersAreAccepted()
    {
        JsonNode response = await TestHttp.GenerateAsync(_emulator.Client, "gemini-2.0-flash", TestHttp.Prompt("x",
            ",\"safetySettings\":[{\"category\":\"HARM_CATEGORY_HARASSMENT\",\"threshold\":\"BLOCK_ONLY_HIGH\"},{\"category\":10,\"threshold\":4}]"));
        Assert.Equal("Echo: x", TestHttp.Text(response));
    }

    [Fact]
    public async Task TopKIsRejectedForAModelWithoutTopK()
    {
        var (response, body) = await TestHttp.PostAsync(_emulator.Client, "v1beta/models/gemma-3-27b-it:generateContent",
            TestHttp.Prompt("x", ",\"generationConfig\":{\"topK\":5}"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("top_k", (string?)body!["error"]!["message"]);
    }

    [Fact]
    public async Task CountTokensAcceptsContentsOrGenerateContentRequest()
    {
        var (plain, plainBody) = await TestHttp.PostAsync(_emulator.Client, "v1beta/models/gemini-2.0-flash:countTokens",
            "{\"contents\":[{\"parts\":[{\"text\":\"The quick brown fox.\"}]}]}");
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Equal(5, (int)plainBody!["totalTokens"]!);
        Assert.Null(plainBody["cachedContentTokenCount"]);

        var (nested, nestedBody) = await TestHttp.PostAsync(_emulator.Client, "v1beta/models/gemini-2.0-flash:countTokens",
            "{\"generate_content_request\":{\"model\":\"models/gemini-2.0-flash\",\"systemInstruction\":{\"parts\":[{\"text\":\"Be nice\"}]},\"contents\":[{\"parts\":[{\"text\":\"The quick brown fox.\"}]}]}}");
        Assert.Equal(HttpStatusCode.OK, nested.StatusCode);
        Assert.Equal(7, (int)nestedBody!["totalTokens"]!);

        var (missingModel, _) = await TestHttp.PostAsync(_emulator.Client, "v1beta/models/gemini-2.0-flash:countTokens",
            "{\"generateContentRequest\":{\"contents\":[{\"parts\":[{\"text\":\"x\"}]}]}}");
        Assert.Equal(HttpStatusCode.BadRequest, missingModel.StatusCode);
    }

    [Fact]
    public async Task V1AcceptsGenerateContent()
    {
        var (response, body) = await TestHttp.PostAsync(_emulator.Client, "v1/models/gemini-1.5-flash:generateContent", TestHttp.Prompt("v1 works"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Echo: v1 works", TestHttp.Text(body!));
    }
}
