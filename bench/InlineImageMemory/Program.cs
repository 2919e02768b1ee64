using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using GenAI.Core;
using GenAI.Core.Input;
using GenAI.Core.Models;
using GenAI.Core.Protocol;
using GenAI.Emulator;
using InlineImageMemory;

// Parent: writes a random "image", starts the emulator, runs each measurement in a fresh child process
// (so one cannot inherit another's heap) and prints the growth of the child's peak working set over its
// own baseline (taken after a warm-up call), as a ratio to the file size.
// Child (--child MODE URI FILE): makes the call and prints one JSON line.
if (args.Length >= 4 && args[0] == "--child") return await Child.RunAsync(args[1], new Uri(args[2]), args[3]);

int sizeMb = 20;
string? module = null;
string? jsonOut = null;
for (int i = 0; i < args.Length - 1; i++)
{
    if (args[i] == "--size-mb") sizeMb = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
    if (args[i] == "--module") module = Path.GetFullPath(args[i + 1]);
    if (args[i] == "--json") jsonOut = Path.GetFullPath(args[i + 1]);   // also write the rows as JSON (bench/Invoke-Benchmark.ps1 reads them)
}
var rows = new List<Dictionary<string, object>>();

string file = Path.Combine(Path.GetTempPath(), $"genai-bench-{Environment.ProcessId}.png");
var random = new byte[sizeMb * 1_000_000];
new Random(20).NextBytes(random);
File.WriteAllBytes(file, random);
random = null;
try
{
    await using var emulator = await EmulatorHost.StartAsync(new EmulatorOptions { ApiKey = "emulator-key", Port = 0, MaxRequestBodyBytes = 128L * 1024 * 1024, FileProcessingDelay = TimeSpan.Zero });
    Console.WriteLine($"Peak working-set growth for a {sizeMb} MB image prompt ({new FileInfo(file).Length:N0} bytes), child processes against the emulator at {emulator.BaseUri}");
    Console.WriteLine();
    Console.WriteLine($"{"Path",-58} {"Baseline",10} {"Peak",10} {"Growth",10} {"Ratio",7}");
    var modes = new List<(string Mode, string Label)>
    {
        ("materialized", "Baseline: bytes → base64 string → JSON byte[] (old way)"),
        ("streamed", "Inline, base64 streamed into the request body"),
        ("automatic", "As the cmdlets send it (over 20 MiB → Files API upload)"),
    };
    foreach (var (mode, label) in modes) Print(label, RunChild(mode, emulator.BaseUri, file));
    if (module != null && File.Exists(module)) Print("Invoke-GenerateContent -Path (pwsh, whole process)", RunPwsh(module, emulator.BaseUri, file));
    Console.WriteLine();
    Console.WriteLine("Ratio = (peak - baseline) / file size. Budget for an inline image prompt: 2.5×.");
    if (jsonOut != null) File.WriteAllText(jsonOut, JsonSerializer.Serialize(rows));
}
finally
{
    File.Delete(file);
}
return 0;

void Print(string label, JsonElement? result)
{
    if (result is not JsonElement r)
    {
        Console.WriteLine($"{label,-58} {"failed",10}");
        rows.Add(new Dictionary<string, object> { ["label"] = label, ["failed"] = true });
        return;
    }
    static string Mb(long bytes) => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture) + " MB";
    long baseline = r.GetProperty("baseline").GetInt64(), peak = r.GetProperty("peak").GetInt64(), size = r.GetProperty("fileBytes").GetInt64();
    double ratio = (peak - baseline) / (double)size;
    rows.Add(new Dictionary<string, object>
    {
        ["label"] = label, ["mode"] = r.GetProperty("mode").GetString()!, ["fileBytes"] = size, ["baseline"] = baseline, ["peak"] = peak, ["ratio"] = ratio,
    });
    Console.WriteLine($"{label,-58} {Mb(baseline),10} {Mb(peak),10} {Mb(peak - baseline),10} {ratio.ToString("0.00", CultureInfo.InvariantCulture) + "×",7}");
}

