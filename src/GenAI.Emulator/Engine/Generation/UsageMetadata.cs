using System.Text.Json.Nodes;
using GenAI.Emulator.Engine.Tokens;

namespace GenAI.Emulator.Engine.Generation;

/// <summary>Builds <c>usageMetadata</c>; zero counts are omitted as proto3 JSON does.</summary>
internal static class UsageMetadata
{
    public static JsonObject Build(TokenTally prompt, TokenTally cached, int candidatesTokens)
    {
        var usage = new JsonObject { ["promptTokenCount"] = prompt.Total };
        if (candidatesTokens > 0)
        {
            usage["candidatesTokenCount"] = candidatesTokens;
        }

        usage["totalTokenCount"] = prompt.Total + candidatesTokens;
        if (cached.Total > 0)
        {
            usage["cachedContentTokenCount"] = cached.Total;
        }

        if (prompt.Total > 0)
        {
            usage["promptTokensDetails"] = prompt.ToDetails();
        }

        if (cached.Total > 0)
        {
            usage["cacheTokensDetails"] = cached.ToDetails();
        }

        if (candidatesTokens > 0)
        {
            usage["candidatesTokensDetails"] = new JsonArray(new JsonObject { ["modality"] = "TEXT", ["tokenCount"] = candidatesTokens });
        }

        return usage;
    }
}
