using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using GenAI.Emulator.Engine;
using GenAI.Emulator.Engine.Errors;
using GenAI.Emulator.Recording;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using P = Google.Ai.Generativelanguage.V1Beta;

namespace GenAI.Emulator.Grpc;

/// <summary>
/// What every gRPC call does around the engine: record the request (path = the gRPC method, body = the
/// request as proto3 JSON, key redacted), check <c>x-goog-api-key</c> like the REST side, and turn
/// engine errors into statuses. A scenario asking for a dropped connection aborts the HTTP/2 stream.
/// </summary>
internal sealed class GrpcCalls
{
    public GrpcCalls(EmulatorEngine engine, RequestLog log)
    {
        Engine = engine;
        Log = log;
    }

    public EmulatorEngine Engine { get; }

    public RequestLog Log { get; }

    public const string ApiVersion = "v1beta";

    public async Task<T> RunAsync<T>(IMessage request, ServerCallContext context, Func<byte[], CancellationToken, Task<T>> action)
    {
        byte[] json = Begin(request, context);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, Engine.Stopping);
        try
        {
            return await action(json, linked.Token).ConfigureAwait(false);
        }
        catch (ApiException ex)
        {
            throw GrpcWire.ToRpcException(ex.Error);
        }
        catch (ConnectionAbortException)
        {
            context.GetHttpContext().Abort();
            throw new RpcException(new Status(StatusCode.Unavailable, "Connection dropped by the emulator scenario."));
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            context.GetHttpContext().Abort();
            throw new RpcException(new Status(StatusCode.Cancelled, "The call was cancelled."));
        }
    }

    private byte[] Begin(IMessage request, ServerCallContext context)
    {
        byte[] json = GrpcWire.ToJsonBytes(request);
        HttpContext http = context.GetHttpContext();
        Log.Add(RequestRecorder.Capture(http.Request, json, Engine.Options.MaxRecordedBodyBytes, Log.NextSequence()));

        string key = context.RequestHeaders.GetValue("x-goog-api-key") ?? string.Empty;
        if (key.Length == 0) throw GrpcWire.ToRpcException(ApiErrors.MissingApiKey());
        if (!string.Equals(key, Engine.Options.ApiKey, StringComparison.Ordinal)) throw GrpcWire.ToRpcException(ApiErrors.InvalidApiKey());
        return json;
    }

    public static T Reply<T>(UnaryOutcome outcome) where T : IMessage, new()
    {
        if (!outcome.IsVerbatim) return GrpcWire.FromJson<T>(outcome.Json);
        if (outcome.StatusCode != 200 && GrpcWire.TryReadErrorBody(outcome.Verbatim.Span) is { } error) throw error;
        return GrpcWire.FromJson<T>(outcome.Verbatim.Span);
    }
}

internal sealed class EmulatorGenerativeService : P.GenerativeService.GenerativeServiceBase
{
    private readonly GrpcCalls _calls;

    private static readonly TimeSpan AbortGrace = TimeSpan.FromMilliseconds(100);

    public EmulatorGenerativeService(GrpcCalls calls) => _calls = calls;

    public override Task<P.GenerateContentResponse> GenerateContent(P.GenerateContentRequest request, ServerCallContext context) =>
        _calls.RunAsync(request, context, async (json, token) =>
            GrpcCalls.Reply<P.GenerateContentResponse>(await _calls.Engine.GenerateContentAsync(request.Model, GrpcCalls.ApiVersion, json, token).ConfigureAwait(false)));

    public override Task<P.CountTokensResponse> CountTokens(P.CountTokensRequest request, ServerCallContext context) =>
        _calls.RunAsync(request, context, async (json, token) =>
            GrpcCalls.Reply<P.CountTokensResponse>(await _calls.Engine.CountTokensAsync(request.Model, GrpcCalls.ApiVersion, json, token).ConfigureAwait(false)));

    public override Task<P.EmbedContentResponse> EmbedContent(P.EmbedContentRequest request, ServerCallContext context) =>
        _calls.RunAsync(request, context, async (json, token) =>
            GrpcCalls.Reply<P.EmbedContentResponse>(await _calls.Engine.EmbedContentAsync(request.Model, GrpcCalls.ApiVersion, json, token).ConfigureAwait(false)));

