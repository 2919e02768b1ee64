using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using GenAI.Emulator.Engine.Errors;
using GenAI.Emulator.Engine.Json;

namespace GenAI.Emulator.Engine.Batches;

/// <summary>One request of a batch: its correlation (inline <c>metadata</c>, or the JSONL line's <c>key</c>) and the request, or why its line could not be read.</summary>
public sealed record BatchItem(JsonNode? Metadata, string? Key, JsonObject? Request, ApiError? LineError);

/// <summary>
/// A batch (<c>GenerateContentBatch</c>) and where its processing is: state, counters, and the per-request results
/// once they exist. Counters are updated by the processing task and read by get/list.
/// </summary>
public sealed class BatchJob
{
    public const string TypePrefix = "type.googleapis.com/google.ai.generativelanguage.v1main.";

    /// <summary>The create method: <see cref="BatchKind.Generate"/> (batchGenerateContent) or <see cref="BatchKind.Embed"/> (asyncBatchEmbedContent).</summary>
    public BatchKind Kind { get; init; } = BatchKind.Generate;

    // GenerateContentBatch, or EmbedContentBatch for an embeddings batch (the resource names of the Batch API reference).
    private string MetadataType => TypePrefix + (Kind == BatchKind.Embed ? "EmbedContentBatch" : "GenerateContentBatch");

    private string OutputType => MetadataType + "Output";

    private int _succeeded;
    private int _failed;

    public required string Id { get; init; }

    public string Name => "batches/" + Id;

    public required string Model { get; init; }

    public required string ApiVersion { get; init; }

    public required string DisplayName { get; init; }

    public long Priority { get; init; }

    /// <summary>The input file (<c>files/…</c>) for a file batch; null for inline requests.</summary>
    public string? InputFile { get; init; }

    public required IReadOnlyList<BatchItem> Items { get; init; }

    public required DateTimeOffset CreateTime { get; init; }

    public required BatchTiming Timing { get; init; }

    public long Sequence { get; init; }

    public string State { get; set; } = "BATCH_STATE_PENDING";

    public DateTimeOffset UpdateTime { get; set; }

    public DateTimeOffset? EndTime { get; set; }

    /// <summary>The whole job's error (FAILED, CANCELLED).</summary>
    public ApiError? Error { get; set; }

    /// <summary>Per-request results in input order (<c>{"response"}</c> or <c>{"error"}</c>), filled as requests finish.</summary>
    public JsonObject?[] Results { get; init; } = Array.Empty<JsonObject?>();

    /// <summary>The result file (<c>files/batch-…</c>) of a finished file batch.</summary>
    public string? ResponsesFile { get; set; }

    /// <summary>Stops the processing task (cancel, delete, expiry, shutdown).</summary>
    public CancellationTokenSource Stop { get; } = new();

    /// <summary>Completed by <c>POST /emulator/batches/{id}/release</c>: a batch whose display name holds <c>hold</c> waits for it before finishing.</summary>
    public TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public object Gate { get; } = new();

    public bool IsTerminal => State is "BATCH_STATE_SUCCEEDED" or "BATCH_STATE_FAILED" or "BATCH_STATE_CANCELLED" or "BATCH_STATE_EXPIRED";

    public void Record(int index, JsonObject result)
    {
        Results[index] = result;
        if (result.ContainsKey("error"))
        {
            Interlocked.Increment(ref _failed);
        }
        else
        {
            Interlocked.Increment(ref _succeeded);
        }
    }

    /// <summary>The <c>google.longrunning.Operation</c> of this batch; list items leave the inlined responses out.</summary>
    public JsonObject ToOperation(bool withInlinedResponses)
    {
        lock (Gate)
        {
            JsonObject metadata = Metadata(withInlinedResponses);
            var operation = new JsonObject { ["name"] = Name, ["metadata"] = metadata };
            if (!IsTerminal)
            {
                return operation;
            }

            operation["done"] = true;
            if (Error is not null)
            {
                operation["error"] = StatusJson(Error);
            }
            else if (metadata["output"] is JsonObject output)
            {
                var response = (JsonObject)output.DeepClone();
                var typed = new JsonObject { ["@type"] = OutputType };
                foreach (var (key, value) in response)
                {
                    typed[key] = value?.DeepClone();
                }

                operation["response"] = typed;
            }

            return operation;
        }
    }

    /// <summary>A google.rpc.Status as batch results and operations carry it: the numeric canonical code, not the HTTP status.</summary>
    public static JsonObject StatusJson(ApiError error) => new()
    {
        ["code"] = CanonicalCode(error.Status),
        ["message"] = error.Message,
    };

