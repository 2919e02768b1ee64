using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using System.Security;
using GenAI.Core.Errors;
using GenAI.PowerShell.Configuration;
using GenAI.PowerShell.Emulator;
using GenAI.PowerShell.Errors;
using GenAI.PowerShell.Paths;

namespace GenAI.PowerShell.Commands
{
    /// <summary>Starts the bundled local emulator of the Gemini API, for offline scripts and Pester tests.</summary>
    [Cmdlet(VerbsLifecycle.Start, "GenAIEmulator", DefaultParameterSetName = EchoSet)]
    [OutputType(typeof(GenAIEmulator))]
    public sealed class StartGenAIEmulatorCommand : CoreCmdlet
    {
        private const string EchoSet = "Echo";
        private const string RecordSet = "Record";
        private const string ReplaySet = "Replay";

        /// <summary>The variable that hands the upstream key to the emulator process (never its command line, which others can read).</summary>
        private const string UpstreamKeyVariable = "GENAI_EMULATOR_UPSTREAM_KEY";

        /// <summary>The TCP port on 127.0.0.1; 0 (default) picks a free one.</summary>
        [Parameter]
        [ValidateRange(0, 65535)]
        public int Port { get; set; }

        /// <summary>The only API key the emulator accepts, for API calls and its control endpoints (default: a new random key, see -PassThru).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ApiKey { get; set; }

        /// <summary>Milliseconds between streamed chunks, to watch streaming happen (default 0).</summary>
        [Parameter]
        [ValidateRange(0, 60000)]
        public int ChunkDelayMs { get; set; }

        /// <summary>Point the module at the emulator (endpoint, gRPC endpoint, key, no proxy) until Stop-GenAIEmulator restores the previous settings.</summary>
        [Parameter]
        public SwitchParameter Configure { get; set; }

        /// <summary>Forward every call to the real service (or -Upstream) with the configured key, and write each exchange to this folder as a cassette.</summary>
        [Parameter(Mandatory = true, ParameterSetName = RecordSet)]
        [ValidateNotNullOrEmpty]
        public string RecordTo { get; set; } = "";

        /// <summary>The service to record from: https, or http on this machine (default: the configured endpoint).</summary>
        [Parameter(ParameterSetName = RecordSet)]
        [ValidateNotNull]
        public Uri? Upstream { get; set; }

        /// <summary>With -RecordTo: answer from the cassettes already in the folder, and record only the requests none matches.</summary>
        [Parameter(ParameterSetName = RecordSet)]
        public SwitchParameter RecordMissing { get; set; }

        /// <summary>Answer only from the cassettes in this folder, offline; an unmatched request fails naming the closest cassette.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ReplaySet)]
        [ValidateNotNullOrEmpty]
        public string ReplayFrom { get; set; } = "";

