using System;
using System.Diagnostics;
using GenAI.PowerShell.Configuration;

namespace GenAI.PowerShell.Emulator
{
    /// <summary>A local emulator of the Gemini API started by Start-GenAIEmulator.</summary>
    public sealed class GenAIEmulator
    {
        internal GenAIEmulator(Process process, Uri baseUri, Uri? grpcUri, string apiKey, ConfigurationSnapshot? savedConfiguration)
        {
            GrpcUri = grpcUri;
            Process = process;
            BaseUri = baseUri;
            ApiKey = apiKey;
            SavedConfiguration = savedConfiguration;
            ProcessId = process.Id;
        }

        /// <summary>Where the emulator listens, e.g. http://127.0.0.1:52731/.</summary>
        public Uri BaseUri { get; }

        public int Port => BaseUri.Port;

        /// <summary>Where the emulator serves gRPC (for Set-GenAIConfiguration -Transport Grpc -GrpcUri).</summary>
        public Uri? GrpcUri { get; }

        /// <summary>The only key the emulator accepts (not a secret: it guards nothing but this local process).</summary>
        public string ApiKey { get; }

        public int ProcessId { get; }

        /// <summary>Echo (answers by itself), Record, RecordMissing or Replay (answers from cassettes).</summary>
        public string Mode { get; internal set; } = "Echo";

        /// <summary>The cassette folder of a Record, RecordMissing or Replay emulator; null for Echo.</summary>
        public string? CassettePath { get; internal set; }

        public bool HasExited => Process.HasExited;

        /// <summary>True when Start-GenAIEmulator -Configure pointed the module at it; Stop-GenAIEmulator restores the settings.</summary>
        public bool Configured => SavedConfiguration != null;

        internal Process Process { get; }

        internal ConfigurationSnapshot? SavedConfiguration { get; }

        public override string ToString() => BaseUri.AbsoluteUri;
    }
}
