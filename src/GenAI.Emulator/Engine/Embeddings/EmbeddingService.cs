using System;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using GenAI.Emulator.Engine.Errors;
using GenAI.Emulator.Engine.Generation;
using GenAI.Emulator.Engine.Json;
using GenAI.Emulator.Engine.Models;
using GenAI.Emulator.Engine.Scenarios;

namespace GenAI.Emulator.Engine.Embeddings;

/// <summary>
/// embedContent and batchEmbedContents (https://ai.google.dev/api/embeddings): at most 100 requests per batch,
/// each naming the call's model; vectors from <see cref="EmbeddingVectors"/>. Scenario models embed too, so
/// their faults (429, 503, delays) exercise the client's retries; a replay model answers with its recorded body.
/// </summary>
internal sealed class EmbeddingService
{
    public const int MaxBatchRequests = 100;

    /// <summary>The full vector size of scenario models (gemini-embedding-001's).</summary>
    private const int ScenarioDimensions = 3072;

    private readonly EmulatorEngine _engine;
    private readonly ScenarioEffects _effects;

    public EmbeddingService(EmulatorEngine engine)
    {
        _engine = engine;
        _effects = new ScenarioEffects(engine.Counters);
    }

    public async Task<UnaryOutcome> EmbedAsync(string model, string apiVersion, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        if (Replayed(model) is { } replayed)
        {
            return replayed;
        }

        int dimensions = await ResolveAsync(model, apiVersion, "embedContent", cancellationToken).ConfigureAwait(false);
        JsonObject request = RequestJson.ParseMessage(body, MessageShape.EmbedContentRequest);
        JsonArray values = Embed(request, dimensions, "EmbedContentRequest", string.Empty);
        return UnaryOutcome.Of(new JsonObject { ["embedding"] = new JsonObject { ["values"] = values } });
    }

    public async Task<UnaryOutcome> BatchEmbedAsync(string model, string apiVersion, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        if (Replayed(model) is { } replayed)
        {
            return replayed;
        }

        int dimensions = await ResolveAsync(model, apiVersion, "batchEmbedContents", cancellationToken).ConfigureAwait(false);
        JsonObject request = RequestJson.ParseMessage(body, MessageShape.BatchEmbedContentsRequest);
        const string requestType = "BatchEmbedContentsRequest";
        JsonArray requests = request["requests"] as JsonArray ?? new JsonArray();
        if (requests.Count == 0)
        {
            throw new ApiException(ApiErrors.InvalidField(requestType, "requests", "at least one request is required."));
        }

        if (requests.Count > MaxBatchRequests)
        {
            throw new ApiException(ApiErrors.InvalidField(requestType, "requests", $"at most {MaxBatchRequests} requests can be in one batch"));
        }

        var embeddings = new JsonArray();
        for (int i = 0; i < requests.Count; i++)
        {
            string path = $"requests[{i}].";
            JsonObject item = requests[i] as JsonObject ?? new JsonObject();
            string? itemModel = JsonRead.String(item["model"], path + "model");
            if (!string.Equals(itemModel, model, StringComparison.Ordinal))
            {
                throw new ApiException(ApiErrors.InvalidField(requestType, path + "model", itemModel is null
                    ? $"model is required: every request must name the model of the call ({model})."
                    : $"the model of every request must be the model of the call ({model}), not {itemModel}."));
            }

            embeddings.Add(new JsonObject { ["values"] = Embed(item, dimensions, requestType, path) });
        }

        return UnaryOutcome.Of(new JsonObject { ["embeddings"] = embeddings });
    }

    private UnaryOutcome? Replayed(string model) =>
        _engine.Replays.Find(ModelCatalog.StripPrefix(model)) is { } replay ? UnaryOutcome.Raw(replay.Body, replay.StatusCode, replay.Format) : null;

    /// <summary>Checks the model and applies a scenario's effects; returns the model's full vector size.</summary>
    private async Task<int> ResolveAsync(string model, string apiVersion, string method, CancellationToken cancellationToken)
    {
        ModelInfo? info = model.StartsWith("models/", StringComparison.Ordinal) ? _engine.Catalog.Find(model) : null;
        if (info is null || !(info.IsScenario || info.EmbeddingDimensions is not null))
        {
            throw new ApiException(ApiErrors.ModelNotFound(model, apiVersion, method));
        }

        if (info.IsScenario && ScenarioParser.TryParse(info.Id, out Scenario scenario))
        {
            await _effects.BeforeReplyAsync(scenario, info.Id, cancellationToken).ConfigureAwait(false);
        }

        return info.EmbeddingDimensions ?? ScenarioDimensions;
    }

    private static JsonArray Embed(JsonObject request, int dimensions, string requestType, string path)
    {
        var text = new StringBuilder();
        if (request["content"]?["parts"] is JsonArray parts)
        {
            for (int i = 0; i < parts.Count; i++)
            {
                string? part = JsonRead.String(parts[i]?["text"], $"{path}content.parts[{i}].text");
                if (part is null) continue;
                if (text.Length > 0) text.Append('\n');
                text.Append(part);
            }
        }

        if (text.Length == 0)
        {
            throw new ApiException(ApiErrors.InvalidField(requestType, path + "content", "the content has no text to embed."));
        }

        EnumFields.ValidateTaskType(request["taskType"], path + "task_type");
        string? taskType = request["taskType"] is JsonValue task ? task.ToString() : null;
        string? title = JsonRead.String(request["title"], path + "title");
        double? size = JsonRead.Number(request["outputDimensionality"], path + "output_dimensionality", "TYPE_INT32");
        if (size is < 1)
        {
            throw new ApiException(ApiErrors.InvalidField(requestType, path + "output_dimensionality", "the output dimensionality must be positive."));
        }

        float[] values = EmbeddingVectors.For(text.ToString(), taskType, title, dimensions, size is null ? null : (int)size.Value);
        var array = new JsonArray();
        foreach (float value in values) array.Add(value);
        return array;
    }
}
