using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using GenAI.Core;
using GenAI.Core.Errors;
using GenAI.Core.Transport;
using GenAI.Transport.Grpc.Mapping;
using Grpc.Core;
using Grpc.Net.Client;

namespace GenAI.Transport.Grpc
{
    /// <summary>
    /// The gRPC wire protocol (package <c>google.ai.generativelanguage.v1beta</c>, https://github.com/googleapis/googleapis/tree/master/google/ai/generativelanguage/v1beta) over
    /// Grpc.Net.Client. One HTTP/2 channel per transport; TLS for https:// endpoints, h2c (plain HTTP/2)
    /// only for loopback http:// endpoints (a local emulator). The key travels in the
    /// <c>x-goog-api-key</c> metadata header and never appears in errors. Timeouts, cancellation and
    /// error mapping behave as in <see cref="RestTransport"/>; messages map through one layer
    /// (<see cref="GenerateMapper"/>, <see cref="ContentMapper"/>, <see cref="ResourceMapper"/>).
    /// </summary>
    public sealed class GrpcTransport : ITransport
    {
        /// <summary>Grpc.Net.Client's default is 4 MB; generated images and audio can be larger.</summary>
        public const int MaxReceiveMessageSize = 128 * 1024 * 1024;

        private readonly GenAIClientOptions _options;
        private readonly GrpcChannel _channel;
        private readonly P.GenerativeService.GenerativeServiceClient _generative;
        private readonly P.ModelService.ModelServiceClient _models;
        private readonly P.CacheService.CacheServiceClient _caches;
        private readonly P.FileService.FileServiceClient _files;
        private readonly string _clientHeader;

        public GrpcTransport(GenAIClientOptions options)
        {
            _options = options ?? throw new ArgumentNullException(nameof(options));
            Address = options.EffectiveGrpcUri;
            var handler = new SocketsHttpHandler
            {
                EnableMultipleHttp2Connections = true,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                KeepAlivePingDelay = TimeSpan.FromSeconds(60),
                KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
                KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            };
            // A plain-http (h2c) loopback endpoint is never sent through a proxy: the key would cross it in clear text.
            handler.Proxy = new LoopbackBypassProxy(options.Proxy ?? System.Net.Http.HttpClient.DefaultProxy);
            handler.UseProxy = true;
            handler.AllowAutoRedirect = false;
            _channel = GrpcChannel.ForAddress(Address, new GrpcChannelOptions
            {
                HttpHandler = handler,
                DisposeHttpClient = true,
                MaxReceiveMessageSize = MaxReceiveMessageSize,
                MaxSendMessageSize = null,
                // Cancellation arrives as RpcException(Cancelled) and is told apart from a server status by the CallScope token.
                ThrowOperationCanceledOnCancellation = false,
            });
            _generative = new P.GenerativeService.GenerativeServiceClient(_channel);
            _models = new P.ModelService.ModelServiceClient(_channel);
            _caches = new P.CacheService.CacheServiceClient(_channel);
            _files = new P.FileService.FileServiceClient(_channel);
            string version = typeof(GrpcTransport).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
            string grpcVersion = typeof(GrpcChannel).Assembly.GetName().Version?.ToString(3) ?? "0";
            _clientHeader = $"{options.ClientName}/{version} gl-dotnet/{Environment.Version} grpc/{grpcVersion}";
        }

        /// <summary>The gRPC endpoint in use.</summary>
        public Uri Address { get; }

        public Task<C.GenerateContentResponse> GenerateContentAsync(string model, C.GenerateContentRequest request, RequestOptions options, CancellationToken cancellationToken)
        {
            var message = GenerateMapper.ToProto(model, request);
            return UnaryAsync(call => _generative.GenerateContentAsync(message, call), GenerateMapper.ToCore,
                Timeout(options, generation: true), "generateContent", "model=" + Uri.EscapeDataString(model), cancellationToken);
        }

