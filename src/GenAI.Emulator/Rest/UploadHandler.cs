using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GenAI.Emulator.Engine;
using GenAI.Emulator.Engine.Errors;
using GenAI.Emulator.Engine.Files;
using GenAI.Emulator.Engine.Scenarios;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace GenAI.Emulator.Rest;

/// <summary>
/// <c>POST /upload/v1beta/files</c>: resumable start, multipart and raw uploads, and the chunk
/// requests sent to the <c>X-Goog-Upload-URL</c> (<c>?upload_id=...</c>).
/// </summary>
internal sealed class UploadHandler
{
    private readonly EmulatorEngine _engine;

    public UploadHandler(EmulatorEngine engine)
    {
        _engine = engine;
    }

    public async Task StartOrUploadAsync(HttpContext context, ReadOnlyMemory<byte> body)
    {
        HttpRequest request = context.Request;
        string protocol = request.Headers["X-Goog-Upload-Protocol"].ToString().Trim().ToLowerInvariant();
        switch (protocol)
        {
            case "resumable":
                await StartResumableAsync(context, body).ConfigureAwait(false);
                return;
            case "multipart":
                await MultipartAsync(context, body).ConfigureAwait(false);
                return;
            default:
                var metadata = new FileMetadata(null, null, NullIfEmpty(request.ContentType));
                await WriteFinalAsync(context, _engine.Files.CreateFromBytes(metadata, body.Span)).ConfigureAwait(false);
                return;
        }
    }

    public async Task ChunkAsync(HttpContext context, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        string uploadId = context.Request.Query["upload_id"].ToString();
        UploadSession session = _engine.Files.FindSession(uploadId)
            ?? throw new ApiException(ApiErrors.NotFound($"Upload session {uploadId} not found."));
        string[] commands = Commands(context.Request);
        long? offset = long.TryParse(context.Request.Headers["X-Goog-Upload-Offset"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out long parsed)
            ? parsed
            : null;

        await session.Lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        UploadStep step;
        bool dropReply;
        try
        {
            dropReply = ApplyFault(session, commands);
            step = _engine.Files.UploadChunk(session, offset, body.Span, commands);
        }
        catch (ApiException)
        {
            context.Response.Headers["X-Goog-Upload-Status"] = "active";
            throw;
        }
        finally
        {
            session.Lock.Release();
        }

        if (dropReply)
        {
            throw new ConnectionAbortException();
        }

        context.Response.Headers["X-Goog-Upload-Status"] = step.Status;
        if (commands.Contains("query"))
        {
            context.Response.Headers["X-Goog-Upload-Size-Received"] = step.Received.ToString(CultureInfo.InvariantCulture);
        }

        if (step.Status == "final" && step.File is not null)
        {
            await ResponseWriter.WriteJsonAsync(context, FileEnvelope(step.File), 200, cancellationToken).ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = 200;
        context.Response.ContentLength = 0;
    }

    /// <summary>
    /// Fault scenarios for the byte-carrying requests of an upload whose display name starts with a scenario
    /// prefix, counted per display name: fault-429-then-ok, fault-503x2 and fault-500 refuse the chunk (nothing
    /// stored); fault-reset stores the first chunk and drops the connection before replying. Returns whether
    /// to drop the connection after the chunk is stored.
    /// </summary>
    private bool ApplyFault(UploadSession session, string[] commands)
    {
        string? name = session.Metadata.DisplayName;
        if (name is null || commands.Contains("query") || commands.Contains("cancel") || !ScenarioParser.TryParse(name, out Scenario scenario))
        {
            return false;
        }

        int call = _engine.Counters.NextCall("upload:" + name);
        ScenarioEffects.ThrowIfRefused(scenario, call, name);
        return scenario.Kind == ScenarioKind.FaultReset && call == 1;
    }

    private async Task StartResumableAsync(HttpContext context, ReadOnlyMemory<byte> body)
    {
        HttpRequest request = context.Request;
        if (!Commands(request).Contains("start"))
        {
            throw new ApiException(ApiErrors.InvalidArgument("A resumable upload must begin with X-Goog-Upload-Command: start."));
        }

        string? mimeType = NullIfEmpty(request.Headers["X-Goog-Upload-Header-Content-Type"].ToString());
        long? declared = long.TryParse(request.Headers["X-Goog-Upload-Header-Content-Length"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out long length)
            ? length
            : null;
        FileMetadata metadata = _engine.Files.ParseMetadata(body, mimeType);
        UploadSession session = _engine.Files.StartResumable(metadata, declared);

        var uploadUrl = new Uri(_engine.BaseUri, $"upload/v1beta/files?upload_id={session.Id}&upload_protocol=resumable");
        context.Response.StatusCode = 200;
        context.Response.Headers["X-Goog-Upload-URL"] = uploadUrl.ToString();
        context.Response.Headers["X-Goog-Upload-Status"] = "active";
        context.Response.Headers["X-Goog-Upload-Chunk-Granularity"] = FileApi.ChunkGranularity.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["X-GUploader-UploadID"] = session.Id;
        context.Response.ContentLength = 0;
        await Task.CompletedTask.ConfigureAwait(false);
    }

    private async Task MultipartAsync(HttpContext context, ReadOnlyMemory<byte> body)
    {
        string? boundary = MediaTypeHeaderValue.TryParse(context.Request.ContentType, out MediaTypeHeaderValue? type)
            ? HeaderUtilities.RemoveQuotes(type.Boundary).Value
            : null;
        if (string.IsNullOrEmpty(boundary))
        {
            throw new ApiException(ApiErrors.InvalidArgument("Multipart upload needs Content-Type: multipart/related; boundary=..."));
        }

        var reader = new MultipartReader(boundary, new MemoryStream(body.ToArray(), writable: false));
        // Sections stream: each body must be read before asking for the next section.
        MultipartSection? metadataSection = await reader.ReadNextSectionAsync().ConfigureAwait(false);
        using var metadataBytes = new MemoryStream();
        if (metadataSection is not null)
        {
            await metadataSection.Body.CopyToAsync(metadataBytes).ConfigureAwait(false);
        }

        MultipartSection? contentSection = await reader.ReadNextSectionAsync().ConfigureAwait(false);
        if (metadataSection is null || contentSection is null)
        {
            throw new ApiException(ApiErrors.InvalidArgument("Multipart upload needs two parts: the JSON metadata and the file bytes."));
        }

        using var content = new MemoryStream();
        await contentSection.Body.CopyToAsync(content).ConfigureAwait(false);
        FileMetadata metadata = _engine.Files.ParseMetadata(metadataBytes.ToArray(), null);
        metadata = metadata with { MimeType = metadata.MimeType ?? NullIfEmpty(contentSection.ContentType) };
        StoredFile file = _engine.Files.CreateFromBytes(metadata, content.GetBuffer().AsSpan(0, (int)content.Length));
        await WriteFinalAsync(context, file).ConfigureAwait(false);
    }

    private Task WriteFinalAsync(HttpContext context, StoredFile file)
    {
        context.Response.Headers["X-Goog-Upload-Status"] = "final";
        return ResponseWriter.WriteJsonAsync(context, FileEnvelope(file));
    }

    private System.Text.Json.Nodes.JsonObject FileEnvelope(StoredFile file) =>
        new() { ["file"] = file.ToJson(_engine.Options.TimeProvider.GetUtcNow()) };

    private static string[] Commands(HttpRequest request) =>
        request.Headers["X-Goog-Upload-Command"].ToString()
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(c => c.ToLowerInvariant())
            .ToArray();

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
