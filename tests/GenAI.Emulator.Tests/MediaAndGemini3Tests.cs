using System;
using System.Net;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace GenAI.Emulator.Tests;

/// <summary>Image and speech models, and Gemini 3 thinking level and thought-signature checks.</summary>
[Collection("emulator")]
public sealed class MediaAndGemini3Tests
{
    private readonly EmulatorFixture _emulator;

    public MediaAndGemini3Tests(EmulatorFixture emulator)
    {
        _emulator = emulator;
    }

    [Fact]
    public async Task ImageModelsReturnAPngOfTheAspectRatioAfterTheText()
    {
        JsonNode response = await TestHttp.GenerateAsync(_emulator.Client, "gemini-2.5-flash-image",
            """{"contents": [{"parts": [{"text": "a cat"}]}], "generationConfig": {"responseModalities": ["TEXT", "IMAGE"], "imageConfig": {"aspectRatio": "9:16"}}}""");
        JsonArray parts = response["candidates"]![0]!["content"]!["parts"]!.AsArray();
        Assert.Equal("Echo: a cat", (string?)parts[0]!["text"]);
        Assert.Equal("image/png", (string?)parts[1]!["inlineData"]!["mimeType"]);
        byte[] png = Convert.FromBase64String((string)parts[1]!["inlineData"]!["data"]!);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, png[..4]);
        Assert.Equal(36, (png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19]);
        Assert.Equal(64, (png[20] << 24) | (png[21] << 16) | (png[22] << 8) | png[23]);
    }

    [Fact]
    public async Task TtsModelsReturnPcmAndRefuseTextOnlyReplies()
    {
        JsonNode response = await TestHttp.GenerateAsync(_emulator.Client, "gemini-2.5-flash-preview-tts",
            """{"contents": [{"parts": [{"text": "one two three"}]}], "generationConfig": {"responseModalities": ["AUDIO"], "speechConfig": {"voiceConfig": {"prebuiltVoiceConfig": {"voiceName": "Kore"}}}}}""");
        JsonNode part = response["candidates"]![0]!["content"]!["parts"]![0]!;
        Assert.Equal("audio/L16;codec=pcm;rate=24000", (string?)part["inlineData"]!["mimeType"]);
        // "Echo: one two three": 0.1 s of 16-bit samples per word.
        Assert.Equal(4 * 2400 * 2, Convert.FromBase64String((string)part["inlineData"]!["data"]!).Length);

        var (refused, _) = await TestHttp.PostAsync(_emulator.Client, "v1beta/models/gemini-2.5-flash-preview-tts:generateContent", """{"contents": [{"parts": [{"text": "x"}]}]}""");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }

    [Theory]
    [InlineData("""{"thinkingConfig": {"thinkingLevel": "low", "thinkingBudget": 100}}""", "gemini-3-flash-preview")]
    [InlineData("""{"thinkingConfig": {"thinkingLevel": "LOW"}}""", "gemini-2.5-flash")]
    [InlineData("""{"responseModalities": ["IMAGE"], "imageConfig": {"imageSize": "1k"}}""", "gemini-3-pro-image-preview")]
    public async Task InvalidGemini3SettingsAreRefused(string config, string model)
    {
        var (response, body) = await TestHttp.PostAsync(_emulator.Client, $"v1beta/models/{model}:generateContent",
            $$"""{"contents": [{"parts": [{"text": "x"}]}], "generationConfig": {{config}}}""");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("INVALID_ARGUMENT", (string?)body!["error"]!["status"]);
    }

    [Fact]
    public async Task Gemini3SignsItsFunctionCallsAndChecksThemInTheCurrentTurn()
    {
        const string tools = """[{"functionDeclarations": [{"name": "lookup", "parameters": {"type": "OBJECT", "properties": {"city": {"type": "STRING"}}}}]}]""";
        JsonNode first = await TestHttp.GenerateAsync(_emulator.Client, "gemini-3-flash-preview",
            $$"""{"contents": [{"role": "user", "parts": [{"text": "Use lookup with city=Oslo"}]}], "tools": {{tools}}}""");
        JsonNode call = first["candidates"]![0]!["content"]!["parts"]![0]!;
        string signature = (string)call["thoughtSignature"]!;

        string FollowUp(string? sig) =>
            """{"contents": [{"role": "user", "parts": [{"text": "Use lookup with city=Oslo"}]}, {"role": "model", "parts": [{"functionCall": """
            + call["functionCall"]!.ToJsonString() + (sig is null ? "" : ", \"thoughtSignature\": \"" + sig + "\"")
            + """}]}, {"role": "user", "parts": [{"functionResponse": {"name": "lookup", "response": {"temp": 20}}}]}], "tools": """ + tools + "}";
        var (ok, _) = await TestHttp.PostAsync(_emulator.Client, "v1beta/models/gemini-3-flash-preview:generateContent", FollowUp(signature));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);

        var (missing, body) = await TestHttp.PostAsync(_emulator.Client, "v1beta/models/gemini-3-flash-preview:generateContent", FollowUp(null));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("missing a thought_signature", (string?)body!["error"]!["message"]);

        string altered = (signature[0] == 'A' ? 'B' : 'A') + signature[1..];
        var (corrupted, _) = await TestHttp.PostAsync(_emulator.Client, "v1beta/models/gemini-3-flash-preview:generateContent", FollowUp(altered));
        Assert.Equal(HttpStatusCode.BadRequest, corrupted.StatusCode);

        var (bypassed, _) = await TestHttp.PostAsync(_emulator.Client, "v1beta/models/gemini-3-flash-preview:generateContent", FollowUp("context_engineering_is_the_way_to_go"));
        Assert.Equal(HttpStatusCode.OK, bypassed.StatusCode);
    }
}
