using System;
using GenAI.Emulator.Cassettes;

namespace GenAI.Emulator;

/// <summary>Settings of one emulator instance (in-process or via the command line).</summary>
public sealed class EmulatorOptions
{
    /// <summary>
    /// The only accepted API key (header <c>x-goog-api-key</c> or query <c>key=</c>), for API calls and the control
    /// endpoints alike. Default: a new random key for each options object, so each start has its own.
    /// </summary>
    public string ApiKey { get; set; } = NewRandomKey();

    /// <summary>A random key such as <c>emu-3f9c…</c> (128 bits).</summary>
    public static string NewRandomKey() => "emu-" + Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();

    /// <summary>TCP port; 0 picks a free port (see <see cref="EmulatorHost.BaseUri"/>).</summary>
    public int Port { get; set; }

    /// <summary>Serve gRPC too, on its own HTTP/2-only port (default true).</summary>
    public bool EnableGrpc { get; set; } = true;

    /// <summary>TCP port of the gRPC listener; 0 picks a free port (see <see cref="EmulatorHost.GrpcUri"/>).</summary>
    public int GrpcPort { get; set; }

    /// <summary>
    /// Host names for an extra HTTPS listener (tests of proxies and non-loopback endpoints): when any are given, the
    /// emulator also serves TLS on <see cref="TlsPort"/> with a self-signed certificate for these names (and localhost),
    /// and accepts requests addressed to them. Empty (default): no TLS listener.
    /// </summary>
    public string[] TlsHostNames { get; set; } = Array.Empty<string>();

    /// <summary>TCP port of the TLS listener; 0 picks a free port (see <see cref="EmulatorHost.TlsUri"/>).</summary>
    public int TlsPort { get; set; }

    /// <summary>Where to write the TLS certificate (PEM, public part only) so a test can trust it; null: not written.</summary>
    public string? TlsCertificatePath { get; set; }

    /// <summary>Loopback host to bind: <c>127.0.0.1</c> (default), <c>localhost</c> or <c>::1</c>.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>Delay between stream chunks of ordinary models (default 0).</summary>
    public TimeSpan ChunkDelay { get; set; } = TimeSpan.Zero;

    /// <summary>How long a new file stays PROCESSING before it becomes ACTIVE (default 300 ms).</summary>
    public TimeSpan FileProcessingDelay { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>How long a <c>gated</c> model holds its reply before giving up and sending it (default 30 s).</summary>
    public TimeSpan GateTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Folder of recorded fixtures for <c>POST /emulator/replay</c>. Null: the <c>fixtures</c> folder
    /// shipped beside the emulator's assembly.
    /// </summary>
    public string? FixturesPath { get; set; }

    /// <summary>Largest accepted request body (default 64 MiB, enough for 40 MB of inline data).</summary>
    public long MaxRequestBodyBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Recorded bodies of API calls are cut to this many bytes (default 1 MiB).</summary>
    public int MaxRecordedBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Recorded bodies of upload calls (<c>/upload/...</c>) are cut to this many bytes (default 64 KiB).</summary>
    public int MaxRecordedUploadBodyBytes { get; set; } = 64 * 1024;

    /// <summary>The request log keeps at most this many entries, dropping the oldest (default 10 000).</summary>
    public int MaxRecordedRequests { get; set; } = 10_000;

    /// <summary>Reject non-final resumable-upload chunks that are not a multiple of 262 144 bytes (default true).</summary>
    public bool EnforceUploadChunkGranularity { get; set; } = true;

    /// <summary>Smallest cache accepted by cachedContents.create, in emulator tokens (default 0; the live service wants ~1024+).</summary>
    public int MinCachedContentTokens { get; set; }

    /// <summary>How long a new batch stays PENDING (default 100 ms; a display-name tag <c>pending-&lt;N&gt;ms</c> overrides it).</summary>
    public TimeSpan BatchPendingTime { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long a batch stays RUNNING at least, its requests spread over it (default 300 ms; tag <c>running-&lt;N&gt;ms</c>).</summary>
    public TimeSpan BatchRunningTime { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>A batch still pending or running this long after its creation ends EXPIRED (default 48 h, as the service).</summary>
    public TimeSpan BatchExpiry { get; set; } = TimeSpan.FromHours(48);

    /// <summary>Clock used for files and caches (tests may inject a fake).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Record, replay or both (see <see cref="CassetteMode"/>); Off (default) answers with echo replies.</summary>
    public CassetteMode Cassettes { get; set; } = CassetteMode.Off;

    /// <summary>The cassette folder of a cassette mode (created when recording).</summary>
    public string? CassettePath { get; set; }

    /// <summary>The service a recording emulator forwards to: https, or http on loopback only (default: the public endpoint).</summary>
    public Uri Upstream { get; set; } = new("https://generativelanguage.googleapis.com/");

    /// <summary>The key a recording emulator sends upstream; it is never written to a cassette.</summary>
    public string? UpstreamApiKey { get; set; }

    internal EmulatorOptions Clone() => (EmulatorOptions)MemberwiseClone();
}
