using System;
using System.Linq;
using System.Text.Json.Nodes;
using GenAI.Emulator.Engine.Errors;
using GenAI.Emulator.Engine.Files;
using GenAI.Emulator.Engine.Generation;
using GenAI.Emulator.Engine.Json;
using GenAI.Emulator.Engine.Models;
using GenAI.Emulator.Engine.Paging;
using GenAI.Emulator.Engine.Tokens;

namespace GenAI.Emulator.Engine.Caches;

/// <summary>cachedContents create / list / get / patch / delete, transport independent.</summary>
public sealed class CachedContentApi
{
    private static readonly TimeSpan s_defaultTtl = TimeSpan.FromHours(1);

    private readonly CachedContentStore _store;
    private readonly ModelCatalog _catalog;
    private readonly FileApi _files;
    private readonly EmulatorOptions _options;
    private readonly TimeProvider _time;

    public CachedContentApi(CachedContentStore store, ModelCatalog catalog, FileApi files, EmulatorOptions options, TimeProvider time)
    {
        _store = store;
        _catalog = catalog;
        _files = files;
        _options = options;
        _time = time;
    }

    public CachedContentStore Store => _store;

    public JsonObject Create(ReadOnlyMemory<byte> body, string apiVersion)
    {
        JsonObject request = RequestJson.ParseMessage(body, MessageShape.CachedContent);
        ValidationScope scope = ValidationScope.CreateCache;
        string model = JsonRead.String(request["model"], scope.Field("model")) ?? string.Empty;
        if (model.Length == 0)
        {
            throw new ApiException(ApiErrors.InvalidField(scope.RequestType, scope.Field("model"), "model is required."));
        }

        model = model.Contains('/') ? model : "models/" + model;
        ModelInfo? info = model.StartsWith("models/", StringComparison.Ordinal) ? _catalog.Find(model) : null;
        if (info is null || !info.Supports("createCachedContent"))
        {
            throw new ApiException(ApiErrors.ModelNotFound(model, apiVersion, "createCachedContent"));
        }

        string displayName = JsonRead.String(request["displayName"], scope.Field("display_name")) ?? string.Empty;
        if (displayName.Length > 128)
        {
            throw new ApiException(ApiErrors.InvalidField(scope.RequestType, scope.Field("display_name"), "display_name must be at most 128 characters."));
        }

        JsonArray? contents = request["contents"] as JsonArray;
        JsonObject? system = request["systemInstruction"] as JsonObject;
        ContentValidator.ValidateContents(contents ?? new JsonArray(), scope);
        if (system is not null)
        {
            ContentValidator.ValidateContent(system, scope, "system_instruction");
        }

        EnumFields.ValidateToolConfig(request["toolConfig"] as JsonObject, scope);
        FileReferences.EnsureUsable(contents, _files);

        DateTimeOffset now = _time.GetUtcNow();
        DateTimeOffset expireTime = ReadExpiration(request, now, scope) ?? now + s_defaultTtl;
        var tokens = new TokenTally();
        tokens.Add(TokenCounter.CountContents(contents));
        tokens.Add(TokenCounter.CountContent(system));
        tokens.Add(TokenCounter.CountTools(request["tools"] as JsonArray));
        if (tokens.Total < _options.MinCachedContentTokens)
        {
            throw new ApiException(ApiErrors.InvalidArgument(
                $"Cached content is too small. total_token_count={tokens.Total}, min_total_token_count={_options.MinCachedContentTokens}"));
        }

        var entry = new CachedContentEntry
        {
            Id = FileStore.NewId(),
            Model = info.Name,
            DisplayName = displayName,
            CreateTime = now,
            UpdateTime = now,
            ExpireTime = expireTime,
            Sequence = _store.NextSequence(),
            SystemInstruction = system?.DeepClone() as JsonObject,
            Contents = contents?.DeepClone() as JsonArray,
            Tools = request["tools"]?.DeepClone() as JsonArray,
            ToolConfig = request["toolConfig"]?.DeepClone() as JsonObject,
            Tokens = tokens,
        };
        _store.TryAdd(entry);
        return entry.ToJson();
    }

    public JsonObject Get(string id) => Require(id).ToJson();

