using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using GenAI.Emulator.Engine;
using GenAI.Emulator.Engine.Batches;
using GenAI.Emulator.Engine.Errors;
using GenAI.Emulator.Recording;
using Microsoft.AspNetCore.Http;

namespace GenAI.Emulator.Rest;

/// <summary>
/// The REST adapter for everything under <c>/v1beta</c>, <c>/v1</c> and <c>/upload/v1beta</c>:
/// read and record the body, check the key, call the engine, write the result.
/// </summary>
internal sealed class ApiRequestHandler
{
    private readonly EmulatorEngine _engine;
    private readonly RequestLog _log;
    private readonly StreamTimingLog _timings;
    private readonly UploadHandler _uploads;

    public ApiRequestHandler(EmulatorEngine engine, RequestLog log, StreamTimingLog timings)
    {
        _engine = engine;
        _log = log;
        _timings = timings;
        _uploads = new UploadHandler(engine);
    }

    public async Task HandleAsync(HttpContext context)
    {
        HttpRequest request = context.Request;
        RestRoute? route = RestRoute.Parse(request.Method, request.Path.Value ?? string.Empty, request.Query.ContainsKey("upload_id"));
        ReadOnlyMemory<byte> body;
        try
        {
            body = await ReadBodyAsync(request, _engine.Options.MaxRequestBodyBytes, context.RequestAborted).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            Record(_log, _engine.Options, context, ReadOnlyMemory<byte>.Empty);
            await ResponseWriter.WriteErrorAsync(context, ApiErrors.InvalidArgument(
                $"Request payload size exceeds the limit: {_engine.Options.MaxRequestBodyBytes} bytes.")).ConfigureAwait(false);
            return;
        }

        Record(_log, _engine.Options, context, body);
        if (route is null)
        {
            await ResponseWriter.WriteNotFoundPageAsync(context).ConfigureAwait(false);
            return;
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _engine.Stopping);
        CancellationToken cancellationToken = linked.Token;
        try
        {
            if (route.RequiresApiKey)
            {
                ApiKeyCheck.Verify(request, _engine.Options.ApiKey);
            }

            if (RedirectTarget(context, route) is { } location)
            {
                context.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
                context.Response.Headers.Location = location;
                return;
            }

            if (await SilenceAsync(context, route, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            await DispatchAsync(context, route, body, cancellationToken).ConfigureAwait(false);
        }
        catch (ApiException ex) when (!context.Response.HasStarted)
        {
            await ResponseWriter.WriteErrorAsync(context, ex.Error).ConfigureAwait(false);
        }
        catch (ConnectionAbortException)
        {
            context.Abort();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            context.Abort();
        }
    }

    // A redirect-to-{port} model: the same request on 127.0.0.1:{port}, for model echo (so a redirect to this emulator itself ends).
    private static string? RedirectTarget(HttpContext context, RestRoute route)
    {
        string resource = route.Resource;
        if (!resource.StartsWith("models/", StringComparison.Ordinal) ||
            !Engine.Scenarios.ScenarioParser.TryParse(route.ResourceId, out var scenario) || scenario.Kind != Engine.Scenarios.ScenarioKind.Redirect)
        {
            return null;
        }

        string path = (context.Request.Path.Value ?? string.Empty).Replace(route.ResourceId, "echo", StringComparison.Ordinal);
        return $"http://127.0.0.1:{scenario.Number}{path}{context.Request.QueryString}";
    }

    // fault-silence-{status} / fault-silence-array: the headers and the first bytes of a body, then silence until the client goes.
    private static async Task<bool> SilenceAsync(HttpContext context, RestRoute route, CancellationToken cancellationToken)
    {
        if (!route.Resource.StartsWith("models/", StringComparison.Ordinal) ||
            !Engine.Scenarios.ScenarioParser.TryParse(route.ResourceId, out var scenario) ||
            (scenario.Kind != Engine.Scenarios.ScenarioKind.FaultSilence && scenario.Kind != Engine.Scenarios.ScenarioKind.FaultSilenceArray))
        {
            return false;
        }

        bool stream = route.Operation == RestOperation.StreamGenerateContent;
        bool sse = stream && scenario.Kind == Engine.Scenarios.ScenarioKind.FaultSilence && scenario.Number == 200;
        context.Response.StatusCode = scenario.Kind == Engine.Scenarios.ScenarioKind.FaultSilenceArray ? 200 : scenario.Number;
        context.Response.ContentType = sse ? ResponseWriter.EventStreamContentType : ResponseWriter.JsonContentType;
        string start = sse
            ? "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"partial \"}],\"role\": \"model\"},\"index\": 0}]}\r\n\r\n"
            : scenario.Kind == Engine.Scenarios.ScenarioKind.FaultSilenceArray ? "[{\"candidates\": [" : context.Response.StatusCode >= 400 ? "{\"error\": {" : "{\"candidates\": [";
        await context.Response.WriteAsync(start, cancellationToken).ConfigureAwait(false);
        await context.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        context.Abort();
        return true;
    }

    private Task DispatchAsync(HttpContext context, RestRoute route, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        IQueryCollection query = context.Request.Query;
        string? pageSize = Query(query, "pageSize", "page_size");
        string? pageToken = Query(query, "pageToken", "page_token");
        switch (route.Operation)
        {
            case RestOperation.GenerateContent:
                return UnaryAsync(context, _engine.GenerateContentAsync(route.Resource, route.ApiVersion, body, cancellationToken), cancellationToken);
            case RestOperation.CountTokens:
                return UnaryAsync(context, _engine.CountTokensAsync(route.Resource, route.ApiVersion, body, cancellationToken), cancellationToken);
            case RestOperation.EmbedContent:
                return UnaryAsync(context, _engine.EmbedContentAsync(route.Resource, route.ApiVersion, body, cancellationToken), cancellationToken);
            case RestOperation.BatchEmbedContents:
                return UnaryAsync(context, _engine.BatchEmbedContentsAsync(route.Resource, route.ApiVersion, body, cancellationToken), cancellationToken);
            case RestOperation.StreamGenerateContent:
                return StreamAsync(context, route, body, cancellationToken);
            case RestOperation.UnsupportedModelMethod:
                throw new ApiException(ApiErrors.ModelNotFound(route.Resource, route.ApiVersion, route.Verb ?? string.Empty));
            case RestOperation.ListModels:
                return ResponseWriter.WriteJsonAsync(context, _engine.ListModels(pageSize, pageToken), 200, cancellationToken);
            case RestOperation.GetModel:
                return ResponseWriter.WriteJsonAsync(context, _engine.GetModel(route.Resource, route.ApiVersion), 200, cancellationToken);
            case RestOperation.ListFiles:
                return ResponseWriter.WriteJsonAsync(context, _engine.Files.List(pageSize, pageToken), 200, cancellationToken);
            case RestOperation.GetFile:
                return ResponseWriter.WriteJsonAsync(context, _engine.Files.Get(route.ResourceId), 200, cancellationToken);
            case RestOperation.DeleteFile:
                return ResponseWriter.WriteJsonAsync(context, _engine.Files.Delete(route.ResourceId), 200, cancellationToken);
            case RestOperation.UploadFile:
                return _uploads.StartOrUploadAsync(context, body);
            case RestOperation.UploadChunk:
                return _uploads.ChunkAsync(context, body, cancellationToken);
            case RestOperation.CreateCachedContent:
                return ResponseWriter.WriteJsonAsync(context, _engine.Caches.Create(body, route.ApiVersion), 200, cancellationToken);
            case RestOperation.ListCachedContents:
                return ResponseWriter.WriteJsonAsync(context, _engine.Caches.List(pageSize, pageToken), 200, cancellationToken);
            case RestOperation.GetCachedContent:
                return ResponseWriter.WriteJsonAsync(context, _engine.Caches.Get(route.ResourceId), 200, cancellationToken);
            case RestOperation.UpdateCachedContent:
                string? mask = Query(query, "updateMask", "update_mask");
                return ResponseWriter.WriteJsonAsync(context, _engine.Caches.Update(route.ResourceId, body, mask), 200, cancellationToken);
            case RestOperation.DeleteCachedContent:
                return ResponseWriter.WriteJsonAsync(context, _engine.Caches.Delete(route.ResourceId), 200, cancellationToken);
            case RestOperation.CreateBatch:
                return ResponseWriter.WriteJsonAsync(context, _engine.Batches.Create(route.Resource, route.ApiVersion, body), 200, cancellationToken);
            case RestOperation.CreateEmbedBatch:
                return ResponseWriter.WriteJsonAsync(context, _engine.Batches.Create(route.Resource, route.ApiVersion, body, BatchKind.Embed), 200, cancellationToken);
            case RestOperation.ListBatches:
                return ResponseWriter.WriteJsonAsync(context, _engine.Batches.List(pageSize, pageToken), 200, cancellationToken);
            case RestOperation.GetBatch:
                return ResponseWriter.WriteJsonAsync(context, _engine.Batches.Get(route.ResourceId), 200, cancellationToken);
            case RestOperation.CancelBatch:
                return ResponseWriter.WriteJsonAsync(context, _engine.Batches.Cancel(route.ResourceId), 200, cancellationToken);
            case RestOperation.DeleteBatch:
                return ResponseWriter.WriteJsonAsync(context, _engine.Batches.Delete(route.ResourceId), 200, cancellationToken);
            case RestOperation.DownloadFile:
                return DownloadAsync(context, route, cancellationToken);
            default:
                return ResponseWriter.WriteNotFoundPageAsync(context);
        }
    }

    // Without alt=media, files.download answers the empty DownloadFileResponse, as the proto method does.
    private Task DownloadAsync(HttpContext context, RestRoute route, CancellationToken cancellationToken)
    {
        var file = _engine.Files.RequireDownloadable(route.ResourceId);
        if (!string.Equals(context.Request.Query["alt"].ToString(), "media", StringComparison.Ordinal))
        {
            return ResponseWriter.WriteJsonAsync(context, new System.Text.Json.Nodes.JsonObject(), 200, cancellationToken);
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = file.MimeType;
        return ResponseWriter.WriteBytesAsync(context, file.Content, cancellationToken);
    }

    private static async Task UnaryAsync(HttpContext context, Task<UnaryOutcome> pending, CancellationToken cancellationToken)
    {
        UnaryOutcome outcome = await pending.ConfigureAwait(false);
        await ResponseWriter.WriteOutcomeAsync(context, outcome, cancellationToken).ConfigureAwait(false);
    }

    private async Task StreamAsync(HttpContext context, RestRoute route, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        StreamOutcome outcome = await _engine.StreamGenerateContentAsync(route.Resource, route.ApiVersion, body, cancellationToken).ConfigureAwait(false);
        if (outcome.VerbatimBody is { } verbatim)
        {
            await ResponseWriter.WriteOutcomeAsync(context, verbatim, cancellationToken).ConfigureAwait(false);
            return;
        }

        bool sse = string.Equals(context.Request.Query["alt"].ToString(), "sse", StringComparison.OrdinalIgnoreCase);
        StreamTiming timing = _timings.Begin(route.Resource);
        if (sse)
        {
            await StreamResponseWriter.WriteSseAsync(context, outcome.Events!, timing, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await StreamResponseWriter.WriteJsonArrayAsync(context, outcome.Events!, timing, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Adds the request to the emulator's request log (bodies cut to the recording limits).</summary>
    internal static void Record(RequestLog log, EmulatorOptions options, HttpContext context, ReadOnlyMemory<byte> body)
    {
        bool upload = context.Request.Path.StartsWithSegments("/upload", StringComparison.Ordinal);
        int limit = upload ? options.MaxRecordedUploadBodyBytes : options.MaxRecordedBodyBytes;
        log.Add(RequestRecorder.Capture(context.Request, body, limit, log.NextSequence()));
    }

    internal static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength is long length)
        {
            if (length > maxBytes)
            {
                throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
            }

            if (length == 0)
            {
                return ReadOnlyMemory<byte>.Empty;
            }

            byte[] buffer = new byte[length];
            await request.Body.ReadExactlyAsync(buffer, cancellationToken).ConfigureAwait(false);
            return buffer;
        }

        using var copy = new MemoryStream();
        await request.Body.CopyToAsync(copy, cancellationToken).ConfigureAwait(false);
        return copy.GetBuffer().AsMemory(0, (int)copy.Length);
    }

    private static string? Query(IQueryCollection query, string camel, string snake)
    {
        string value = query[camel].ToString();
        return value.Length > 0 ? value : NullIfEmpty(query[snake].ToString());
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