    public override Task<P.BatchEmbedContentsResponse> BatchEmbedContents(P.BatchEmbedContentsRequest request, ServerCallContext context) =>
        _calls.RunAsync(request, context, async (json, token) =>
            GrpcCalls.Reply<P.BatchEmbedContentsResponse>(await _calls.Engine.BatchEmbedContentsAsync(request.Model, GrpcCalls.ApiVersion, json, token).ConfigureAwait(false)));

    /// <summary>One message per engine chunk, written as it is produced; a mid-stream error ends the call with its status.</summary>
    public override Task StreamGenerateContent(P.GenerateContentRequest request, IServerStreamWriter<P.GenerateContentResponse> responseStream, ServerCallContext context) =>
        _calls.RunAsync(request, context, async (json, token) =>
        {
            StreamOutcome outcome = await _calls.Engine.StreamGenerateContentAsync(request.Model, GrpcCalls.ApiVersion, json, token).ConfigureAwait(false);
            if (outcome.VerbatimBody is { } verbatim)
            {
                foreach (var chunk in ReadVerbatimStream(verbatim)) await responseStream.WriteAsync(chunk, token).ConfigureAwait(false);
                return true;
            }

            await foreach (StreamEvent item in outcome.Events!.WithCancellation(token).ConfigureAwait(false))
            {
                switch (item.Kind)
                {
                    case StreamEventKind.Abort:
                        // As on REST: let the messages already written reach the client before the reset.
                        await Task.Delay(AbortGrace, token).ConfigureAwait(false);
                        throw new ConnectionAbortException();
                    case StreamEventKind.Error:
                        throw GrpcWire.ToRpcException(item.Error!);
                    default:
                        // Malformed JSON cannot be sent over gRPC: it ends the call with INTERNAL (see FromJson).
                        await responseStream.WriteAsync(GrpcWire.FromJson<P.GenerateContentResponse>(item.Json.Span), token).ConfigureAwait(false);
                        break;
                }
            }
            return true;
        });

    /// <summary>A replayed stream body (SSE events or a JSON array) as messages; an error element ends the call.</summary>
    private static IEnumerable<P.GenerateContentResponse> ReadVerbatimStream(UnaryOutcome verbatim)
    {
        if (verbatim.StatusCode != 200 && GrpcWire.TryReadErrorBody(verbatim.Verbatim.Span) is { } error) throw error;
        string text = Encoding.UTF8.GetString(verbatim.Verbatim.Span);
        if (verbatim.Format == BodyFormat.EventStream)
        {
            var messages = new List<P.GenerateContentResponse>();
            foreach (string line in text.Split('\n'))
            {
                string trimmed = line.TrimEnd('\r');
                if (trimmed.StartsWith("data:", StringComparison.Ordinal))
                    messages.Add(GrpcWire.FromJson<P.GenerateContentResponse>(trimmed.Substring(5).Trim()));
                else if (trimmed.StartsWith("{", StringComparison.Ordinal) && GrpcWire.TryReadErrorBody(Encoding.UTF8.GetBytes(text[text.IndexOf(trimmed, StringComparison.Ordinal)..])) is { } late)
                {
                    foreach (var m in messages) yield return m;
                    throw late;
                }
            }
            foreach (var m in messages) yield return m;
            yield break;
        }

        if (JsonNode.Parse(text) is JsonArray array)
        {
            foreach (JsonNode? element in array)
            {
                if (element?["error"] is not null && GrpcWire.TryReadErrorBody(Encoding.UTF8.GetBytes(element.ToJsonString())) is { } failure) throw failure;
                yield return GrpcWire.FromJson<P.GenerateContentResponse>(element);
            }
        }
        else
        {
            yield return GrpcWire.FromJson<P.GenerateContentResponse>(text);
        }
    }
}

internal sealed class EmulatorModelService : P.ModelService.ModelServiceBase
{
    private readonly GrpcCalls _calls;

    public EmulatorModelService(GrpcCalls calls) => _calls = calls;

