using System;

namespace GenAI.Emulator.Rest;

/// <summary>The API operations the REST adapter serves.</summary>
internal enum RestOperation
{
    ListModels,
    GetModel,
    GenerateContent,
    StreamGenerateContent,
    CountTokens,
    UnsupportedModelMethod,
    ListFiles,
    GetFile,
    DeleteFile,
    UploadFile,
    UploadChunk,
    CreateCachedContent,
    ListCachedContents,
    GetCachedContent,
    UpdateCachedContent,
    DeleteCachedContent,
    EmbedContent,
    BatchEmbedContents,
    CreateBatch,
    CreateEmbedBatch,
    ListBatches,
    GetBatch,
    CancelBatch,
    DeleteBatch,
    DownloadFile,
}

/// <summary>
/// A parsed API path. The <c>:</c> before a method verb is literal, so paths are parsed by hand:
/// <c>/v1beta/models/gemini-2.0-flash:generateContent</c> → GenerateContent, resource <c>models/gemini-2.0-flash</c>.
/// </summary>
internal sealed record RestRoute(RestOperation Operation, string ApiVersion, string Resource, string? Verb = null)
{
    /// <summary>Chunk uploads authenticate by their upload id, as the SDK samples send no key there.</summary>
    public bool RequiresApiKey => Operation != RestOperation.UploadChunk;

    public static RestRoute? Parse(string method, string path, bool hasUploadId)
    {
        if (path.StartsWith("/upload/v1beta/files", StringComparison.Ordinal) && path.TrimEnd('/') == "/upload/v1beta/files" && method == "POST")
        {
            return new RestRoute(hasUploadId ? RestOperation.UploadChunk : RestOperation.UploadFile, "v1beta", "files");
        }

        // The media-download form of files.download: /download/v1beta/files/{id}:download?alt=media.
        if (path.StartsWith("/download/v1beta/", StringComparison.Ordinal))
        {
            return method == "GET" && Parse(method, path["/download".Length..], hasUploadId) is { Operation: RestOperation.DownloadFile } download ? download : null;
        }

        string version;
        string rest;
        if (path.StartsWith("/v1beta/", StringComparison.Ordinal))
        {
            version = "v1beta";
            rest = path["/v1beta/".Length..];
        }
        else if (path.StartsWith("/v1/", StringComparison.Ordinal))
        {
            version = "v1";
            rest = path["/v1/".Length..];
        }
        else
        {
            return null;
        }

        rest = rest.TrimEnd('/');
        int colon = rest.LastIndexOf(':');
        string resource = colon >= 0 ? rest[..colon] : rest;
        string? verb = colon >= 0 ? rest[(colon + 1)..] : null;
        string[] segments = resource.Split('/');
        string collection = segments[0];

        if (collection is "models" or "tunedModels" or "dynamic")
        {
            if (verb is not null && segments.Length == 2 && method == "POST")
            {
                return new RestRoute(verb switch
                {
                    "generateContent" => RestOperation.GenerateContent,
                    "streamGenerateContent" => RestOperation.StreamGenerateContent,
                    "countTokens" => RestOperation.CountTokens,
                    "embedContent" => RestOperation.EmbedContent,
                    "batchEmbedContents" => RestOperation.BatchEmbedContents,
                    "batchGenerateContent" => RestOperation.CreateBatch,
                    "asyncBatchEmbedContent" => RestOperation.CreateEmbedBatch,
                    _ => RestOperation.UnsupportedModelMethod,
                }, version, resource, verb);
            }

            if (collection == "models" && verb is null && method == "GET")
            {
                return segments.Length switch
                {
                    1 => new RestRoute(RestOperation.ListModels, version, resource),
                    2 => new RestRoute(RestOperation.GetModel, version, resource),
                    _ => null,
                };
            }

            return null;
        }

        bool single = segments.Length == 2 && segments[1].Length > 0;
        if (version == "v1beta" && single && verb is not null)
        {
            return (collection, verb, method) switch
            {
                ("files", "download", "GET") => new RestRoute(RestOperation.DownloadFile, version, resource, verb),
                ("batches", "cancel", "POST") => new RestRoute(RestOperation.CancelBatch, version, resource, verb),
                _ => null,
            };
        }

        if (version != "v1beta" || verb is not null || segments.Length > 2)
        {
            return null;
        }

        return (collection, single, method) switch
        {
            ("files", false, "GET") => new RestRoute(RestOperation.ListFiles, version, resource),
            ("files", true, "GET") => new RestRoute(RestOperation.GetFile, version, resource),
            ("files", true, "DELETE") => new RestRoute(RestOperation.DeleteFile, version, resource),
            ("cachedContents", false, "GET") => new RestRoute(RestOperation.ListCachedContents, version, resource),
            ("cachedContents", false, "POST") => new RestRoute(RestOperation.CreateCachedContent, version, resource),
            ("cachedContents", true, "GET") => new RestRoute(RestOperation.GetCachedContent, version, resource),
            ("cachedContents", true, "PATCH") => new RestRoute(RestOperation.UpdateCachedContent, version, resource),
            ("cachedContents", true, "DELETE") => new RestRoute(RestOperation.DeleteCachedContent, version, resource),
            ("batches", false, "GET") => new RestRoute(RestOperation.ListBatches, version, resource),
            ("batches", true, "GET") => new RestRoute(RestOperation.GetBatch, version, resource),
            ("batches", true, "DELETE") => new RestRoute(RestOperation.DeleteBatch, version, resource),
            _ => null,
        };
    }

    /// <summary>The id after the collection: <c>files/abc</c> → <c>abc</c>.</summary>
    public string ResourceId => Resource[(Resource.IndexOf('/') + 1)..];
}
