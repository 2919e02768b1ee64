using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;

namespace GenAI.Benchmarks.Probes;

public static class Stats
{
    public static double Median(IEnumerable<double> values)
    {
        double[] sorted = values.OrderBy(v => v).ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    public static double Seconds(long startTimestamp, long endTimestamp) => (endTimestamp - startTimestamp) / (double)Stopwatch.Frequency;

    public static double Milliseconds(long fromTimestamp, long toTimestamp) => (toTimestamp - fromTimestamp) * 1000.0 / Stopwatch.Frequency;

    public static string Tag() => Guid.NewGuid().ToString("N")[..8];
}
