using System.Text.Json.Nodes;
using GenAI.Emulator.Engine.Json;
using GenAI.Emulator.Engine.Scenarios;
using GenAI.Emulator.Engine.Tokens;

namespace GenAI.Emulator.Tests;

public sealed class WireFormatTests
{
    [Fact]
    public void CompactJsonMatchesTheRecordedSseStyle()
    {
        var node = JsonNode.Parse("""{"candidates":[{"content":{"parts":[{"text":"The"}],"role":"model"}}],"usageMetadata":{"promptTokensDetails":[{"modality":"TEXT","tokenCount":7}]}}""");
        Assert.Equal(
            "{\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"The\"}],\"role\": \"model\"}}],\"usageMetadata\": {\"promptTokensDetails\": [{\"modality\": \"TEXT\",\"tokenCount\": 7}]}}",
            WireJson.ToCompactString(node));
    }

    [Fact]
    public void PrettyJsonUsesTwoSpacesAndEscapesHtmlCharacters()
    {
        var node = JsonNode.Parse("""{"a":{"b":["<x>",1.5,true,null],"c":{},"d":[]},"e":"é\n"}""");
        Assert.Equal(
            "{\n  \"a\": {\n    \"b\": [\n      \"\\u003cx\\u003e\",\n      1.5,\n      true,\n      null\n    ],\n    \"c\": {},\n    \"d\": []\n  },\n  \"e\": \"é\\n\"\n}",
            WireJson.ToPrettyString(node));
    }

    [Theory]
    [InlineData("Hello, world!", 4)]
    [InlineData("Echo: it's 2.5 km", 9)]
    [InlineData("  ", 0)]
    [InlineData("snake_case_word", 1)]
    public void TokenRuleCountsWordsAndPunctuation(string text, int expected)
    {
        Assert.Equal(expected, TokenCounter.CountText(text));
    }

    [Theory]
    [InlineData("fault-503x2-abc", ScenarioKind.Fault503Twice, 0)]
    [InlineData("fault-reset-after-7-t", ScenarioKind.FaultResetAfter, 7)]
    [InlineData("fault-reset-gated-after-2-t", ScenarioKind.FaultResetGatedAfter, 2)]
    [InlineData("fault-reset-x", ScenarioKind.FaultReset, 0)]
    [InlineData("slow-25ms-q", ScenarioKind.Slow, 25)]
    [InlineData("stream-100000", ScenarioKind.Stream, 100000)]
    [InlineData("fault-midstream-3", ScenarioKind.FaultMidstream, 3)]
    public void ScenarioIdsParseWithFreeTags(string id, ScenarioKind kind, int number)
    {
        Assert.True(ScenarioParser.TryParse(id, out Scenario scenario));
        Assert.Equal(kind, scenario.Kind);
        Assert.Equal(number, scenario.Number);
    }

    [Theory]
    [InlineData("gemini-2.0-flash")]
    [InlineData("slow-ms")]
    [InlineData("stream-0")]
    [InlineData("stream-100001")]
    public void OtherIdsAreNotScenarios(string id)
    {
        Assert.False(ScenarioParser.TryParse(id, out _));
    }
}
