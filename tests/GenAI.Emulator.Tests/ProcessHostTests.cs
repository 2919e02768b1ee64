using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text.RegularExpressions;
using System.Threading.Tasks;

namespace GenAI.Emulator.Tests;

public sealed class ProcessHostTests
{
    [Fact]
    public async Task PrintsTheListeningLineServesAndExitsWhenStdinCloses()
    {
        using Process process = Start("--port 0 --api-key proc-key --exit-on-stdin-close");
        Uri baseUri = await ReadBaseUriAsync(process);

        using var client = new HttpClient { BaseAddress = baseUri };
        client.DefaultRequestHeaders.Add("x-goog-api-key", "proc-key");
        HttpResponseMessage response = await client.GetAsync("v1beta/models/gemini-2.0-flash");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        process.StandardInput.Close();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(10)), "the emulator did not exit after stdin closed");
        Assert.Equal(0, process.ExitCode);
    }

    [Fact]
    public async Task ExitsCleanlyOnSigterm()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using Process process = Start("--port 0");
        await ReadBaseUriAsync(process);
        using (Process kill = Process.Start("kill", $"-TERM {process.Id}"))
        {
            await kill.WaitForExitAsync();
        }

        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(10)), "the emulator did not exit on SIGTERM");
        Assert.Equal(0, process.ExitCode);
    }

    [Fact]
    public void RejectsUnknownArguments()
    {
        using Process process = Start("--bogus");
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(10)));
        Assert.Equal(2, process.ExitCode);
    }

    private static async Task<Uri> ReadBaseUriAsync(Process process)
    {
        string? line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
        Match match = Regex.Match(line ?? string.Empty, @"^GenAI emulator listening on (http://127\.0\.0\.1:\d+/)$");
        Assert.True(match.Success, $"unexpected first line: {line}");
        return new Uri(match.Groups[1].Value);
    }

    private static Process Start(string arguments)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "GenAI.Emulator.dll");
        var info = new ProcessStartInfo("dotnet", $"\"{dll}\" {arguments}")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        return Process.Start(info)!;
    }
}
