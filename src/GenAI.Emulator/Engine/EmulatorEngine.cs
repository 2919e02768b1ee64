using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using GenAI.Emulator.Engine.Batches;
using GenAI.Emulator.Engine.Caches;
using GenAI.Emulator.Engine.Embeddings;
using GenAI.Emulator.Engine.Errors;
using GenAI.Emulator.Engine.Files;
using GenAI.Emulator.Engine.Generation;
using GenAI.Emulator.Engine.Models;
using GenAI.Emulator.Engine.Paging;
using GenAI.Emulator.Engine.Replay;
using GenAI.Emulator.Engine.Scenarios;

namespace GenAI.Emulator.Engine;

/// <summary>
/// The transport-independent Gemini emulator: request JSON in, response JSON / stream events /
/// <see cref="ApiException"/> out. The REST adapter (and a future gRPC adapter) only translate.
/// Model names are full names (<c>models/gemini-2.0-flash</c>); <c>apiVersion</c> is <c>v1beta</c>
/// or <c>v1</c> and only appears in error messages.
/// </summary>
public sealed class EmulatorEngine : IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly GenerateService _generate;
    private readonly EmbeddingService _embeddings;

    public EmulatorEngine(EmulatorOptions options)
    {
        Options = options;
        TimeProvider time = options.TimeProvider;
        Files = new FileApi(new FileStore(), options, time, () => BaseUri);
        Caches = new CachedContentApi(new CachedContentStore(time), Catalog, Files, options, time);
        Replays = new ReplayRegistry(options.FixturesPath);
        _generate = new GenerateService(this);
        _embeddings = new EmbeddingService(this);
        Batches = new BatchApi(_generate.GenerateAsync, _embeddings.EmbedAsync, Catalog, Files, options, time, _stopping.Token);
    }

    public EmulatorOptions Options { get; }

    /// <summary>Where clients reach this emulator (used in file URIs and upload URLs).</summary>
    public Uri BaseUri { get; set; } = new("http://127.0.0.1/");

    public ModelCatalog Catalog { get; } = new();

    public FileApi Files { get; }

    public CachedContentApi Caches { get; }

    public ReplayRegistry Replays { get; }

    public BatchApi Batches { get; }

    public GateRegistry Gates { get; } = new();

    public ScenarioCounters Counters { get; } = new();

    /// <summary>Cancelled when the emulator shuts down: hanging and gated requests end with it.</summary>
    public CancellationToken Stopping => _stopping.Token;

    public Task<UnaryOutcome> GenerateContentAsync(string model, string apiVersion, ReadOnlyMemory<byte> body, CancellationToken cancellationToken) =>
        _generate.GenerateAsync(model, apiVersion, body, cancellationToken);

    /// <summary>
    /// Errors that happen before the first chunk are thrown from this call (the transport still can
    /// send a status code); later ones arrive as <see cref="StreamEventKind.Error"/> events.
    /// </summary>
    public Task<StreamOutcome> StreamGenerateContentAsync(string model, string apiVersion, ReadOnlyMemory<byte> body, CancellationToken cancellationToken) =>
        _generate.StreamAsync(model, apiVersion, body, cancellationToken);

    public Task<UnaryOutcome> CountTokensAsync(string model, string apiVersion, ReadOnlyMemory<byte> body, CancellationToken cancellationToken) =>
        _generate.CountTokensAsync(model, apiVersion, body, cancellationToken);

    public Task<UnaryOutcome> EmbedContentAsync(string model, string apiVersion, ReadOnlyMemory<byte> body, CancellationToken cancellationToken) =>
        _embeddings.EmbedAsync(model, apiVersion, body, cancellationToken);

    public Task<UnaryOutcome> BatchEmbedContentsAsync(string model, string apiVersion, ReadOnlyMemory<byte> body, CancellationToken cancellationToken) =>
        _embeddings.BatchEmbedAsync(model, apiVersion, body, cancellationToken);

    /// <summary>models.list: default page size 50, max 1000.</summary>
    public JsonObject ListModels(string? pageSize, string? pageToken)
    {
        var listed = Catalog.Listed.Select((model, index) => (model, index));
        Page<(ModelInfo model, int index)> page = Pager.Page(listed, m => m.index, pageSize, pageToken, defaultSize: 50, maxSize: 1000);
        var result = new JsonObject
        {
            ["models"] = new JsonArray(page.Items.Select(m => (JsonNode?)m.model.ToJson()).ToArray()),
        };
        if (page.NextPageToken is not null)
        {
            result["nextPageToken"] = page.NextPageToken;
        }

        return result;
    }

    public JsonObject GetModel(string name, string apiVersion)
    {
        ModelInfo? model = name.StartsWith("models/", StringComparison.Ordinal) ? Catalog.Find(name) : null;
        if (model is null && Replays.Find(ModelCatalog.StripPrefix(name)) is not null)
        {
            model = ModelCatalog.ForScenario(ModelCatalog.StripPrefix(name));
        }

        return model?.ToJson() ?? throw new ApiException(ApiErrors.ModelNotFound(name, apiVersion, "GetModel"));
    }

    /// <summary>Opens the gate of a <c>gated*</c> model (id with or without <c>models/</c>).</summary>
    public void ReleaseGate(string model) => Gates.Release(ModelCatalog.StripPrefix(model));

    /// <summary>Raised by a full <see cref="Reset"/> (the cassette player restarts its request numbering).</summary>
    internal event Action? ResetRequested;

    /// <summary>Resets scenario counters, gates and replay registrations — for one model id, or all when null.</summary>
    public void Reset(string? model = null)
    {
        if (string.IsNullOrEmpty(model))
        {
            Counters.Reset();
            Gates.Reset();
            Replays.Reset();
            ResetRequested?.Invoke();
            return;
        }

        string id = ModelCatalog.StripPrefix(model);
        Counters.Reset(id);
        Gates.Reset(id);
        Replays.Reset(id);
    }

    /// <summary>Ends hanging and gated requests (called when the host stops).</summary>
    public void Shutdown() => _stopping.Cancel();

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }
}
