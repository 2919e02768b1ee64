using System;
using System.Collections.Generic;
using System.Globalization;

namespace GenAI.Benchmarks.Probes;

/// <summary><c>--name value</c> pairs of a probe's command line.</summary>
public sealed class ProbeArgs
{
    private readonly Dictionary<string, string> _values = new(StringComparer.OrdinalIgnoreCase);

    public ProbeArgs(IReadOnlyList<string> args)
    {
        for (int i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new ArgumentException($"Expected '--name value' pairs, got '{args[i]}'.");
            }

            _values[args[i][2..]] = args[++i];
        }
    }

    public string Get(string name, string? fallback = null) =>
        _values.TryGetValue(name, out string? value) ? value : fallback ?? throw new ArgumentException($"--{name} is required.");

    public int GetInt(string name, int fallback) =>
        _values.TryGetValue(name, out string? value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    public Uri BaseUri => new(Get("base").TrimEnd('/') + "/");

    public string Key => Get("key", "emulator-key");
}
