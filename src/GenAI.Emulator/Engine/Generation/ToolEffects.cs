using System;
using System.Linq;
using System.Text.Json.Nodes;

namespace GenAI.Emulator.Engine.Generation;

/// <summary>Extras for the built-in tools: code execution parts and Google Search grounding metadata.</summary>
internal static class ToolEffects
{
    public static bool Has(JsonArray? tools, params string[] members) =>
        tools is not null && tools.OfType<JsonObject>().Any(tool => members.Any(tool.ContainsKey));

    /// <summary>An executableCode part printing <paramref name="text"/>, then its OUTCOME_OK result.</summary>
    public static JsonObject[] CodeExecutionParts(string text)
    {
        string literal = JsonValue.Create(text).ToJsonString();
        return new[]
        {
            new JsonObject
            {
                ["executableCode"] = new JsonObject { ["language"] = "PYTHON", ["code"] = $"print({literal})\n" },
            },
            new JsonObject
            {
                ["codeExecutionResult"] = new JsonObject { ["outcome"] = "OUTCOME_OK", ["output"] = text + "\n" },
            },
        };
    }

    /// <summary>groundingMetadata with one web chunk supporting the whole reply.</summary>
    public static JsonObject Grounding(string query, string replyText)
    {
        string searchUri = "https://www.google.com/search?q=" + Uri.EscapeDataString(query);
        return new JsonObject
        {
            ["searchEntryPoint"] = new JsonObject
            {
                ["renderedContent"] = $"<div class=\"container\"><a class=\"chip\" href=\"{searchUri}\">{System.Net.WebUtility.HtmlEncode(query)}</a></div>\n",
            },
            ["groundingChunks"] = new JsonArray
            {
                new JsonObject { ["web"] = new JsonObject { ["uri"] = "https://emulator.example.com/grounding/1", ["title"] = "emulator.example.com" } },
            },
            ["groundingSupports"] = new JsonArray
            {
                new JsonObject
                {
                    ["segment"] = new JsonObject { ["endIndex"] = System.Text.Encoding.UTF8.GetByteCount(replyText), ["text"] = replyText },
                    ["groundingChunkIndices"] = new JsonArray(0),
                    ["confidenceScores"] = new JsonArray(0.9),
                },
            },
            ["retrievalMetadata"] = new JsonObject(),
            ["webSearchQueries"] = new JsonArray(query),
        };
    }

    public static JsonObject Citation(string replyText) => new()
    {
        ["citationSources"] = new JsonArray
        {
            new JsonObject
            {
                ["startIndex"] = 0,
                ["endIndex"] = System.Text.Encoding.UTF8.GetByteCount(replyText),
                ["uri"] = "https://emulator.example.com/recitation",
                ["license"] = "",
            },
        },
    };
}
