using System.Text.Json.Nodes;
using GenAI.Emulator.Engine.Caches;
using GenAI.Emulator.Engine.Models;
using GenAI.Emulator.Engine.Scenarios;
using GenAI.Emulator.Engine.Tokens;

namespace GenAI.Emulator.Engine.Generation;

/// <summary>Everything one generate call needs: the model, its scenario, the request and the cache it uses.</summary>
internal sealed class GenerationContext
{
    public required ModelInfo Model { get; init; }

    public Scenario? Scenario { get; init; }

    public required GenerateRequest Request { get; init; }

    public CachedContentEntry? Cache { get; init; }

    public required string ResponseId { get; init; }

    public JsonArray? Tools => Request.Tools ?? Cache?.Tools;

    public JsonObject? ToolConfig => Request.ToolConfig ?? Cache?.ToolConfig;

    public JsonObject? LastContent => Request.Contents.Count > 0 ? Request.Contents[^1] as JsonObject : null;

    public ScenarioKind? Kind => Scenario?.Kind;

    public TokenTally CachedTokens() => Cache?.Tokens ?? new TokenTally();

    /// <summary>Request contents + system instruction + tools, plus the cache's tokens.</summary>
    public TokenTally PromptTokens()
    {
        var tally = new TokenTally();
        tally.Add(TokenCounter.CountContents(Request.Contents));
        tally.Add(TokenCounter.CountContent(Request.SystemInstruction));
        tally.Add(TokenCounter.CountTools(Request.Tools));
        tally.Add(CachedTokens());
        return tally;
    }
}
