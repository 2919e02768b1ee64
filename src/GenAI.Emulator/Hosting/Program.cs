using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace GenAI.Emulator;

/// <summary>
/// <c>dotnet GenAI.Emulator.dll [options]</c>: prints <c>GenAI emulator listening on http://127.0.0.1:PORT/</c>
/// once listening (then <c>GenAI emulator gRPC listening on http://127.0.0.1:PORT/</c> for the gRPC endpoint, or <c>GenAI emulator gRPC off</c>,
/// and with <c>--tls-name</c> <c>GenAI emulator TLS listening on https://127.0.0.1:PORT/</c>), runs until SIGTERM / Ctrl+C (or stdin EOF with <c>--exit-on-stdin-close</c>).
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        CommandLine commandLine;
        try
        {
            commandLine = CommandLine.Parse(args);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException)
        {
            Console.Error.WriteLine(ex.Message);
            Console.Error.WriteLine(CommandLine.Usage);
            return 2;
        }

        if (commandLine.ShowHelp)
        {
            Console.WriteLine(CommandLine.Usage);
            return 0;
        }

        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using PosixSignalRegistration sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using PosixSignalRegistration sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);

        EmulatorHost host;
        try
        {
            host = await EmulatorHost.StartAsync(commandLine.Options).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ArgumentException or IOException)
        {
            // A bad upstream, a missing upstream key, a missing cassette folder or an unreadable cassette.
            Console.Error.WriteLine(ex.Message);
            return 2;
        }

        await using EmulatorHost running = host;
        Console.Out.WriteLine($"GenAI emulator listening on {host.BaseUri}");
        if (commandLine.KeyGenerated)
        {
            Console.Out.WriteLine($"GenAI emulator API key: {host.ApiKey}");
        }

        if (host.GrpcUri is not null)
        {
            Console.Out.WriteLine($"GenAI emulator gRPC listening on {host.GrpcUri}");
        }
        else
        {
            Console.Out.WriteLine("GenAI emulator gRPC off");
        }

        if (host.TlsUri is not null)
        {
            Console.Out.WriteLine($"GenAI emulator TLS listening on {host.TlsUri}");
        }

        Console.Out.Flush();

        if (commandLine.ExitOnStdinClose)
        {
            var watcher = new Thread(() =>
            {
                using Stream stdin = Console.OpenStandardInput();
                byte[] buffer = new byte[256];
                while (stdin.Read(buffer, 0, buffer.Length) > 0)
                {
                }

                stop.TrySetResult();
            }) { IsBackground = true, Name = "stdin watcher" };
            watcher.Start();
        }

        await stop.Task.ConfigureAwait(false);
        return 0;

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.TrySetResult();
        }
    }
}
