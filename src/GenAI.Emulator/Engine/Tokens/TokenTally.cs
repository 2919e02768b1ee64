using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace GenAI.Emulator.Engine.Tokens;

/// <summary>A token count split by modality (TEXT, IMAGE, AUDIO, VIDEO, DOCUMENT).</summary>
public sealed class TokenTally
{
    private static readonly string[] s_order = { "TEXT", "IMAGE", "AUDIO", "VIDEO", "DOCUMENT" };
    private readonly Dictionary<string, int> _byModality = new();

    public int Total { get; private set; }

    public int this[string modality] => _byModality.TryGetValue(modality, out int value) ? value : 0;

    public void Add(string modality, int tokens)
    {
        if (tokens <= 0)
        {
            return;
        }

        _byModality[modality] = this[modality] + tokens;
        Total += tokens;
    }

    public void Add(TokenTally other)
    {
        foreach (var (modality, tokens) in other._byModality)
        {
            Add(modality, tokens);
        }
    }

    /// <summary><c>[{"modality": "TEXT", "tokenCount": n}, ...]</c>, as in promptTokensDetails.</summary>
    public JsonArray ToDetails()
    {
        var details = new JsonArray();
        foreach (string modality in s_order.Where(m => this[m] > 0))
        {
            details.Add(new JsonObject { ["modality"] = modality, ["tokenCount"] = this[modality] });
        }

        return details;
    }
}
