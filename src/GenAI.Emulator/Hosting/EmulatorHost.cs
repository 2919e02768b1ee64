using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using GenAI.Emulator.Cassettes;
using GenAI.Emulator.Engine;
using GenAI.Emulator.Recording;
using GenAI.Emulator.Rest;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace GenAI.Emulator;

/// <summary>
/// A running emulator on loopback (Kestrel + the REST adapter over one <see cref="EmulatorEngine"/>).
/// <code>await using var emu = await EmulatorHost.StartAsync(new EmulatorOptions { Port = 0 });</code>
/// </summary>
public sealed class EmulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly WebApplication? _grpcApp;
    private readonly RequestLog _log;
    private int _disposed;

    private EmulatorHost(WebApplication app, EmulatorEngine engine, RequestLog log, Uri baseUri, WebApplication? grpcApp, Uri? grpcUri)
    {
        _app = app;
        _grpcApp = grpcApp;
        GrpcUri = grpcUri;
        Engine = engine;
        _log = log;
        BaseUri = baseUri;
    }

    /// <summary>The only key this emulator accepts (random per start unless <see cref="EmulatorOptions.ApiKey"/> was set).</summary>
    public string ApiKey => Engine.Options.ApiKey;

    /// <summary>e.g. <c>http://127.0.0.1:54321/</c> (always ends with a slash).</summary>
    public Uri BaseUri { get; }

    /// <summary>The gRPC endpoint (h2c), e.g. <c>http://127.0.0.1:54322/</c>; null when gRPC is disabled.</summary>
    public Uri? GrpcUri { get; }

    /// <summary>The TLS listener (<see cref="EmulatorOptions.TlsHostNames"/>), or null when there is none.</summary>
    public Uri? TlsUri { get; private init; }

    /// <summary>The engine behind the REST adapter (for adding other transports in-process).</summary>
    public EmulatorEngine Engine { get; }

    /// <summary>A snapshot of the recorded API requests, oldest first.</summary>
    public IReadOnlyList<RecordedRequest> Requests => _log.Snapshot();

    public void ClearRequests() => _log.Clear();

    /// <summary>Lets a <c>gated*</c> model send its held reply (id with or without <c>models/</c>).</summary>
    public void ReleaseGate(string model) => Engine.ReleaseGate(model);

    /// <summary>Resets scenario counters, gates and replays (all, or those of one model).</summary>
    public void Reset(string? model = null) => Engine.Reset(model);

    public static async Task<EmulatorHost> StartAsync(EmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options = (options ?? new EmulatorOptions()).Clone();
        if (options.Cassettes != CassetteMode.Off)
        {
            // Cassettes hold REST exchanges; a gRPC endpoint would answer with echoes instead.
            options.EnableGrpc = false;
        }
        IPAddress address = LoopbackAddress(options.Host);
        X509Certificate2? tlsCertificate = options.TlsHostNames.Length > 0 ? TestCertificate.Create(options.TlsHostNames) : null;
        if (tlsCertificate is not null && options.TlsCertificatePath is not null)
        {
            File.WriteAllText(options.TlsCertificatePath, tlsCertificate.ExportCertificatePem() + "\n");
        }
        var engine = new EmulatorEngine(options);
        var log = new RequestLog(options.MaxRecordedRequests);
        CassetteHandler? cassettes = options.Cassettes == CassetteMode.Off ? null : new CassetteHandler(engine, log);

        WebApplicationBuilder builder = LoopbackWebApp.CreateBuilder(address, options.Port, options.MaxRequestBodyBytes,
            tls: tlsCertificate is null ? null : (tlsCertificate, options.TlsPort));

        WebApplication app = builder.Build();
        if (cassettes is not null)
        {
            app.Lifetime.ApplicationStopped.Register(cassettes.Dispose);
        }

        var timings = new StreamTimingLog();
        var api = new ApiRequestHandler(engine, log, timings);
        app.Use(GoogleResponseHeaders.ApplyAsync);
        app.Use(LocalAccessGuard.Create(options.ApiKey, options.TlsHostNames));
        ControlEndpoints.Map(app, engine, log, timings);
        RequestDelegate handler = cassettes is null ? api.HandleAsync : cassettes.HandleAsync;
        app.Map("/{**path}", handler);

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        Uri baseUri = LoopbackWebApp.BaseUri(app, address);
        Uri? tlsUri = tlsCertificate is null ? null : LoopbackWebApp.BaseUri(app, address, "https");
        engine.BaseUri = baseUri;

        WebApplication? grpcApp = null;
        Uri? grpcUri = null;
        if (options.EnableGrpc)
        {
            try
            {
                (grpcApp, grpcUri) = await Grpc.GrpcEndpoint.StartAsync(engine, log, address, options.GrpcPort, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
                await app.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }

        return new EmulatorHost(app, engine, log, baseUri, grpcApp, grpcUri) { TlsUri = tlsUri };
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        Engine.Shutdown();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            if (_grpcApp is not null)
            {
                await _grpcApp.StopAsync(timeout.Token).ConfigureAwait(false);
            }

            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        }

        if (_grpcApp is not null)
        {
            await _grpcApp.DisposeAsync().ConfigureAwait(false);
        }

        await _app.DisposeAsync().ConfigureAwait(false);
        Engine.Dispose();
    }

    private static IPAddress LoopbackAddress(string host) => host.Trim().ToLowerInvariant() switch
    {
        "127.0.0.1" or "localhost" or "" => IPAddress.Loopback,
        "::1" or "[::1]" => IPAddress.IPv6Loopback,
        _ => throw new ArgumentException($"The emulator binds only to loopback (127.0.0.1, localhost or ::1), not '{host}'.", nameof(host)),
    };
}