    public override Task<P.Model> GetModel(P.GetModelRequest request, ServerCallContext context) =>
        _calls.RunAsync(request, context, (json, token) => Task.FromResult(GrpcWire.FromJson<P.Model>(_calls.Engine.GetModel(request.Name, GrpcCalls.ApiVersion))));

    public override Task<P.ListModelsResponse> ListModels(P.ListModelsRequest request, ServerCallContext context) =>
        _calls.RunAsync(request, context, (json, token) => Task.FromResult(GrpcWire.FromJson<P.ListModelsResponse>(
            _calls.Engine.ListModels(GrpcWire.PageSize(request.PageSize), GrpcWire.NullIfEmpty(request.PageToken)))));
}

internal sealed class EmulatorCacheService : P.CacheService.CacheServiceBase
{
    private readonly GrpcCalls _calls;

    public EmulatorCacheService(GrpcCalls calls) => _calls = calls;

    public override Task<P.CachedContent> CreateCachedContent(P.CreateCachedContentRequest request, ServerCallContext context) =>
        _calls.RunAsync(request, context, (json, token) => Task.FromResult(GrpcWire.FromJson<P.CachedContent>(
            _calls.Engine.Caches.Create(GrpcWire.ToJsonBytes(request.CachedContent ?? new P.CachedContent()), GrpcCalls.ApiVersion))));

    public override Task<P.CachedContent> GetCachedContent(P.GetCachedContentRequest request, ServerCallContext context) =>
        _calls.RunAsync(request, context, (json, token) => Task.FromResult(GrpcWire.FromJson<P.CachedContent>(_calls.Engine.Caches.Get(Id(request.Name)))));

    public override Task<P.ListCachedContentsResponse> ListCachedContents(P.ListCachedContentsRequest request, ServerCallContext context) =>
        _calls.RunAsync(request, context, (json, token) => Task.FromResult(GrpcWire.FromJson<P.ListCachedContentsResponse>(
            _calls.Engine.Caches.List(GrpcWire.PageSize(request.PageSize), GrpcWire.NullIfEmpty(request.PageToken)))));

    public override Task<P.CachedContent> UpdateCachedContent(P.UpdateCachedContentRequest request, ServerCallContext context) =>
        _calls.RunAsync(request, context, (json, token) =>
        {
            var cache = request.CachedContent ?? new P.CachedContent();
            return Task.FromResult(GrpcWire.FromJson<P.CachedContent>(
                _calls.Engine.Caches.Update(Id(cache.Name), GrpcWire.ToJsonBytes(cache), GrpcWire.ToUpdateMask(request.UpdateMask))));
        });

    public override Task<Empty> DeleteCachedContent(P.DeleteCachedContentRequest request, ServerCallContext context) =>
        _calls.RunAsync(request, context, (json, token) =>
        {
            _calls.Engine.Caches.Delete(Id(request.Name));
            return Task.FromResult(new Empty());
        });

    private static string Id(string name) => name[(name.IndexOf('/') + 1)..];
}

internal sealed class EmulatorFileService : P.FileService.FileServiceBase
{
    private readonly GrpcCalls _calls;

    public EmulatorFileService(GrpcCalls calls) => _calls = calls;

    public override Task<P.File> GetFile(P.GetFileRequest request, ServerCallContext context) =>
        _calls.RunAsync(request, context, (json, token) => Task.FromResult(GrpcWire.FromJson<P.File>(_calls.Engine.Files.Get(Id(request.Name)))));

    public override Task<P.ListFilesResponse> ListFiles(P.ListFilesRequest request, ServerCallContext context) =>
        _calls.RunAsync(request, context, (json, token) => Task.FromResult(GrpcWire.FromJson<P.ListFilesResponse>(
            _calls.Engine.Files.List(GrpcWire.PageSize(request.PageSize), GrpcWire.NullIfEmpty(request.PageToken)))));

    public override Task<Empty> DeleteFile(P.DeleteFileRequest request, ServerCallContext context) =>
        _calls.RunAsync(request, context, (json, token) =>
        {
            _calls.Engine.Files.Delete(Id(request.Name));
            return Task.FromResult(new Empty());
        });

    private static string Id(string name) => name[(name.IndexOf('/') + 1)..];
}
