using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace GenAI.Benchmarks.Micro;

/// <summary>
/// Runs the BenchmarkDotNet suite: short job (1 launch, 3 warm-ups, 3 iterations), in-process (no generated
/// project to build, so the suite takes a minute or two), MemoryDiagnoser. <c>--summary file.json</c> also
/// writes the means and allocations per operation for bench/Invoke-Benchmark.ps1 (and prints a last JSON line naming it); other arguments go to
/// BenchmarkDotNet (default filter: everything).
/// </summary>
public static class MicroSuite
{
    public static int Run(string[] args)
    {
        string? summaryPath = null;
        var rest = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--summary" && i + 1 < args.Length)
            {
                summaryPath = args[++i];
            }
            else
            {
                rest.Add(args[i]);
            }
        }

        if (!rest.Contains("--filter"))
        {
            rest.AddRange(new[] { "--filter", "*" });
        }

        IConfig config = DefaultConfig.Instance
            .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
            .AddDiagnoser(MemoryDiagnoser.Default)
            .WithOptions(ConfigOptions.DisableLogFile);
        Summary[] summaries = BenchmarkSwitcher.FromAssembly(typeof(MicroSuite).Assembly).Run(rest.ToArray(), config).ToArray();
        if (summaryPath != null)
        {
            File.WriteAllText(summaryPath, ToJson(summaries).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            Console.WriteLine(new JsonObject { ["probe"] = "micro", ["summary"] = summaryPath, ["loadAverage"] = Probes.ProbeRunner.LoadAverage() }.ToJsonString());
        }

        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }

    private static JsonArray ToJson(IEnumerable<Summary> summaries)
    {
        var rows = new JsonArray();
        foreach (BenchmarkReport report in summaries.SelectMany(s => s.Reports))
        {
            var benchmark = report.BenchmarkCase;
            string parameters = string.Join(",", benchmark.Parameters.Items.Select(p => $"{p.Name}={p.Value}"));
            rows.Add(new JsonObject
            {
                ["type"] = benchmark.Descriptor.Type.Name,
                ["method"] = benchmark.Descriptor.WorkloadMethod.Name,
                ["parameters"] = parameters,
                ["success"] = report.Success,
                ["meanNs"] = report.ResultStatistics?.Mean,
                ["medianNs"] = report.ResultStatistics?.Median,
                ["allocatedBytesPerOp"] = report.Success ? report.GcStats.GetBytesAllocatedPerOperation(benchmark) : null,
                ["gen0Per1000Ops"] = report.Success && report.GcStats.TotalOperations > 0 ? report.GcStats.Gen0Collections * 1000.0 / report.GcStats.TotalOperations : null,
            });
        }

        return rows;
    }
}