        /// <summary>Write the emulator object (address, key, process id).</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void EndProcessing()
        {
            string emulatorPath = EmulatorLauncher.EmulatorPath();
            if (!File.Exists(emulatorPath))
                ThrowTerminatingError(ErrorRecordFactory.Create(PowerShellErrorCodes.EmulatorNotFound,
                    $"The emulator is not where the module expects it: '{emulatorPath}'.", emulatorPath,
                    "Reinstall the module, or build it with: dotnet pwsh ./build.ps1"));
            string? dotnet = EmulatorLauncher.FindDotNet();
            if (dotnet == null)
                ThrowTerminatingError(ErrorRecordFactory.Create(PowerShellErrorCodes.DotNetNotFound,
                    "The emulator runs on the .NET 10 runtime (with ASP.NET Core), and no 'dotnet' host was found on PATH, in DOTNET_ROOT or in the usual install folders.",
                    "dotnet", "Install the .NET 10 runtime (ASP.NET Core Runtime 10) and make sure 'dotnet' is on PATH."));

            string apiKey = ApiKey ?? NewRandomKey();
            var arguments = new List<string> { "--port", Port.ToString(CultureInfo.InvariantCulture), "--api-key", apiKey, "--exit-on-stdin-close" };
            if (ChunkDelayMs > 0) arguments.AddRange(new[] { "--chunk-delay-ms", ChunkDelayMs.ToString(CultureInfo.InvariantCulture) });
            var environment = new Dictionary<string, string>();
            string? cassettes = null;
            if (ParameterSetName == RecordSet)
            {
                cassettes = CassetteFolder(RecordTo);
                var (key, endpoint) = ReadUpstream();
                Uri upstream = Upstream ?? endpoint;
                if (!upstream.IsAbsoluteUri || !(upstream.Scheme == Uri.UriSchemeHttps || (upstream.Scheme == Uri.UriSchemeHttp && upstream.IsLoopback)))
                    ThrowTerminatingError(ErrorRecordFactory.Create(PowerShellErrorCodes.InvalidUpstream,
                        $"Recording sends your API key to the upstream, so it must be an https URI (or http on this machine), not '{upstream}'.", upstream,
                        "Pass -Upstream https://... (default: the endpoint in Get-GenAIConfiguration)."));
                arguments.AddRange(new[] { "--record-to", cassettes, "--upstream", upstream.AbsoluteUri });
                if (RecordMissing) arguments.Add("--record-missing");
                environment[UpstreamKeyVariable] = key;
                WriteVerbose($"Recording calls to {upstream} into {cassettes}{(RecordMissing ? " (replaying the cassettes already there)" : "")}.");
            }
            else if (ParameterSetName == ReplaySet)
            {
                cassettes = CassetteFolder(ReplayFrom);
                if (!Directory.Exists(cassettes))
                    ThrowTerminatingError(ErrorRecordFactory.Create(PowerShellErrorCodes.CassetteFolderNotFound,
                        $"The cassette folder '{cassettes}' does not exist.", cassettes,
                        "Record the cassettes first with Start-GenAIEmulator -RecordTo <folder>, or pass the folder they were committed to."));
                arguments.AddRange(new[] { "--replay-from", cassettes });
                WriteVerbose($"Replaying the cassettes in {cassettes}.");
            }
            WriteVerbose($"Starting {dotnet} {emulatorPath} on port {(Port == 0 ? "(any free)" : Port.ToString(CultureInfo.InvariantCulture))}.");

            System.Diagnostics.Process process;
            Uri baseUri;
            Uri? grpcUri;
            try
            {
                (process, baseUri, grpcUri) = EmulatorLauncher.Start(dotnet!, emulatorPath, arguments, TimeSpan.FromSeconds(60), StopToken, environment);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (EmulatorStartException ex)
            {
                ThrowTerminatingError(ErrorRecordFactory.Create(PowerShellErrorCodes.EmulatorStartFailed, ex.Message, emulatorPath,
                    "The emulator needs the .NET 10 and ASP.NET Core 10 runtimes ('dotnet --list-runtimes'); with -Port, make sure the port is free.", ex));
                return;
            }

            ConfigurationSnapshot? saved = null;
            if (Configure)
            {
                saved = ModuleConfiguration.Snapshot();
                var key = new SecureString();
                foreach (char c in apiKey) key.AppendChar(c);
                ModuleConfiguration.Update(key, baseUri, null, null, null, null, null, clearApiKey: false, clearBaseUri: false);
                ModuleConfiguration.SetProxy(ProxySetting.Direct);
                if (grpcUri != null) ModuleConfiguration.UpdateTransport(null, grpcUri, clearGrpcUri: false);
                else ModuleConfiguration.UpdateTransport(GenAI.Core.Transport.TransportKind.Rest, null, clearGrpcUri: false);   // cassettes are REST only
            }
            var emulator = new GenAIEmulator(process, baseUri, grpcUri, apiKey, saved)
            {
                Mode = ParameterSetName == ReplaySet ? "Replay" : ParameterSetName == RecordSet ? (RecordMissing ? "RecordMissing" : "Record") : "Echo",
                CassettePath = cassettes,
            };
            EmulatorLauncher.Track(emulator);
            WriteVerbose($"GenAI emulator listening on {baseUri} (process {process.Id}){(Configure ? "; the module now uses it" : "")}.");
            if (PassThru) WriteObject(emulator);
        }

        /// <summary>The configured key (the user's, never the emulator's) and endpoint; a terminating error when there is no key.</summary>
        private string CassetteFolder(string given)
        {
            try
            {
                return FileSystemPaths.Unresolved(SessionState.Path, given, "cassettes are kept in a folder");
            }
            catch (InvalidInputException ex)
            {
                ThrowTerminatingError(ErrorRecordFactory.Create(ex, given));
                return null!;
            }
        }

        private (string Key, Uri Endpoint) ReadUpstream()
        {
            string? key;
            Uri endpoint;
            try
            {
                (key, endpoint) = ModuleConfiguration.ReadKeyAndEndpoint();
            }
            catch (GenAI.Core.Errors.GenAIException ex)
            {
                ThrowTerminatingError(ErrorRecordFactory.Create(ex, RecordTo));
                throw;
            }
            if (string.IsNullOrEmpty(key))
                ThrowTerminatingError(ErrorRecordFactory.Create(PowerShellErrorCodes.ApiKeyMissing,
                    "Recording forwards your calls to the service with your API key, and no API key is configured.", RecordTo,
                    "Run Set-GenAIConfiguration -ApiKey (Read-Host -AsSecureString 'API key'), or set the GEMINI_API_KEY environment variable, then record."));
            return (key!, endpoint);
        }

        // A key of its own per start: another local user or web page cannot guess it to drive this emulator.
        private static string NewRandomKey()
        {
            byte[] bytes = new byte[16];
            using (var random = System.Security.Cryptography.RandomNumberGenerator.Create()) random.GetBytes(bytes);
            return "emu-" + BitConverter.ToString(bytes).Replace("-", "").ToLowerInvariant();
        }
    }
}
