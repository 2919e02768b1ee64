using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using GenAI.Emulator.Engine.Caches;
using GenAI.Emulator.Engine.Errors;
using GenAI.Emulator.Engine.Files;
using GenAI.Emulator.Engine.Json;
using GenAI.Emulator.Engine.Models;
using GenAI.Emulator.Engine.Replay;
using GenAI.Emulator.Engine.Scenarios;
using GenAI.Emulator.Engine.Streaming;

namespace GenAI.Emulator.Engine.Generation;

/// <summary>generateContent, streamGenerateContent and countTokens: model lookup, scenario effects, validation, reply.</summary>
internal sealed class GenerateService
{
    private static readonly Lazy<string> s_oversizedText = new(() => string.Concat(System.Linq.Enumerable.Repeat("oversized ", 1_048_576)));

    private readonly EmulatorEngine _engine;
    private readonly ScenarioEffects _effects;
    private readonly ResponseIds _responseIds = new();

    public GenerateService(EmulatorEngine engine)
    {
        _engine = engine;
        _effects = new ScenarioEffects(engine.Counters);
    }

    private sealed record Target(string ModelId, ModelInfo Model, Scenario? Scenario, ReplayEntry? Replay);

    public async Task<UnaryOutcome> GenerateAsync(string model, string apiVersion, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        Target target = await ResolveAsync(model, apiVersion, "generateContent", cancellationToken).ConfigureAwait(false);
        if (target.Replay is { } replay)
        {
            return UnaryOutcome.Raw(replay.Body, replay.StatusCode, replay.Format);
        }

        GenerationContext context = BuildContext(target, body);
        ScenarioKind? kind = target.Scenario?.Kind;
        ReplyPlan plan = ReplyPlanner.Plan(context, kind == ScenarioKind.FaultOversized ? s_oversizedText.Value : null);
        JsonObject response = ResponseFactory.Unary(plan);
        if (kind == ScenarioKind.FaultMalformed)
        {
            byte[] pretty = WireJson.ToPrettyBytes(response);
            return UnaryOutcome.Raw(pretty.AsMemory(0, pretty.Length / 2), 200, BodyFormat.Json);
        }

        if (kind == ScenarioKind.Gated)
        {
            await WaitForGateAsync(target.ModelId, cancellationToken).ConfigureAwait(false);
        }

        return UnaryOutcome.Of(response);
    }

    public async Task<StreamOutcome> StreamAsync(string model, string apiVersion, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        Target target = await ResolveAsync(model, apiVersion, "generateContent", cancellationToken).ConfigureAwait(false);
        if (target.Replay is { } replay)
        {
            return StreamOutcome.Raw(UnaryOutcome.Raw(replay.Body, replay.StatusCode, replay.Format));
        }

        GenerationContext context = BuildContext(target, body);
        Scenario scenario = target.Scenario ?? new Scenario(ScenarioKind.Echo, 0);
        var settings = new PlaybackSettings { ChunkDelay = _engine.Options.ChunkDelay };
        switch (scenario.Kind)
        {
            case ScenarioKind.Stream:
                return StreamOutcome.Of(BulkStream.Play(
                    scenario.Number, context.PromptTokens().Total, context.Model.ResponseModelVersion, context.ResponseId, _engine.Options.ChunkDelay));
            case ScenarioKind.FaultOversized:
                return StreamOutcome.Of(StreamPlayback.Play(
                    new List<JsonObject> { ResponseFactory.Unary(ReplyPlanner.Plan(context, s_oversizedText.Value)) }, settings));
            case ScenarioKind.FaultMidstream:
                settings = settings with { ErrorAfter = scenario.Number };
                return StreamOutcome.Of(StreamPlayback.Play(StreamChunker.Chunks(ReplyPlanner.Plan(context, null, scenario.Number + 1)), settings));
            case ScenarioKind.FaultResetAfter:
            case ScenarioKind.FaultResetGatedAfter:
                settings = settings with
                {
                    AbortAfter = scenario.Number,
                    BeforeAbort = scenario.Kind == ScenarioKind.FaultResetGatedAfter ? ct => WaitForGateAsync(target.ModelId, ct) : null,
                };
                return StreamOutcome.Of(StreamPlayback.Play(StreamChunker.Chunks(ReplyPlanner.Plan(context, null, scenario.Number + 1)), settings));
            case ScenarioKind.FaultMalformed:
                settings = settings with { MalformedAfter = 1 };
                break;
            case ScenarioKind.Slow:
                settings = settings with { ChunkDelay = TimeSpan.FromMilliseconds(scenario.Number) };
                break;
            case ScenarioKind.Gated:
                settings = settings with { BeforeLastChunk = ct => WaitForGateAsync(target.ModelId, ct) };
                break;
        }

        return StreamOutcome.Of(StreamPlayback.Play(StreamChunker.Chunks(ReplyPlanner.Plan(context)), settings));
    }

