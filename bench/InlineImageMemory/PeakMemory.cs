using System;
using System.Diagnostics;
using System.IO;
using System.Threading;

namespace InlineImageMemory;

/// <summary>
/// Peak working set over an interval. On Linux the kernel's high-water mark (VmHWM) is reset at the
/// start (/proc/self/clear_refs) and read at the end; elsewhere a thread samples the working set.
/// </summary>
internal sealed class PeakMemory : IDisposable
{
    private readonly Thread? _sampler;
    private readonly bool _kernel;
    private volatile bool _stop;
    private long _sampledPeak;

    private PeakMemory()
    {
        _kernel = OperatingSystem.IsLinux() && TryResetHighWaterMark();
        Baseline = WorkingSet();
        _sampledPeak = Baseline;
        if (_kernel) return;
        _sampler = new Thread(Sample) { IsBackground = true, Priority = ThreadPriority.Highest };
        _sampler.Start();
    }

    public long Baseline { get; }

    public string Method => _kernel ? "VmHWM" : "sampled every 2 ms";

    public static PeakMemory Start()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return new PeakMemory();
    }

    public long Peak()
    {
        if (_kernel) return ReadStatus("VmHWM:");
        return Interlocked.Read(ref _sampledPeak);
    }

    private void Sample()
    {
        while (!_stop)
        {
            long now = WorkingSet();
            if (now > Interlocked.Read(ref _sampledPeak)) Interlocked.Exchange(ref _sampledPeak, now);
            Thread.Sleep(2);
        }
    }

    private static long WorkingSet()
    {
        using var self = Process.GetCurrentProcess();
        return self.WorkingSet64;
    }

    private static bool TryResetHighWaterMark()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static long ReadStatus(string field)
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith(field, StringComparison.Ordinal))
                return long.Parse(line.Substring(field.Length).Trim().Split(' ')[0]) * 1024;
        return 0;
    }

    public void Dispose()
    {
        _stop = true;
        _sampler?.Join();
    }
}