        public async IAsyncEnumerable<C.GenerateContentResponse> StreamGenerateContentAsync(string model, C.GenerateContentRequest request, RequestOptions options,
            [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            const string operation = "streamGenerateContent";
            var message = GenerateMapper.ToProto(model, request);
            var timeout = Timeout(options, generation: true);
            using var scope = new CallScope(timeout, cancellationToken);
            AsyncServerStreamingCall<P.GenerateContentResponse> call;
            try { call = _generative.StreamGenerateContent(message, CallOptions(scope, timeout, "model=" + Uri.EscapeDataString(model))); }
            catch (Exception ex) { throw Map(ex, scope, operation); }
            using (call)
            {
                while (true)
                {
                    P.GenerateContentResponse chunk;
                    try
                    {
                        if (!await call.ResponseStream.MoveNext(CancellationToken.None).ConfigureAwait(false)) yield break;
                        chunk = call.ResponseStream.Current;
                    }
                    catch (Exception ex)
                    {
                        throw Map(ex, scope, operation);
                    }
                    yield return Convert(chunk, GenerateMapper.ToCore, operation);
                }
            }
        }

        public Task<C.CountTokensResponse> CountTokensAsync(string model, C.CountTokensRequest request, RequestOptions options, CancellationToken cancellationToken)
        {
            var message = GenerateMapper.ToProto(model, request);
            return UnaryAsync(call => _generative.CountTokensAsync(message, call), GenerateMapper.ToCore,
                Timeout(options, generation: false), "countTokens", "model=" + Uri.EscapeDataString(model), cancellationToken);
        }

        public Task<C.Model> GetModelAsync(string name, RequestOptions options, CancellationToken cancellationToken) =>
            UnaryAsync(call => _models.GetModelAsync(new P.GetModelRequest { Name = name }, call), ResourceMapper.ToCore,
                Timeout(options, generation: false), "models.get", "name=" + Uri.EscapeDataString(name), cancellationToken);

        public Task<C.ListModelsResponse> ListModelsAsync(int? pageSize, string? pageToken, RequestOptions options, CancellationToken cancellationToken) =>
            UnaryAsync(call => _models.ListModelsAsync(new P.ListModelsRequest { PageSize = pageSize ?? 0, PageToken = pageToken ?? "" }, call),
                ResourceMapper.ToCore, Timeout(options, generation: false), "models.list", null, cancellationToken);

        public Task<C.CachedContent> CreateCachedContentAsync(C.CachedContent cachedContent, RequestOptions options, CancellationToken cancellationToken)
        {
            var message = new P.CreateCachedContentRequest { CachedContent = ResourceMapper.ToProto(cachedContent) };
            return UnaryAsync(call => _caches.CreateCachedContentAsync(message, call), ResourceMapper.ToCore,
                Timeout(options, generation: false), "cachedContents.create", null, cancellationToken);
        }

        public Task<C.CachedContent> GetCachedContentAsync(string name, RequestOptions options, CancellationToken cancellationToken) =>
            UnaryAsync(call => _caches.GetCachedContentAsync(new P.GetCachedContentRequest { Name = name }, call), ResourceMapper.ToCore,
                Timeout(options, generation: false), "cachedContents.get", "name=" + Uri.EscapeDataString(name), cancellationToken);

        public Task<C.ListCachedContentsResponse> ListCachedContentsAsync(int? pageSize, string? pageToken, RequestOptions options, CancellationToken cancellationToken) =>
            UnaryAsync(call => _caches.ListCachedContentsAsync(new P.ListCachedContentsRequest { PageSize = pageSize ?? 0, PageToken = pageToken ?? "" }, call),
                ResourceMapper.ToCore, Timeout(options, generation: false), "cachedContents.list", null, cancellationToken);

        public Task<C.CachedContent> UpdateCachedContentAsync(C.CachedContent cachedContent, string updateMask, RequestOptions options, CancellationToken cancellationToken)
        {
            if (cachedContent.Name == null) throw new ArgumentException("The cached content has no name.", nameof(cachedContent));
            var message = new P.UpdateCachedContentRequest
            {
                CachedContent = ResourceMapper.ToProto(cachedContent),
                UpdateMask = ResourceMapper.ToFieldMask(updateMask),
            };
            return UnaryAsync(call => _caches.UpdateCachedContentAsync(message, call), ResourceMapper.ToCore,
                Timeout(options, generation: false), "cachedContents.patch", "cached_content.name=" + Uri.EscapeDataString(cachedContent.Name), cancellationToken);
        }

        public Task DeleteCachedContentAsync(string name, RequestOptions options, CancellationToken cancellationToken) =>
            UnaryAsync(call => _caches.DeleteCachedContentAsync(new P.DeleteCachedContentRequest { Name = name }, call), _ => true,
                Timeout(options, generation: false), "cachedContents.delete", "name=" + Uri.EscapeDataString(name), cancellationToken);

        public Task<C.GenAIFile> GetFileAsync(string name, RequestOptions options, CancellationToken cancellationToken) =>
            UnaryAsync(call => _files.GetFileAsync(new P.GetFileRequest { Name = name }, call), ResourceMapper.ToCore,
                Timeout(options, generation: false), "files.get", "name=" + Uri.EscapeDataString(name), cancellationToken);

        public Task<C.ListFilesResponse> ListFilesAsync(int? pageSize, string? pageToken, RequestOptions options, CancellationToken cancellationToken) =>
            UnaryAsync(call => _files.ListFilesAsync(new P.ListFilesRequest { PageSize = pageSize ?? 0, PageToken = pageToken ?? "" }, call),
                ResourceMapper.ToCore, Timeout(options, generation: false), "files.list", null, cancellationToken);

        public Task DeleteFileAsync(string name, RequestOptions options, CancellationToken cancellationToken) =>
            UnaryAsync(call => _files.DeleteFileAsync(new P.DeleteFileRequest { Name = name }, call), _ => true,
                Timeout(options, generation: false), "files.delete", "name=" + Uri.EscapeDataString(name), cancellationToken);

        public Task<C.EmbedContentResponse> EmbedContentAsync(string model, C.EmbedContentRequest request, RequestOptions options, CancellationToken cancellationToken)
        {
            var message = EmbedMapper.ToProto(model, request);
            return UnaryAsync(call => _generative.EmbedContentAsync(message, call), EmbedMapper.ToCore,
                Timeout(options, generation: false), "embedContent", "model=" + Uri.EscapeDataString(model), cancellationToken);
        }

        public Task<C.BatchEmbedContentsResponse> BatchEmbedContentsAsync(string model, C.BatchEmbedContentsRequest request, RequestOptions options, CancellationToken cancellationToken)
        {
            var message = EmbedMapper.ToProto(model, request);
            return UnaryAsync(call => _generative.BatchEmbedContentsAsync(message, call), EmbedMapper.ToCore,
                Timeout(options, generation: false), "batchEmbedContents", "model=" + Uri.EscapeDataString(model), cancellationToken);
        }

        private TimeSpan Timeout(RequestOptions options, bool generation) =>
            options.Timeout ?? _options.Defaults.Timeout ?? (generation ? RequestOptions.DefaultGenerationTimeout : RequestOptions.DefaultOtherTimeout);

        private async Task<TResult> UnaryAsync<TMessage, TResult>(Func<CallOptions, AsyncUnaryCall<TMessage>> start, Func<TMessage, TResult> map,
            TimeSpan timeout, string operation, string? routing, CancellationToken cancellationToken)
        {
            using var scope = new CallScope(timeout, cancellationToken);
            TMessage reply;
            try
            {
                using var call = start(CallOptions(scope, timeout, routing));
                reply = await call.ResponseAsync.ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                throw Map(ex, scope, operation);
            }
            return Convert(reply, map, operation);
        }

        /// <summary>
        /// The per-attempt timeout runs on the CallScope token (as on REST); the gRPC deadline is sent a
        /// second later so the server can give up too, without racing the client's own timeout.
        /// </summary>
        private CallOptions CallOptions(CallScope scope, TimeSpan timeout, string? routing)
        {
            var headers = new Metadata();
            if (!string.IsNullOrEmpty(_options.ApiKey)) headers.Add("x-goog-api-key", _options.ApiKey);
            headers.Add("x-goog-api-client", _clientHeader);
            if (routing != null) headers.Add("x-goog-request-params", routing);
            DateTime? deadline = timeout > TimeSpan.Zero && timeout != System.Threading.Timeout.InfiniteTimeSpan && timeout < TimeSpan.FromDays(1)
                ? DateTime.UtcNow + timeout + TimeSpan.FromSeconds(1)
                : (DateTime?)null;
            return new CallOptions(headers, deadline, scope.Token);
        }

        private static Exception Map(Exception error, CallScope scope, string operation)
        {
            if (error is RpcException rpc)
            {
                // The client library's own deadline (a second after ours) or a cancellation it reports as a status.
                if ((rpc.StatusCode == StatusCode.DeadlineExceeded || rpc.StatusCode == StatusCode.Cancelled) && scope.Token.IsCancellationRequested)
                    return scope.Map(new OperationCanceledException(rpc.Message, rpc), operation);
                return GrpcErrors.Map(rpc, operation) ?? (Exception)rpc;
            }
            if (error is ArgumentException && error.Message.IndexOf("metadata", StringComparison.OrdinalIgnoreCase) >= 0)
                return new ConfigurationException(ErrorCodes.InvalidApiKey, "The API key contains characters that cannot be sent in a gRPC header (ASCII only).",
                    "Check the key: it is ASCII.");
            return scope.Map(error, operation);
        }

        private static TResult Convert<TMessage, TResult>(TMessage message, Func<TMessage, TResult> map, string operation)
        {
            try
            {
                return map(message);
            }
            catch (Exception ex) when (!(ex is GenAIException))
            {
                throw new ResponseParseException($"{operation} returned a message that could not be mapped: {ex.Message}", ex);
            }
            catch (InvalidInputException ex)
            {
                throw new ResponseParseException($"{operation} returned a message that could not be mapped: {ex.Message}", ex);
            }
        }

        public void Dispose() => _channel.Dispose();
    }
}