    public async Task<UnaryOutcome> CountTokensAsync(string model, string apiVersion, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        Target target = await ResolveAsync(model, apiVersion, "countTokens", cancellationToken).ConfigureAwait(false);
        if (target.Replay is { } replay)
        {
            return UnaryOutcome.Raw(replay.Body, replay.StatusCode, replay.Format);
        }

        JsonObject raw = RequestJson.ParseMessage(body, MessageShape.CountTokensRequest);
        GenerateRequest request;
        CachedContentEntry? cache = null;
        if (raw["generateContentRequest"] is JsonObject nested)
        {
            ValidationScope scope = ValidationScope.CountTokensNested;
            request = GenerateRequest.From(nested, scope, target.Model, requireContents: false);
            if (string.IsNullOrEmpty(request.Model))
            {
                throw new ApiException(ApiErrors.InvalidField(scope.RequestType, scope.Field("model"), "model is required."));
            }

            cache = ResolveCache(request, target.ModelId);
        }
        else
        {
            var contentsOnly = new JsonObject { ["contents"] = raw["contents"]?.DeepClone() };
            request = GenerateRequest.From(contentsOnly, ValidationScope.CountTokens, target.Model, requireContents: false);
        }

        FileReferences.EnsureUsable(request.Contents, _engine.Files);
        if (target.Scenario?.Kind == ScenarioKind.FaultMalformed)
        {
            return UnaryOutcome.Raw("{\n  \"totalTok"u8.ToArray(), 200, BodyFormat.Json);
        }

        var context = new GenerationContext { Model = target.Model, Request = request, Cache = cache, ResponseId = string.Empty };
        var prompt = context.PromptTokens();
        var result = new JsonObject { ["totalTokens"] = prompt.Total };
        if (cache is not null)
        {
            result["cachedContentTokenCount"] = cache.Tokens.Total;
        }

        if (prompt.Total > 0)
        {
            result["promptTokensDetails"] = prompt.ToDetails();
        }

        if (cache is not null)
        {
            result["cacheTokensDetails"] = cache.Tokens.ToDetails();
        }

        return UnaryOutcome.Of(result);
    }

    private async Task<Target> ResolveAsync(string model, string apiVersion, string method, CancellationToken cancellationToken)
    {
        if (!model.StartsWith("models/", StringComparison.Ordinal))
        {
            throw new ApiException(ApiErrors.ModelNotFound(model, apiVersion, method));
        }

        string id = ModelCatalog.StripPrefix(model);
        if (_engine.Replays.Find(id) is { } replay)
        {
            return new Target(id, ModelCatalog.ForScenario(id), null, replay);
        }

        ModelInfo? info = _engine.Catalog.Find(id);
        if (info is null || !info.Supports(method))
        {
            throw new ApiException(ApiErrors.ModelNotFound(model, apiVersion, method));
        }

        Scenario? scenario = ScenarioParser.TryParse(id, out Scenario parsed) && info.IsScenario ? parsed : null;
        if (scenario is { } active)
        {
            await _effects.BeforeReplyAsync(active, id, cancellationToken).ConfigureAwait(false);
        }

        return new Target(id, info, scenario, null);
    }

    private GenerationContext BuildContext(Target target, ReadOnlyMemory<byte> body)
    {
        JsonObject raw = RequestJson.ParseMessage(body, MessageShape.GenerateContentRequest);
        GenerateRequest request = GenerateRequest.From(raw, ValidationScope.Generate, target.Model, requireContents: true);
        CachedContentEntry? cache = ResolveCache(request, target.ModelId);
        FileReferences.EnsureUsable(request.Contents, _engine.Files);
        return new GenerationContext
        {
            Model = target.Model,
            Scenario = target.Scenario,
            Request = request,
            Cache = cache,
            ResponseId = _responseIds.Next(),
        };
    }

    private CachedContentEntry? ResolveCache(GenerateRequest request, string modelId)
    {
        if (string.IsNullOrEmpty(request.CachedContent))
        {
            return null;
        }

        CachedContentEntry cache = _engine.Caches.Require(request.CachedContent);
        string requestModel = "models/" + modelId;
        if (!string.Equals(cache.Model, requestModel, StringComparison.Ordinal))
        {
            throw new ApiException(ApiErrors.InvalidArgument(
                $"Model used by GenerateContent request ({requestModel}) and CachedContent ({cache.Model}) has to be the same."));
        }

        if (request.SystemInstruction is not null || request.Tools is not null || request.ToolConfig is not null)
        {
            throw new ApiException(ApiErrors.InvalidArgument(
                "CachedContent can not be used with GenerateContent request setting system_instruction, tools or tool_config.\n\n" +
                "Proposed fix: move those values to CachedContent from GenerateContent request."));
        }

        return cache;
    }

    private async Task WaitForGateAsync(string modelId, CancellationToken cancellationToken) =>
        await _engine.Gates.WaitAsync(modelId, _engine.Options.GateTimeout, cancellationToken).ConfigureAwait(false);
}
