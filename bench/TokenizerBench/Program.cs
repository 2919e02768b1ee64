using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using GenAI.Core.Tests.Tokenization;
using GenAI.Core.Tokenization;

// Stopwatch benchmark (single thread): vocabulary load time, then tokens/s on >= 10 MB of text, by wall clock and by
// process CPU time (the second is what the encoder costs when other processes share the cores).
//   dotnet run -c Release --project bench/TokenizerBench [-- [vocabulary] [--json results.json]]
// "--dump-corpus <file> [seed] [count]" writes the test corpus as a JSON array instead (for hf-crosscheck.mjs).
if (args.Length >= 2 && args[0] == "--dump-corpus")
{
    int seed = args.Length > 2 ? int.Parse(args[2]) : 20261125;
    int count = args.Length > 3 ? int.Parse(args[3]) : 10000;
    File.WriteAllText(args[1], System.Text.Json.JsonSerializer.Serialize(TokenizerCorpus.Fixed.Concat(TokenizerCorpus.Generate(seed, count)).ToList()));
    return;
}

string? jsonOut = null;
var positional = new List<string>();
for (int a = 0; a < args.Length; a++)
{
    if (args[a] == "--json" && a + 1 < args.Length) jsonOut = args[++a];
    else positional.Add(args[a]);
}

string vocab = positional.Count > 0 ? positional[0] : FindVocab();
var results = new List<Dictionary<string, object>>();
Console.WriteLine($"runtime: {Environment.Version}, {Environment.ProcessorCount} CPU(s), vocabulary: {vocab}");

var sw = Stopwatch.StartNew();
var tok = GemmaTokenizer.Load(vocab);
Console.WriteLine($"load (cold, incl. JIT): {sw.ElapsedMilliseconds} ms, {tok.VocabularySize} pieces");
long best = long.MaxValue;
for (int i = 0; i < 3; i++)
{
    sw.Restart();
    GemmaTokenizer.Load(vocab);
    best = Math.Min(best, sw.ElapsedMilliseconds);
}

Console.WriteLine($"load (warm, best of 3): {best} ms");
results.Add(new Dictionary<string, object> { ["name"] = "load (warm, best of 3)", ["ms"] = best });

const int TargetChars = 10 * 1024 * 1024;
string english = TokenizerCorpus.EnglishText(TargetChars);
var paragraphs = english.Split(new[] { "\n\n" }, StringSplitOptions.None).Select(p => p + "\n\n").ToArray();
var mixedBuilder = new StringBuilder();
var fixedCorpus = TokenizerCorpus.Fixed.Concat(TokenizerCorpus.Generate(1, 2000)).ToArray();
var mixed = new List<string>();
while (mixedBuilder.Length < TargetChars)
{
    foreach (string s in fixedCorpus)
    {
        mixed.Add(s);
        mixedBuilder.Append(s);
    }
}

Measure("English prose, one 10 MB string", () => tok.CountTokens(english), english.Length);
Measure("English prose, per paragraph", () => { int n = 0; foreach (string p in paragraphs) n += tok.CountTokens(p); return n; }, english.Length);
Measure("English prose, Encode (ids)", () => tok.Encode(english).Count, english.Length);
Measure("mixed corpus (fixed + generated, all scripts)", () => { int n = 0; foreach (string s in mixed) n += tok.CountTokens(s); return n; }, mixedBuilder.Length);

if (jsonOut != null)
{
    File.WriteAllText(jsonOut, System.Text.Json.JsonSerializer.Serialize(results, new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
    Console.WriteLine($"results written to {jsonOut}");
}

void Measure(string name, Func<int> run, int chars)
{
    int tokens = run(); // warm-up
    double bestSeconds = double.MaxValue, bestCpuSeconds = double.MaxValue;
    var process = Process.GetCurrentProcess();
    for (int i = 0; i < 5; i++)
    {
        process.Refresh();
        TimeSpan cpu = process.TotalProcessorTime;
        var w = Stopwatch.StartNew();
        run();
        double wall = w.Elapsed.TotalSeconds;
        process.Refresh();
        bestSeconds = Math.Min(bestSeconds, wall);
        bestCpuSeconds = Math.Min(bestCpuSeconds, (process.TotalProcessorTime - cpu).TotalSeconds);
    }

    double perSecond = tokens / bestSeconds, perCpuSecond = tokens / bestCpuSeconds;
    Console.WriteLine($"{name,-48} {tokens,10:N0} tokens {chars / 1048576.0,6:F1} MB chars  {bestSeconds * 1000,8:F0} ms  {perSecond / 1e6,6:F2} M tokens/s  ({perCpuSecond / 1e6,5:F2} M tokens/CPU-s)");
    results.Add(new Dictionary<string, object>
    {
        ["name"] = name, ["tokens"] = tokens, ["chars"] = chars, ["ms"] = Math.Round(bestSeconds * 1000, 1),
        ["tokensPerSecond"] = Math.Round(perSecond), ["tokensPerCpuSecond"] = Math.Round(perCpuSecond),
    });
}

static string FindVocab()
{
    for (var d = new DirectoryInfo(AppContext.BaseDirectory); d != null; d = d.Parent)
    {
        string p = Path.Combine(d.FullName, ".cache", "tokenizer", TokenizerCache.TokenizerJsonFileName);
        if (File.Exists(p)) return p;
    }

    throw new FileNotFoundException("Vocabulary not found; run: node tests/tools/tokenizer-reference/fetch-vocab.mjs");
}
