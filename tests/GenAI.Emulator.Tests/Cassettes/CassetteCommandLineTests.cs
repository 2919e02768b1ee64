using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using GenAI.Emulator.Cassettes;

namespace GenAI.Emulator.Tests.Cassettes;

public sealed class CassetteCommandLineTests
{
    [Fact]
    public void ParsesTheCassetteOptions()
    {
        CommandLine record = CommandLine.Parse(new[] { "--record-to", "cassettes", "--record-missing", "--upstream", "http://127.0.0.1:9/" });
        Assert.Equal(CassetteMode.RecordMissing, record.Options.Cassettes);
        Assert.Equal("cassettes", record.Options.CassettePath);
        Assert.Equal(new Uri("http://127.0.0.1:9/"), record.Options.Upstream);

        CommandLine replay = CommandLine.Parse(new[] { "--replay-from", "cassettes" });
        Assert.Equal(CassetteMode.Replay, replay.Options.Cassettes);
        Assert.Null(replay.Options.UpstreamApiKey);
    }

    [Fact]
    public void RecordMissingNeedsRecordTo()
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => CommandLine.Parse(new[] { "--replay-from", "x", "--record-missing" }));
        Assert.Contains("--record-to", error.Message);
    }

    [Fact]
    public async Task AProcessWithAMissingReplayFolderSaysSoAndExitsWithCode2()
    {
        string missing = Path.Combine(Path.GetTempPath(), "no-cassettes-" + Guid.NewGuid().ToString("N"));
        string dll = Path.Combine(AppContext.BaseDirectory, "GenAI.Emulator.dll");
        using Process process = Process.Start(new ProcessStartInfo("dotnet", $"\"{dll}\" --replay-from \"{missing}\"")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        string error = await process.StandardError.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(10)));
        Assert.Equal(2, process.ExitCode);
        Assert.Contains(missing, error);
        Assert.DoesNotContain("   at ", error);
    }
}
