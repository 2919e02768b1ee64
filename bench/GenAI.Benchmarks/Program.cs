using System;
using System.Threading.Tasks;
using GenAI.Benchmarks.Micro;
using GenAI.Benchmarks.Probes;

namespace GenAI.Benchmarks;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine("usage: GenAI.Benchmarks micro [--summary <file.json>] [BenchmarkDotNet args] | probe <name> [--option value ...]");
            Console.Error.WriteLine("probes: " + string.Join(", ", ProbeRunner.Names));
            return 2;
        }

        return args[0] switch
        {
            "micro" => MicroSuite.Run(args[1..]),
            "probe" => await ProbeRunner.RunAsync(args[1..]).ConfigureAwait(false),
            _ => throw new ArgumentException($"Unknown mode '{args[0]}' (micro or probe)."),
        };
    }
}
