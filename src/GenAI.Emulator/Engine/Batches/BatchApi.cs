using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using GenAI.Emulator.Engine.Errors;
using GenAI.Emulator.Engine.Files;
using GenAI.Emulator.Engine.Json;
using GenAI.Emulator.Engine.Models;
using GenAI.Emulator.Engine.Paging;

namespace GenAI.Emulator.Engine.Batches;

/// <summary>
/// The batch resources (<c>{model}:batchGenerateContent</c>, <c>{model}:asyncBatchEmbedContent</c>,
/// <c>batches.get/list/cancel/delete</c>), transport independent. Each batch runs on a task: PENDING, then RUNNING
/// while its requests go through the emulator's own generateContent (or embedContent) one by one (each request's failure is that request's result), then SUCCEEDED with inline
/// responses or a generated JSONL result file. Cancel, delete, a <c>fail</c>/<c>expire</c> tag or the 48-hour
/// expiry end it early.
/// </summary>
public sealed class BatchApi
{
    private readonly ConcurrentDictionary<string, BatchJob> _jobs = new(StringComparer.Ordinal);
    private readonly Func<string, string, ReadOnlyMemory<byte>, CancellationToken, Task<UnaryOutcome>> _generate;
    private readonly Func<string, string, ReadOnlyMemory<byte>, CancellationToken, Task<UnaryOutcome>> _embed;
    private readonly ModelCatalog _catalog;
    private readonly FileApi _files;
    private readonly EmulatorOptions _options;
    private readonly TimeProvider _time;
    private readonly CancellationToken _stopping;
    private long _sequence;

    public BatchApi(Func<string, string, ReadOnlyMemory<byte>, CancellationToken, Task<UnaryOutcome>> generate,
        Func<string, string, ReadOnlyMemory<byte>, CancellationToken, Task<UnaryOutcome>> embed, ModelCatalog catalog, FileApi files,
        EmulatorOptions options, TimeProvider time, CancellationToken stopping)
    {
        _generate = generate;
        _embed = embed;
        _catalog = catalog;
        _files = files;
        _options = options;
        _time = time;
        _stopping = stopping;
    }

    /// <summary>
    /// batchGenerateContent, or asyncBatchEmbedContent for <see cref="BatchKind.Embed"/> (the same input and output
    /// shapes with EmbedContentRequest/EmbedContentResponse): validates the batch, stores it PENDING and starts its processing.
    /// </summary>
    public JsonObject Create(string model, string apiVersion, ReadOnlyMemory<byte> body, BatchKind kind = BatchKind.Generate)
    {
        string method = kind == BatchKind.Embed ? "asyncBatchEmbedContent" : "batchGenerateContent";
        ModelInfo? info = model.StartsWith("models/", StringComparison.Ordinal) ? _catalog.Find(ModelCatalog.StripPrefix(model)) : null;
        if (info is null || !(info.Supports(method) || (kind == BatchKind.Embed && info.IsScenario)))
        {
            throw new ApiException(ApiErrors.ModelNotFound(model, apiVersion, method));
        }

        JsonObject batch = RequestJson.Parse(body) is JsonObject root && Member(root, "batch", "batch") is JsonObject inner
            ? inner
            : throw new ApiException(ApiErrors.InvalidArgument("batch is required: send {\"batch\": {\"displayName\", \"inputConfig\"}}."));
        string displayName = JsonRead.String(Member(batch, "displayName", "display_name"), "batch.display_name") is { Length: > 0 } name
            ? name
            : throw new ApiException(ApiErrors.InvalidField("BatchGenerateContentRequest", "batch.display_name", "display_name is required."));
        long priority = Member(batch, "priority", "priority") is JsonNode p && long.TryParse(p.ToString(), out long parsed) ? parsed : 0;
        JsonObject input = Member(batch, "inputConfig", "input_config") as JsonObject
            ?? throw new ApiException(ApiErrors.InvalidField("BatchGenerateContentRequest", "batch.input_config", "input_config is required."));
        JsonNode? requests = Member(input, "requests", "requests");
        string? fileName = JsonRead.String(Member(input, "fileName", "file_name"), "batch.input_config.file_name");
        if ((requests is null) == (fileName is null))
        {
            throw new ApiException(ApiErrors.InvalidArgument("batch.input_config must set exactly one of requests and file_name."));
        }

        List<BatchItem> items = fileName is null ? InlineItems(requests!) : FileItems(fileName);
        if (items.Count == 0)
        {
            throw new ApiException(ApiErrors.InvalidArgument("The batch has no requests."));
        }

        DateTimeOffset now = _time.GetUtcNow();
        var job = new BatchJob
        {
            Kind = kind,
            Id = FileStore.NewId(36),
            Model = model,
            ApiVersion = apiVersion,
            DisplayName = displayName,
            Priority = priority,
            InputFile = fileName is null ? null : "files/" + FileStore.ToId(fileName),
            Items = items,
            Results = new JsonObject?[items.Count],
            CreateTime = now,
            UpdateTime = now,
            Timing = BatchTiming.From(displayName, _options),
            Sequence = Interlocked.Increment(ref _sequence),
        };
        _jobs[job.Id] = job;
        _ = Task.Run(() => RunAsync(job));
        return job.ToOperation(withInlinedResponses: true);
    }

