using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace GenAI.Emulator.Cassettes;

/// <summary>
/// Explains a request no cassette matches: names the closest cassette (same method and path first, then the
/// fewest differing values) and what differs, so a failing Pester test says what to fix or to record.
/// </summary>
internal static class CassetteMismatch
{
    private const int ShownDifferences = 3;
    private const int ShownValueLength = 80;

    public static string Describe(CassetteRequest request, IReadOnlyList<Cassette> cassettes, string folder)
    {
        string head = $"No cassette in '{folder}' matches {request}.";
        const string hint = " Record it with Start-GenAIEmulator -RecordTo <folder> -RecordMissing, or make the request match the recorded one.";
        if (cassettes.Count == 0)
        {
            return head + " The folder holds no cassettes." + hint;
        }

        JsonObject wanted = request.MatchedParts();
        var ranked = cassettes
            .Select(c => (Cassette: c, Differences: Differences(wanted, c.Request.MatchedParts())))
            .OrderBy(x => x.Cassette.Request.Method == request.Method ? 0 : 1)
            .ThenBy(x => x.Cassette.Request.Path == request.Path ? 0 : 1)
            .ThenBy(x => x.Differences.Count)
            .ThenBy(x => x.Cassette.FileName, StringComparer.Ordinal)
            .First();

        var what = new List<string>();
        if (ranked.Cassette.Request.Method != request.Method)
        {
            what.Add($"the method is {request.Method} here, {ranked.Cassette.Request.Method} in the cassette");
        }

        if (ranked.Cassette.Request.Path != request.Path)
        {
            what.Add($"the path is {request.Path} here, {ranked.Cassette.Request.Path} in the cassette");
        }

        what.AddRange(ranked.Differences.Take(ShownDifferences));
        if (ranked.Differences.Count > ShownDifferences)
        {
            what.Add($"{ranked.Differences.Count - ShownDifferences} more difference(s)");
        }

        if (what.Count == 0)
        {
            what.Add("no difference in what is matched (method, path, query, upload headers, body)");
        }

        return $"{head} The closest cassette is '{ranked.Cassette.FileName}': {string.Join("; ", what)}.{hint}";
    }

    /// <summary>Each differing value as "at body.json.contents[0].parts[0].text: "Hi" here, "Hello" in the cassette".</summary>
    public static List<string> Differences(JsonNode? here, JsonNode? there)
    {
        var found = new List<string>();
        Compare(here, there, string.Empty, found);
        return found;
    }

    private static void Compare(JsonNode? here, JsonNode? there, string path, List<string> found)
    {
        if (here is JsonObject a && there is JsonObject b)
        {
            foreach (string name in a.Select(p => p.Key).Union(b.Select(p => p.Key)).Order(StringComparer.Ordinal))
            {
                string child = path.Length == 0 ? name : path + "." + name;
                if (!a.ContainsKey(name))
                {
                    found.Add($"{child} is absent here, {Show(b[name])} in the cassette");
                }
                else if (!b.ContainsKey(name))
                {
                    found.Add($"{child} is {Show(a[name])} here, absent in the cassette");
                }
                else
                {
                    Compare(a[name], b[name], child, found);
                }
            }

            return;
        }

        if (here is JsonArray x && there is JsonArray y)
        {
            for (int i = 0; i < Math.Max(x.Count, y.Count); i++)
            {
                string child = $"{path}[{i}]";
                if (i >= x.Count)
                {
                    found.Add($"{child} is absent here, {Show(y[i])} in the cassette");
                }
                else if (i >= y.Count)
                {
                    found.Add($"{child} is {Show(x[i])} here, absent in the cassette");
                }
                else
                {
                    Compare(x[i], y[i], child, found);
                }
            }

            return;
        }

        if (CassetteJson.ToCanonical(here) != CassetteJson.ToCanonical(there))
        {
            found.Add($"{path} is {Show(here)} here, {Show(there)} in the cassette");
        }
    }

    private static string Show(JsonNode? value)
    {
        string text = CassetteJson.ToCanonical(value);
        return text.Length <= ShownValueLength ? text : text[..ShownValueLength] + "…";
    }
}
