using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GenAI.Emulator.Engine.Errors;
using GenAI.Emulator.Engine.Json;
using GenAI.Emulator.Engine.Paging;

namespace GenAI.Emulator.Engine.Files;

/// <summary>Outcome of one resumable-upload request.</summary>
public sealed record UploadStep(string Status, long Received, StoredFile? File);

/// <summary>The Files API operations (media.upload, files.get/list/delete), transport independent.</summary>
public sealed class FileApi
{
    /// <summary>Non-final chunks must be a multiple of this (X-Goog-Upload-Chunk-Granularity).</summary>
    public const int ChunkGranularity = 262_144;

    private static readonly Regex s_id = new("^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$", RegexOptions.Compiled);

    private readonly FileStore _store;
    private readonly EmulatorOptions _options;
    private readonly TimeProvider _time;
    private readonly Func<Uri> _baseUri;
    private readonly ConcurrentDictionary<string, UploadSession> _sessions = new(StringComparer.Ordinal);

    public FileApi(FileStore store, EmulatorOptions options, TimeProvider time, Func<Uri> baseUri)
    {
        _store = store;
        _options = options;
        _time = time;
        _baseUri = baseUri;
    }

    public FileStore Store => _store;

    /// <summary>Parses <c>{"file": {...}}</c> (empty body allowed) into metadata, validating name and displayName.</summary>
    public FileMetadata ParseMetadata(ReadOnlyMemory<byte> body, string? mimeTypeOverride)
    {
        JsonObject request = RequestJson.ParseMessage(body, MessageShape.CreateFileRequest);
        JsonObject file = request["file"] as JsonObject ?? new JsonObject();
        string? name = JsonRead.String(file["name"], "file.name");
        string? displayName = JsonRead.String(file["displayName"], "file.display_name");
        string? mimeType = mimeTypeOverride ?? JsonRead.String(file["mimeType"], "file.mime_type");
        string? id = null;
        if (!string.IsNullOrEmpty(name))
        {
            id = FileStore.ToId(name);
            if (!s_id.IsMatch(id))
            {
                throw new ApiException(ApiErrors.InvalidArgument(
                    $"Invalid file name '{name}'. The ID must be 1-40 characters of lowercase letters, digits and dashes, and cannot begin or end with a dash."));
            }

            EnsureFreeId(id);
        }

        if (displayName is { Length: > 512 })
        {
            throw new ApiException(ApiErrors.InvalidField("CreateFileRequest", "file.display_name", "display_name must be at most 512 characters."));
        }

        return new FileMetadata(id, displayName, string.IsNullOrEmpty(mimeType) ? null : mimeType);
    }

    public UploadSession StartResumable(FileMetadata metadata, long? declaredLength)
    {
        var session = new UploadSession(FileStore.NewId(32), metadata, declaredLength, KeepsContent(metadata.MimeType));
        _sessions[session.Id] = session;
        return session;
    }

    public UploadSession? FindSession(string id) => _sessions.TryGetValue(id, out UploadSession? session) ? session : null;

    /// <summary>
    /// Applies one chunk request. <paramref name="commands"/> holds the X-Goog-Upload-Command words
    /// (<c>upload</c>, <c>finalize</c>, <c>query</c>, <c>cancel</c>). Caller holds <see cref="UploadSession.Lock"/>.
    /// </summary>
    public UploadStep UploadChunk(UploadSession session, long? offset, ReadOnlySpan<byte> chunk, string[] commands)
    {
        bool upload = commands.Contains("upload");
        bool finalize = commands.Contains("finalize");
        if (commands.Contains("cancel"))
        {
            session.Cancelled = true;
            _sessions.TryRemove(session.Id, out _);
            return new UploadStep("cancelled", session.Received, null);
        }

        if (session.Cancelled)
        {
            throw new ApiException(ApiErrors.InvalidArgument("The upload session was cancelled."));
        }

        if (commands.Contains("query"))
        {
            return new UploadStep(session.Result is null ? "active" : "final", session.Received, session.Result);
        }

        if (session.Result is not null)
        {
            if (finalize && (offset ?? session.Received) + chunk.Length == session.Received)
            {
                return new UploadStep("final", session.Received, session.Result);
            }

            throw new ApiException(ApiErrors.InvalidArgument("The upload session is already finalized."));
        }

        if (!upload && !finalize)
        {
            throw new ApiException(ApiErrors.InvalidArgument("Missing or unsupported X-Goog-Upload-Command."));
        }

        if (upload)
        {
            if (offset is null)
            {
                throw new ApiException(ApiErrors.InvalidArgument("Missing X-Goog-Upload-Offset header."));
            }

            if (offset.Value != session.Received)
            {
                throw new ApiException(ApiErrors.InvalidArgument(
                    $"Invalid X-Goog-Upload-Offset {offset.Value}: the server has received {session.Received} bytes."));
            }

            if (!finalize && _options.EnforceUploadChunkGranularity && chunk.Length % ChunkGranularity != 0)
            {
                throw new ApiException(ApiErrors.InvalidArgument(
                    $"The chunk size {chunk.Length} is not a multiple of {ChunkGranularity} bytes (X-Goog-Upload-Chunk-Granularity); only the last chunk may be smaller."));
            }

            session.Append(chunk);
        }

        if (!finalize)
        {
            return new UploadStep("active", session.Received, null);
        }

        if (session.DeclaredLength is { } declared && declared != session.Received)
        {
            throw new ApiException(ApiErrors.InvalidArgument(
                $"The upload was finalized after {session.Received} bytes but X-Goog-Upload-Header-Content-Length declared {declared} bytes."));
        }

        session.Result = Create(session.Metadata, session.Received, session.Digest(), session.Preview(), session.Content());
        return new UploadStep("final", session.Received, session.Result);
    }

