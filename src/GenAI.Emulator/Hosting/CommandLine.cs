using System;
using System.Globalization;

namespace GenAI.Emulator;

/// <summary>
/// Parses <c>[--port N] [--grpc-port N | --no-grpc] [--host H] [--api-key K] [--chunk-delay-ms N] [--file-processing-ms N] [--fixtures DIR] [--exit-on-stdin-close]</c>
/// and the cassette options <c>[--record-to DIR [--record-missing] [--upstream URI] | --replay-from DIR]</c>. The upstream key of a
/// recording comes from the <c>GENAI_EMULATOR_UPSTREAM_KEY</c> environment variable, never from the command line (others can read that).
/// </summary>
internal sealed class CommandLine
{
    public EmulatorOptions Options { get; } = new();

    public bool ExitOnStdinClose { get; private set; }

    public bool ShowHelp { get; private set; }

    /// <summary>No <c>--api-key</c>: the key is random, and the emulator prints it.</summary>
    public bool KeyGenerated { get; private set; } = true;

    public const string Usage =
        "Usage: dotnet GenAI.Emulator.dll [--port 0] [--grpc-port 0 | --no-grpc] [--host 127.0.0.1] [--api-key KEY] [--chunk-delay-ms N]\n" +
        "                                 [--file-processing-ms N] [--fixtures DIR] [--exit-on-stdin-close]\n" +
        "                                 [--record-to DIR [--record-missing] [--upstream URI] | --replay-from DIR]\n" +
        "                                 [--tls-name NAME ... [--tls-port 0] [--tls-cert-out FILE.pem]]\n" +
        "Recording sends the key in the GENAI_EMULATOR_UPSTREAM_KEY environment variable to the upstream.";

    public const string UpstreamKeyVariable = "GENAI_EMULATOR_UPSTREAM_KEY";

    public static CommandLine Parse(string[] args)
    {
        var result = new CommandLine();
        bool recordMissing = false;
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{arg} needs a value.");
            switch (arg)
            {
                case "--port":
                    result.Options.Port = int.Parse(Value(), NumberStyles.None, CultureInfo.InvariantCulture);
                    break;
                case "--grpc-port":
                    result.Options.GrpcPort = int.Parse(Value(), NumberStyles.None, CultureInfo.InvariantCulture);
                    break;
                case "--no-grpc":
                    result.Options.EnableGrpc = false;
                    break;
                case "--tls-name":
                    result.Options.TlsHostNames = [.. result.Options.TlsHostNames, Value()];
                    break;
                case "--tls-port":
                    result.Options.TlsPort = int.Parse(Value(), NumberStyles.None, CultureInfo.InvariantCulture);
                    break;
                case "--tls-cert-out":
                    result.Options.TlsCertificatePath = Value();
                    break;
                case "--host":
                    result.Options.Host = Value();
                    break;
                case "--api-key":
                    result.Options.ApiKey = Value();
                    result.KeyGenerated = false;
                    break;
                case "--chunk-delay-ms":
                    result.Options.ChunkDelay = TimeSpan.FromMilliseconds(int.Parse(Value(), NumberStyles.None, CultureInfo.InvariantCulture));
                    break;
                case "--file-processing-ms":
                    result.Options.FileProcessingDelay = TimeSpan.FromMilliseconds(int.Parse(Value(), NumberStyles.None, CultureInfo.InvariantCulture));
                    break;
                case "--fixtures":
                    result.Options.FixturesPath = Value();
                    break;
                case "--exit-on-stdin-close":
                    result.ExitOnStdinClose = true;
                    break;
                case "--record-to":
                    result.Options.Cassettes = Cassettes.CassetteMode.Record;
                    result.Options.CassettePath = Value();
                    break;
                case "--replay-from":
                    result.Options.Cassettes = Cassettes.CassetteMode.Replay;
                    result.Options.CassettePath = Value();
                    break;
                case "--record-missing":
                    recordMissing = true;
                    break;
                case "--upstream":
                    result.Options.Upstream = new Uri(Value(), UriKind.Absolute);
                    break;
                case "-h":
                case "--help":
                    result.ShowHelp = true;
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{arg}'.");
            }
        }

        if (recordMissing)
        {
            if (result.Options.Cassettes != Cassettes.CassetteMode.Record)
            {
                throw new ArgumentException("--record-missing goes with --record-to.");
            }

            result.Options.Cassettes = Cassettes.CassetteMode.RecordMissing;
        }

        if (result.Options.Cassettes is Cassettes.CassetteMode.Record or Cassettes.CassetteMode.RecordMissing)
        {
            result.Options.UpstreamApiKey = Environment.GetEnvironmentVariable(UpstreamKeyVariable);
        }

        return result;
    }
}