    public JsonObject List(string? pageSize, string? pageToken)
    {
        Page<CachedContentEntry> page = Pager.Page(_store.Snapshot(), e => -e.Sequence, pageSize, pageToken, defaultSize: 100, maxSize: 1000);
        var result = new JsonObject();
        if (page.Items.Count > 0)
        {
            result["cachedContents"] = new JsonArray(page.Items.Select(e => (JsonNode?)e.ToJson()).ToArray());
        }

        if (page.NextPageToken is not null)
        {
            result["nextPageToken"] = page.NextPageToken;
        }

        return result;
    }

    /// <summary>
    /// PATCH with <c>updateMask</c> <c>ttl</c> or <c>expireTime</c> (also snake_case); without a
    /// mask the expiration member present in the body is updated. Any other mask path is rejected.
    /// </summary>
    public JsonObject Update(string id, ReadOnlyMemory<byte> body, string? updateMask)
    {
        CachedContentEntry entry = Require(id);
        JsonObject request = RequestJson.ParseMessage(body, MessageShape.CachedContent);
        string[] paths = (updateMask ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (string path in paths)
        {
            if (path is not ("ttl" or "expireTime" or "expire_time"))
            {
                throw new ApiException(ApiErrors.InvalidArgument(
                    $"Invalid update_mask path \"{path}\": only the expiration (ttl or expire_time) of a CachedContent can be updated."));
            }
        }

        if (paths.Length == 0 && request["ttl"] is null && request["expireTime"] is null)
        {
            throw new ApiException(ApiErrors.InvalidArgument("update_mask is required: only ttl or expire_time can be updated."));
        }

        DateTimeOffset now = _time.GetUtcNow();
        DateTimeOffset? expireTime = ReadExpiration(request, now, new ValidationScope("UpdateCachedContentRequest", "cached_content."));
        if (expireTime is null)
        {
            throw new ApiException(ApiErrors.InvalidArgument("The update_mask names an expiration field that the request does not set."));
        }

        entry.ExpireTime = expireTime.Value;
        entry.UpdateTime = now;
        return entry.ToJson();
    }

    public JsonObject Delete(string id)
    {
        Require(id);
        _store.Remove(id);
        return new JsonObject();
    }

    /// <summary>The live entry, or the service's 403 "CachedContent not found (or permission denied)".</summary>
    public CachedContentEntry Require(string nameOrId) =>
        _store.Find(nameOrId) ?? throw new ApiException(ApiErrors.PermissionDenied("CachedContent not found (or permission denied)"));

    private static DateTimeOffset? ReadExpiration(JsonObject request, DateTimeOffset now, ValidationScope scope)
    {
        string? ttl = JsonRead.String(request["ttl"], scope.Field("ttl"));
        string? expire = JsonRead.String(request["expireTime"], scope.Field("expire_time"));
        if (ttl is not null && expire is not null)
        {
            throw new ApiException(ApiErrors.InvalidJsonPayload("Oneof field 'expiration' is already set. Cannot set 'expireTime'", scope.Field("expire_time")));
        }

        if (ttl is not null)
        {
            if (!ProtoTime.TryParseDuration(ttl, out TimeSpan duration))
            {
                throw new ApiException(ApiErrors.InvalidJsonPayload($"Invalid value at '{scope.Field("ttl")}' (type.googleapis.com/google.protobuf.Duration), \"{ttl}\"", scope.Field("ttl")));
            }

            if (duration <= TimeSpan.Zero)
            {
                throw new ApiException(ApiErrors.InvalidField(scope.RequestType, scope.Field("ttl"), "ttl must be positive."));
            }

            return now + duration;
        }

        if (expire is not null)
        {
            if (!ProtoTime.TryParseTimestamp(expire, out DateTimeOffset time))
            {
                throw new ApiException(ApiErrors.InvalidJsonPayload($"Invalid value at '{scope.Field("expire_time")}' (type.googleapis.com/google.protobuf.Timestamp), \"{expire}\"", scope.Field("expire_time")));
            }

            if (time <= now)
            {
                throw new ApiException(ApiErrors.InvalidField(scope.RequestType, scope.Field("expire_time"), "expire_time must be in the future."));
            }

            return time;
        }

        return null;
    }
}