    public JsonObject Get(string id) => Require(id).ToOperation(withInlinedResponses: true);

    /// <summary>batches.list: <c>{"operations": [...]}</c>, newest first, without inlined responses (default page size 10, max 100).</summary>
    public JsonObject List(string? pageSize, string? pageToken)
    {
        foreach (BatchJob job in _jobs.Values)
        {
            ExpireIfOverdue(job);
        }

        Page<BatchJob> page = Pager.Page(_jobs.Values.OrderByDescending(j => j.Sequence).ToList(), j => -j.Sequence, pageSize, pageToken, defaultSize: 10, maxSize: 100);
        var result = new JsonObject();
        if (page.Items.Count > 0)
        {
            result["operations"] = new JsonArray(page.Items.Select(j => (JsonNode?)j.ToOperation(withInlinedResponses: false)).ToArray());
        }

        if (page.NextPageToken is not null)
        {
            result["nextPageToken"] = page.NextPageToken;
        }

        return result;
    }

    /// <summary>
    /// batches.cancel: <c>{}</c>; a batch not yet finished ends CANCELLED with <c>error.code = 1</c> (the long-running
    /// operation contract) and no output. Cancelling a finished batch changes nothing.
    /// </summary>
    public JsonObject Cancel(string id)
    {
        BatchJob job = Require(id);
        Finish(job, "BATCH_STATE_CANCELLED", new ApiError(499, "CANCELLED", "The batch was cancelled."));
        return new JsonObject();
    }

    /// <summary>batches.delete: <c>{}</c>; the batch stops and is gone (a later get is 404), its result file too.</summary>
    public JsonObject Delete(string id)
    {
        BatchJob job = Require(id);
        _jobs.TryRemove(job.Id, out _);
        job.Stop.Cancel();
        if (job.ResponsesFile is not null)
        {
            _files.Store.Remove(job.ResponsesFile);
        }

        return new JsonObject();
    }

    /// <summary>Lets a batch tagged <c>hold</c> finish (test control).</summary>
    public void Release(string id) => Require(id).Released.TrySetResult();

    public BatchJob Require(string id)
    {
        string key = id.StartsWith("batches/", StringComparison.Ordinal) ? id["batches/".Length..] : id;
        if (!_jobs.TryGetValue(key, out BatchJob? job))
        {
            throw new ApiException(ApiErrors.NotFound($"Batch batches/{key} not found."));
        }

        ExpireIfOverdue(job);
        return job;
    }