    /// <summary>Creates a file from a complete body (multipart or raw upload).</summary>
    public StoredFile CreateFromBytes(FileMetadata metadata, ReadOnlySpan<byte> content)
    {
        byte[] digest = System.Security.Cryptography.SHA256.HashData(content);
        byte[] preview = content[..Math.Min(content.Length, FileStore.PreviewBytes)].ToArray();
        return Create(metadata, content.Length, digest, preview, KeepsContent(metadata.MimeType) ? content.ToArray() : null);
    }

    /// <summary>
    /// Text files (JSON, JSONL, text/*) keep their bytes, so a batch can read its input file; other uploads keep only
    /// their length, hash and first bytes.
    /// </summary>
    public static bool KeepsContent(string? mimeType) =>
        mimeType is not null && (mimeType.Contains("json", StringComparison.OrdinalIgnoreCase) || mimeType.StartsWith("text/", StringComparison.OrdinalIgnoreCase));

    /// <summary>Stores a file the service generated (a batch's results): ACTIVE at once, downloadable.</summary>
    public StoredFile CreateGenerated(string id, string displayName, string mimeType, byte[] content)
    {
        DateTimeOffset now = _time.GetUtcNow();
        var file = new StoredFile
        {
            Id = id,
            DisplayName = displayName,
            MimeType = mimeType,
            SizeBytes = content.Length,
            Sha256 = System.Security.Cryptography.SHA256.HashData(content),
            FirstBytes = content[..Math.Min(content.Length, FileStore.PreviewBytes)],
            CreateTime = now,
            ReadyAt = now,
            Uri = new Uri(_baseUri(), "v1beta/files/" + id),
            DownloadUri = new Uri(_baseUri(), "download/v1beta/files/" + id + ":download?alt=media"),
            Source = "GENERATED",
            Content = content,
            Sequence = _store.NextSequence(),
        };
        _store.TryAdd(file);
        return file;
    }

    /// <summary>
    /// files.download with <c>alt=media</c>: the raw bytes of a generated file. Uploaded files cannot be downloaded
    /// (the emulator answers 400 INVALID_ARGUMENT, as the SDKs refuse them client-side).
    /// </summary>
    public StoredFile RequireDownloadable(string id)
    {
        StoredFile file = Require(id);
        if (file.Source != "GENERATED" || file.Content is null)
        {
            throw new ApiException(ApiErrors.InvalidArgument($"Only generated files can be downloaded; the File {file.Id} was uploaded."));
        }

        return file;
    }

    public JsonObject Get(string id) => Require(id).ToJson(_time.GetUtcNow());

    public JsonObject Delete(string id)
    {
        Require(id);
        _store.Remove(id);
        return new JsonObject();
    }

    public JsonObject List(string? pageSize, string? pageToken)
    {
        Page<StoredFile> page = Pager.Page(_store.Snapshot(), f => -f.Sequence, pageSize, pageToken, defaultSize: 10, maxSize: 100);
        var now = _time.GetUtcNow();
        var result = new JsonObject();
        if (page.Items.Count > 0)
        {
            result["files"] = new JsonArray(page.Items.Select(f => (JsonNode?)f.ToJson(now)).ToArray());
        }

        if (page.NextPageToken is not null)
        {
            result["nextPageToken"] = page.NextPageToken;
        }

        return result;
    }

    /// <summary>The file or the service's 403 (it answers PERMISSION_DENIED, not NOT_FOUND, for unknown files).</summary>
    public StoredFile Require(string id) => _store.Find(id) ?? throw new ApiException(NotFound(FileStore.ToId(id)));

    /// <summary>For use in prompts: the file must exist and be ACTIVE.</summary>
    public StoredFile RequireActive(string id)
    {
        StoredFile file = Require(id);
        if (file.StateAt(_time.GetUtcNow()) != "ACTIVE")
        {
            throw new ApiException(ApiErrors.FailedPrecondition($"The File {file.Id} is not in an ACTIVE state and usage is not allowed."));
        }

        return file;
    }

    public static ApiError NotFound(string id) =>
        ApiErrors.PermissionDenied($"You do not have permission to access the File {id} or it may not exist.");

    private StoredFile Create(FileMetadata metadata, long size, byte[] digest, byte[] preview, byte[]? content)
    {
        string id = metadata.Id ?? FileStore.NewId();
        DateTimeOffset now = _time.GetUtcNow();
        var file = new StoredFile
        {
            Id = id,
            DisplayName = metadata.DisplayName,
            MimeType = metadata.MimeType ?? "application/octet-stream",
            SizeBytes = size,
            Sha256 = digest,
            FirstBytes = preview,
            CreateTime = now,
            ReadyAt = now + _options.FileProcessingDelay,
            Uri = new Uri(_baseUri(), "v1beta/files/" + id),
            Sequence = _store.NextSequence(),
            Content = content,
        };
        if (!_store.TryAdd(file))
        {
            throw new ApiException(AlreadyExists(id));
        }

        return file;
    }

    private void EnsureFreeId(string id)
    {
        if (_store.Contains(id))
        {
            throw new ApiException(AlreadyExists(id));
        }
    }

    private static ApiError AlreadyExists(string id) => ApiErrors.AlreadyExists($"File files/{id} already exists.");
}