static JsonElement? RunChild(string mode, Uri baseUri, string file)
{
    var self = Environment.ProcessPath!;
    var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, RedirectStandardError = true };
    if (Path.GetFileNameWithoutExtension(self) == "dotnet") start.ArgumentList.Add(typeof(Child).Assembly.Location);
    foreach (var a in new[] { "--child", mode, baseUri.AbsoluteUri, file }) start.ArgumentList.Add(a);
    return Collect(start);
}

static JsonElement? RunPwsh(string module, Uri baseUri, string file)
{
    string script = Path.Combine(AppContext.BaseDirectory, "MeasurePwsh.ps1");
    var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(module)! };
    foreach (var a in new[] { "pwsh", "-NoProfile", "-NonInteractive", "-File", script, module, baseUri.AbsoluteUri, file }) start.ArgumentList.Add(a);
    start.WorkingDirectory = FindRepository(module);
    return Collect(start);
}

static string FindRepository(string from)
{
    for (var dir = new DirectoryInfo(Path.GetDirectoryName(from)!); dir != null; dir = dir.Parent)
        if (Directory.Exists(Path.Combine(dir.FullName, ".config")) || File.Exists(Path.Combine(dir.FullName, "build.ps1"))) return dir.FullName;
    return Environment.CurrentDirectory;
}

static JsonElement? Collect(ProcessStartInfo start)
{
    using var child = Process.Start(start)!;
    string output = child.StandardOutput.ReadToEnd();
    string errors = child.StandardError.ReadToEnd();
    child.WaitForExit();
    var line = output.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith('{'));
    if (child.ExitCode != 0 || line == null)
    {
        Console.Error.WriteLine($"  child failed (exit {child.ExitCode}): {errors.Trim()} {output.Trim()}");
        return null;
    }
    return JsonDocument.Parse(line).RootElement.Clone();
}

internal static class Child
{
    public static async Task<int> RunAsync(string mode, Uri baseUri, string file)
    {
        using var client = new GenAIClient(new GenAIClientOptions { BaseUri = baseUri, ApiKey = "emulator-key" });
        var model = new GenerativeModel("echo");
        string expected = $"[inlineData image/png {new FileInfo(file).Length} bytes]";

        // Warm-up: JIT, connection pool, serializers, the upload path (a small file each way).
        string warmFile = Path.Combine(Path.GetTempPath(), $"genai-bench-warm-{Environment.ProcessId}.png");
        File.WriteAllBytes(warmFile, new byte[64 * 1024]);
        try
        {
            await SendAsync(mode, client, model, warmFile, maxInline: 1);
        }
        finally
        {
            File.Delete(warmFile);
        }

        using var peak = PeakMemory.Start();
        string text = await SendAsync(mode, client, model, file, maxInline: InlineLimits.MaxRequestBytes);
        long top = peak.Peak();
        if (mode != "automatic" && !text.Contains(expected, StringComparison.Ordinal)) throw new InvalidOperationException("Unexpected reply: " + text);
        if (mode == "automatic" && !text.Contains("[fileData image/png", StringComparison.Ordinal)) throw new InvalidOperationException("Unexpected reply: " + text);
        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["mode"] = mode, ["fileBytes"] = new FileInfo(file).Length, ["baseline"] = peak.Baseline, ["peak"] = top, ["method"] = peak.Method,
        }));
        return 0;
    }

    private static async Task<string> SendAsync(string mode, GenAIClient client, GenerativeModel model, string file, long maxInline)
    {
        Part image = mode switch
        {
            "materialized" => new Part { InlineData = new Blob { MimeType = "image/png", Data = Convert.ToBase64String(File.ReadAllBytes(file)) } },
            _ => FileParts.FromFile(new FileInfo(file)),
        };
        IReadOnlyList<Content> contents = new[] { new Content("user", new[] { Part.FromText("Describe"), image }) };
        if (mode == "automatic") contents = await client.Files.MoveLargeInlineDataToFilesAsync(contents, maxInline == 1 ? 1 : InlineLimits.MaxRequestBytes);
        var reply = await client.Models.GenerateContentAsync(model, contents);
        return reply.Text;
    }
}