    private void ExpireIfOverdue(BatchJob job)
    {
        if (!job.IsTerminal && _time.GetUtcNow() - job.CreateTime > _options.BatchExpiry)
        {
            Finish(job, "BATCH_STATE_EXPIRED", null);
        }
    }

    private void Finish(BatchJob job, string state, ApiError? error)
    {
        lock (job.Gate)
        {
            if (job.IsTerminal)
            {
                return;
            }

            job.State = state;
            job.Error = error;
            job.UpdateTime = _time.GetUtcNow();
            job.EndTime = job.UpdateTime;
        }

        job.Stop.Cancel();
    }

    private async Task RunAsync(BatchJob job)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(job.Stop.Token, _stopping);
        CancellationToken token = linked.Token;
        try
        {
            await Task.Delay(job.Timing.Pending, _time, token).ConfigureAwait(false);
            SetState(job, "BATCH_STATE_RUNNING");
            DateTimeOffset started = _time.GetUtcNow();
            for (int i = 0; i < job.Items.Count; i++)
            {
                token.ThrowIfCancellationRequested();
                job.Record(i, await ProcessAsync(job, job.Items[i], token).ConfigureAwait(false));
                await PaceAsync(started, job.Timing.Running, i + 1, job.Items.Count, token).ConfigureAwait(false);
            }

            if (job.Timing.Hold)
            {
                await job.Released.Task.WaitAsync(token).ConfigureAwait(false);
            }

            if (job.Timing.Expire)
            {
                Finish(job, "BATCH_STATE_EXPIRED", null);
                return;
            }

            if (job.Timing.Fail)
            {
                Finish(job, "BATCH_STATE_FAILED", new ApiError(500, "INTERNAL", "The batch failed: the emulator was asked to fail it (display name tag 'fail')."));
                return;
            }

            lock (job.Gate)
            {
                if (job.IsTerminal)
                {
                    return;
                }

                if (job.InputFile is not null)
                {
                    job.ResponsesFile = _files.CreateGenerated("batch-" + job.Id, "Batch results of " + job.Name, "application/jsonl", ResultFile(job)).Name;
                }

                job.State = "BATCH_STATE_SUCCEEDED";
                job.UpdateTime = _time.GetUtcNow();
                job.EndTime = job.UpdateTime;
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    // Spreads the requests over the batch's running time, so its counters move as a real batch's do.
    private async Task PaceAsync(DateTimeOffset started, TimeSpan running, int done, int total, CancellationToken token)
    {
        TimeSpan due = running * ((double)done / total) - (_time.GetUtcNow() - started);
        if (due > TimeSpan.FromMilliseconds(15))
        {
            await Task.Delay(due, _time, token).ConfigureAwait(false);
        }
    }

    private void SetState(BatchJob job, string state)
    {
        lock (job.Gate)
        {
            if (!job.IsTerminal)
            {
                job.State = state;
                job.UpdateTime = _time.GetUtcNow();
            }
        }
    }

    private async Task<JsonObject> ProcessAsync(BatchJob job, BatchItem item, CancellationToken token)
    {
        if (item.LineError is { } lineError)
        {
            return new JsonObject { ["error"] = BatchJob.StatusJson(lineError) };
        }

        JsonObject request = (JsonObject)item.Request!.DeepClone();
        string model = JsonRead.TryString(request["model"]) is { Length: > 0 } own ? own : job.Model;
        request.Remove("model");
        try
        {
            var serve = job.Kind == BatchKind.Embed ? _embed : _generate;
            UnaryOutcome outcome = await serve(model, job.ApiVersion, WireJson.ToCompactBytes(request), token).ConfigureAwait(false);
            JsonNode? response = outcome.IsVerbatim ? JsonNode.Parse(outcome.Verbatim.Span) : outcome.Json;
            return response is JsonObject ok && outcome.StatusCode == 200
                ? new JsonObject { ["response"] = ok.DeepClone() }
                : new JsonObject { ["error"] = new JsonObject { ["code"] = 13, ["message"] = "Internal error encountered." } };
        }
        catch (ApiException ex)
        {
            return new JsonObject { ["error"] = BatchJob.StatusJson(ex.Error) };
        }
        catch (Exception ex) when (ex is ConnectionAbortException or JsonException)
        {
            return new JsonObject { ["error"] = new JsonObject { ["code"] = 13, ["message"] = "Internal error encountered." } };
        }
    }

    // One line per request in input order: {"key", "response"} or {"key", "error"} (no key for bare request lines).
    private static byte[] ResultFile(BatchJob job)
    {
        using var output = new System.IO.MemoryStream();
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        for (int i = 0; i < job.Items.Count; i++)
        {
            var line = new JsonObject();
            if (job.Items[i].Key is { } key)
            {
                line["key"] = key;
            }

            foreach (var (name, value) in job.Results[i] ?? new JsonObject { ["error"] = new JsonObject { ["code"] = 1 } })
            {
                line[name] = value?.DeepClone();
            }

            buffer.Clear();
            WireJson.WriteCompact(line, buffer);
            output.Write(buffer.WrittenSpan);
            output.WriteByte((byte)'\n');
        }

        return output.ToArray();
    }

    private static List<BatchItem> InlineItems(JsonNode requests)
    {
        // {"requests": {"requests": [InlinedRequest]}}: the key appears twice.
        JsonArray list = (requests as JsonObject)?["requests"] as JsonArray
            ?? throw new ApiException(ApiErrors.InvalidArgument("batch.input_config.requests must be {\"requests\": [...]}."));
        var items = new List<BatchItem>(list.Count);
        for (int i = 0; i < list.Count; i++)
        {
            if (list[i] is not JsonObject inlined || inlined["request"] is not JsonObject request)
            {
                throw new ApiException(ApiErrors.InvalidField("BatchGenerateContentRequest", $"batch.input_config.requests.requests[{i}].request", "request is required."));
            }

            JsonNode? metadata = inlined["metadata"];
            items.Add(new BatchItem(metadata?.DeepClone(), JsonRead.TryString(metadata?["key"]), request, null));
        }

        return items;
    }

    // JSONL lines {"key", "request"}; a bare GenerateContentRequest line is accepted too (its result has no key).
    private List<BatchItem> FileItems(string fileName)
    {
        StoredFile file = _files.RequireActive(FileStore.ToId(fileName));
        if (file.Content is null)
        {
            throw new ApiException(ApiErrors.InvalidArgument(
                $"The File {file.Id} ({file.MimeType}) cannot be read as JSONL batch input; upload it with a JSON or text MIME type such as application/jsonl."));
        }

        var items = new List<BatchItem>();
        int start = 0;
        byte[] content = file.Content;
        while (start < content.Length)
        {
            int end = Array.IndexOf(content, (byte)'\n', start);
            if (end < 0)
            {
                end = content.Length;
            }

            var line = content.AsMemory(start, end - start);
            start = end + 1;
            if (line.Span.Trim(" \t\r"u8).IsEmpty)
            {
                continue;
            }

            items.Add(ParseLine(line, items.Count + 1));
        }

        return items;
    }

    private static BatchItem ParseLine(ReadOnlyMemory<byte> line, int number)
    {
        JsonObject? json;
        try
        {
            json = JsonNode.Parse(line.Span) as JsonObject;
        }
        catch (JsonException)
        {
            json = null;
        }

        if (json is null)
        {
            return new BatchItem(null, null, null, ApiErrors.InvalidArgument($"Line {number} of the input file is not a JSON object."));
        }

        string? key = JsonRead.TryString(json["key"]);
        return json["request"] is JsonObject request
            ? new BatchItem(null, key, request, null)
            : new BatchItem(null, key, key is null ? json : null, key is null ? null : ApiErrors.InvalidArgument($"Line {number} of the input file has no request."));
    }

    private static JsonNode? Member(JsonObject json, string camel, string snake) => json[camel] ?? json[snake];
}
