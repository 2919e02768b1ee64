using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;

namespace GenAI.PowerShell.Emulator
{
    /// <summary>Finds the bundled emulator and the dotnet host that runs it, starts it and waits for its address.</summary>
    internal static class EmulatorLauncher
    {
        private static readonly Regex s_listening = new Regex(@"^GenAI emulator listening on (http://\S+)", RegexOptions.CultureInvariant);
        private static readonly Regex s_grpcListening = new Regex(@"gRPC listening on (http://\S+)", RegexOptions.CultureInvariant);
        /// <summary>What the emulator prints instead of the gRPC address when it serves no gRPC (cassette modes).</summary>
        private const string GrpcOffLine = "GenAI emulator gRPC off";
        private static readonly List<GenAIEmulator> s_running = new List<GenAIEmulator>();

        /// <summary>The emulators this process started and has not stopped yet.</summary>
        public static GenAIEmulator[] Running
        {
            get { lock (s_running) return s_running.ToArray(); }
        }

        /// <summary><c>&lt;module&gt;/emulator/GenAI.Emulator.dll</c>: the cmdlet assembly is in the module's bin/.</summary>
        public static string EmulatorPath()
        {
            string moduleBase = Path.GetFullPath(Path.Combine(Loading.ModuleInitializer.ModuleBinDirectory, ".."));
            return Path.Combine(moduleBase, "emulator", "GenAI.Emulator.dll");
        }

        /// <summary>The dotnet host: the one running PowerShell, DOTNET_HOST_PATH, DOTNET_ROOT, PATH, then the usual install folders.</summary>
        public static string? FindDotNet()
        {
            string exe = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "dotnet.exe" : "dotnet";
            var candidates = new List<string?>();
            try { candidates.Add(Process.GetCurrentProcess().MainModule?.FileName); } catch (Exception ex) when (ex is InvalidOperationException || ex is System.ComponentModel.Win32Exception || ex is NotSupportedException) { }
            candidates.Add(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH"));
            string? root = Environment.GetEnvironmentVariable("DOTNET_ROOT");
            if (!string.IsNullOrEmpty(root)) candidates.Add(Path.Combine(root!, exe));
            foreach (string directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
                if (directory.Length > 0) candidates.Add(Path.Combine(directory.Trim('"'), exe));
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
                candidates.Add(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ProgramFiles), "dotnet", exe));
            else
                candidates.AddRange(new[] { "/usr/share/dotnet/dotnet", "/usr/lib/dotnet/dotnet", "/usr/local/share/dotnet/dotnet", "/opt/dotnet/dotnet",
                    Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "dotnet") });

            foreach (string? candidate in candidates)
                if (!string.IsNullOrEmpty(candidate) && string.Equals(Path.GetFileName(candidate), exe, StringComparison.OrdinalIgnoreCase) && File.Exists(candidate))
                    return candidate;
            return null;
        }

        /// <summary>Starts the emulator and returns once it listens; throws EmulatorStartException with its own words when it cannot.</summary>
        public static (Process Process, Uri BaseUri, Uri? GrpcUri) Start(string dotnet, string emulator, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancel,
            IDictionary<string, string>? environment = null)
        {
            var info = new ProcessStartInfo(dotnet)
            {
                UseShellExecute = false,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                CreateNoWindow = true,
                Arguments = string.Join(" ", Quote(emulator), string.Join(" ", Map(arguments, Quote))),
            };
            if (environment != null)
                foreach (var variable in environment) info.Environment[variable.Key] = variable.Value;
            var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
            var grpcListening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
            var output = new StringBuilder();
            var process = new Process { StartInfo = info, EnableRaisingEvents = true };
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data == null) { listening.TrySetResult(null!); grpcListening.TrySetResult(null!); return; }
                var grpc = s_grpcListening.Match(e.Data);
                var match = s_listening.Match(e.Data);
                if (grpc.Success) grpcListening.TrySetResult(new Uri(grpc.Groups[1].Value));
                else if (e.Data.StartsWith(GrpcOffLine, StringComparison.Ordinal)) grpcListening.TrySetResult(null!);
                else if (match.Success) listening.TrySetResult(new Uri(match.Groups[1].Value));
                else Append(output, e.Data);
            };
            process.ErrorDataReceived += (_, e) => { if (e.Data != null) Append(output, e.Data); };
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            Uri? baseUri = null;
            try
            {
                if (listening.Task.Wait((int)timeout.TotalMilliseconds, cancel)) baseUri = listening.Task.Result;
            }
            catch (OperationCanceledException)
            {
                Kill(process);
                throw;
            }
            if (baseUri != null)
            {
                // The gRPC endpoint is announced on the next line (absent when the emulator serves no gRPC).
                Uri? grpcUri = null;
                try { if (grpcListening.Task.Wait(5000, cancel)) grpcUri = grpcListening.Task.Result; }
                catch (OperationCanceledException) { Kill(process); throw; }
                return (process, baseUri, grpcUri);
            }

            bool exited = process.WaitForExit(2000);
            if (!exited) Kill(process);
            string said;
            lock (output) said = output.ToString().Trim();
            throw new EmulatorStartException(exited
                ? $"The emulator exited (code {process.ExitCode}) before listening.{(said.Length > 0 ? " It said: " + said : "")}"
                : $"The emulator did not report a listening address within {timeout.TotalSeconds:0} seconds.{(said.Length > 0 ? " It said: " + said : "")}");
        }

        public static void Track(GenAIEmulator emulator)
        {
            lock (s_running) s_running.Add(emulator);
        }

        /// <summary>Asks the emulator to exit (closing its stdin), kills it after 5 seconds. False when it was already stopped.</summary>
        public static bool Stop(GenAIEmulator emulator)
        {
            lock (s_running)
                if (!s_running.Remove(emulator)) return false;
            var process = emulator.Process;
            if (!process.HasExited)
            {
                try { process.StandardInput.Close(); } catch (IOException) { }
                if (!process.WaitForExit(5000)) Kill(process);
            }
            return true;
        }

        private static void Kill(Process process)
        {
            try { if (!process.HasExited) process.Kill(); } catch (InvalidOperationException) { }
            process.WaitForExit(5000);
        }

        private static void Append(StringBuilder output, string line)
        {
            lock (output) if (output.Length < 4000) output.AppendLine(line);
        }

        private static IEnumerable<string> Map(IEnumerable<string> items, Func<string, string> map)
        {
            foreach (string item in items) yield return map(item);
        }

        // ProcessStartInfo.ArgumentList is not in netstandard2.0; these arguments are paths, numbers and keys.
        private static string Quote(string argument) =>
            argument.Length > 0 && argument.IndexOfAny(new[] { ' ', '\t', '"' }) < 0 ? argument : "\"" + argument.Replace("\"", "\\\"") + "\"";
    }

    internal sealed class EmulatorStartException : Exception
    {
        public EmulatorStartException(string message) : base(message)
        {
        }
    }
}
