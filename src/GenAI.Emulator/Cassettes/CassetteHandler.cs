using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using GenAI.Emulator.Engine;
using GenAI.Emulator.Engine.Errors;
using GenAI.Emulator.Recording;
using GenAI.Emulator.Rest;
using Microsoft.AspNetCore.Http;

namespace GenAI.Emulator.Cassettes;

/// <summary>
/// Serves every API path in a cassette mode: checks the caller's key (the emulator's, never the upstream's),
/// numbers identical requests, then replays the matching cassette or — recording — forwards the call and
/// writes what came back. A request no cassette matches in replay is a 400 FAILED_PRECONDITION naming the
/// closest cassette.
/// </summary>
internal sealed class CassetteHandler : IDisposable
{
    private readonly EmulatorEngine _engine;
    private readonly RequestLog _log;
    private readonly CassetteLibrary _library;
    private readonly UpstreamForwarder? _upstream;
    private readonly ConcurrentDictionary<string, int> _seen = new(StringComparer.Ordinal);

    public CassetteHandler(EmulatorEngine engine, RequestLog log)
    {
        _engine = engine;
        _log = log;
        EmulatorOptions options = engine.Options;
        Mode = options.Cassettes;
        string folder = options.CassettePath ?? throw new ArgumentException("A cassette mode needs a cassette folder.");
        bool records = Mode is CassetteMode.Record or CassetteMode.RecordMissing;
        if (records)
        {
            if (string.IsNullOrEmpty(options.UpstreamApiKey))
            {
                throw new ArgumentException("Recording needs the upstream service's API key (EmulatorOptions.UpstreamApiKey, or the GENAI_EMULATOR_UPSTREAM_KEY environment variable).");
            }

            _upstream = new UpstreamForwarder(options.Upstream, options.UpstreamApiKey);
        }

        _library = CassetteLibrary.Open(folder, load: Mode != CassetteMode.Record, create: records, options.UpstreamApiKey);
        engine.ResetRequested += () => _seen.Clear();
    }

    public CassetteMode Mode { get; }

    public CassetteLibrary Library => _library;

    public async Task HandleAsync(HttpContext context)
    {
        HttpRequest request = context.Request;
        ReadOnlyMemory<byte> body;
        try
        {
            body = await ApiRequestHandler.ReadBodyAsync(request, _engine.Options.MaxRequestBodyBytes, context.RequestAborted).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await ResponseWriter.WriteErrorAsync(context, ApiErrors.InvalidArgument(
                $"Request payload size exceeds the limit: {_engine.Options.MaxRequestBodyBytes} bytes.")).ConfigureAwait(false);
            return;
        }

        ApiRequestHandler.Record(_log, _engine.Options, context, body);
        if (!IsApiPath(request.Path))
        {
            await ResponseWriter.WriteNotFoundPageAsync(context).ConfigureAwait(false);
            return;
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _engine.Stopping);
        CancellationToken cancellationToken = linked.Token;
        try
        {
            if (!request.Query.ContainsKey("upload_id"))
            {
                ApiKeyCheck.Verify(request, _engine.Options.ApiKey);
            }

            CassetteRequest normalised = RequestNormaliser.Normalise(request, body, _engine.Options.UpstreamApiKey);
            int sequence = _seen.AddOrUpdate(normalised.MatchKey, 1, (_, n) => n + 1);
            if (Mode != CassetteMode.Record && _library.Find(normalised, sequence) is { } cassette)
            {
                await CassettePlayer.PlayAsync(context, cassette.Response, _engine.BaseUri, _engine.Options.ChunkDelay, cancellationToken).ConfigureAwait(false);
                return;
            }

            if (_upstream is null)
            {
                throw new ApiException(ApiErrors.FailedPrecondition(CassetteMismatch.Describe(normalised, _library.All(), _library.Folder)));
            }

            CassetteResponse recorded = await _upstream.ForwardAsync(context, body, _engine.BaseUri, cancellationToken).ConfigureAwait(false);
            _library.Save(new Cassette(normalised, sequence, recorded));
        }
        catch (ApiException ex) when (!context.Response.HasStarted)
        {
            await ResponseWriter.WriteErrorAsync(context, ex.Error).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            context.Abort();
        }
    }

    private static bool IsApiPath(PathString path) =>
        path.StartsWithSegments("/v1beta") || path.StartsWithSegments("/v1") || path.StartsWithSegments("/upload");

    public void Dispose() => _upstream?.Dispose();
}