    private JsonObject Metadata(bool withInlinedResponses)
    {
        var metadata = new JsonObject
        {
            ["@type"] = MetadataType,
            ["model"] = Model,
            ["displayName"] = DisplayName,
            ["name"] = Name,
            ["createTime"] = ProtoTime.FormatNanos(CreateTime),
            ["updateTime"] = ProtoTime.FormatNanos(UpdateTime),
        };
        if (EndTime is { } end)
        {
            metadata["endTime"] = ProtoTime.FormatNanos(end);
        }

        metadata["batchStats"] = Stats();
        metadata["state"] = State;
        if (Priority != 0)
        {
            metadata["priority"] = Priority.ToString(CultureInfo.InvariantCulture);
        }

        if (InputFile is not null)
        {
            metadata["inputConfig"] = new JsonObject { ["fileName"] = InputFile };
        }

        if (State == "BATCH_STATE_SUCCEEDED")
        {
            if (ResponsesFile is not null)
            {
                metadata["output"] = new JsonObject { ["responsesFile"] = ResponsesFile };
            }
            else if (withInlinedResponses)
            {
                var responses = new JsonArray();
                for (int i = 0; i < Items.Count; i++)
                {
                    var item = (JsonObject?)Results[i]?.DeepClone() ?? new JsonObject { ["error"] = new JsonObject { ["code"] = 1 } };
                    if (Items[i].Metadata is { } echoed)
                    {
                        item["metadata"] = echoed.DeepClone();
                    }

                    responses.Add(item);
                }

                metadata["output"] = new JsonObject { ["inlinedResponses"] = new JsonObject { ["inlinedResponses"] = responses } };
            }
        }

        return metadata;
    }

    // Zero counters are omitted and int64 values travel as strings, as the service sends them.
    private JsonObject Stats()
    {
        int total = Items.Count;
        int succeeded = Volatile.Read(ref _succeeded);
        int failed = Volatile.Read(ref _failed);
        int pending = IsTerminal ? 0 : total - succeeded - failed;
        var stats = new JsonObject();
        Add(stats, "requestCount", total);
        Add(stats, "successfulRequestCount", succeeded);
        Add(stats, "failedRequestCount", failed);
        Add(stats, "pendingRequestCount", pending);
        return stats;
    }

    private static void Add(JsonObject stats, string name, int value)
    {
        if (value != 0)
        {
            stats[name] = value.ToString(CultureInfo.InvariantCulture);
        }
    }

    private static int CanonicalCode(string status) => status switch
    {
        "CANCELLED" => 1,
        "UNKNOWN" => 2,
        "INVALID_ARGUMENT" => 3,
        "DEADLINE_EXCEEDED" => 4,
        "NOT_FOUND" => 5,
        "ALREADY_EXISTS" => 6,
        "PERMISSION_DENIED" => 7,
        "RESOURCE_EXHAUSTED" => 8,
        "FAILED_PRECONDITION" => 9,
        "ABORTED" => 10,
        "OUT_OF_RANGE" => 11,
        "UNIMPLEMENTED" => 12,
        "INTERNAL" => 13,
        "UNAVAILABLE" => 14,
        "DATA_LOSS" => 15,
        "UNAUTHENTICATED" => 16,
        _ => 2,
    };
}

/// <summary>
/// How long a batch stays PENDING and RUNNING, and how it ends. Set by <see cref="EmulatorOptions"/>, overridden per
/// batch by tags in its display name: <c>pending-&lt;N&gt;ms</c>, <c>running-&lt;N&gt;ms</c>, <c>hold</c> (stay RUNNING
/// until released), <c>expire</c> (end EXPIRED, as after 48 h), <c>fail</c> (end FAILED).
/// </summary>
public sealed record BatchTiming(TimeSpan Pending, TimeSpan Running, bool Hold, bool Expire, bool Fail)
{
    public static BatchTiming From(string displayName, EmulatorOptions options)
    {
        var words = displayName.Split(new[] { ' ', '-', '_', '.', ',', ';' }, StringSplitOptions.RemoveEmptyEntries);
        TimeSpan pending = Tag(displayName, "pending-") ?? options.BatchPendingTime;
        TimeSpan running = Tag(displayName, "running-") ?? options.BatchRunningTime;
        return new BatchTiming(pending, running, Array.IndexOf(words, "hold") >= 0, Array.IndexOf(words, "expire") >= 0, Array.IndexOf(words, "fail") >= 0);
    }

    private static TimeSpan? Tag(string text, string prefix)
    {
        var match = System.Text.RegularExpressions.Regex.Match(text, "(?<![a-z])" + prefix + @"(\d{1,7})ms");
        return match.Success ? TimeSpan.FromMilliseconds(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)) : null;
    }
}

/// <summary>Which method created a batch, and so which method serves its requests.</summary>
public enum BatchKind
{
    Generate,
    Embed,
}
