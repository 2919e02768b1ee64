using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using GenAI.Core.Errors;
using GenAI.Core.Protocol;
using GenAI.Core.Streaming;

namespace GenAI.Core.Transport
{
    /// <summary>The REST + SSE wire protocol (https://ai.google.dev/api/generate-content#method:-models.streamgeneratecontent, with <c>alt=sse</c>).</summary>
    public sealed class RestTransport : ITransport
    {
        private readonly HttpClient _http;
        private readonly bool _ownsHttp;
        private readonly GenAIClientOptions _options;
        private readonly string _apiRoot;
        private readonly string _clientHeader;

        public RestTransport(GenAIClientOptions options, HttpClient? httpClient = null)
        {
            _options = options ?? throw new ArgumentNullException(nameof(options));
            var baseUri = Endpoint.Validate(options.BaseUri);
            _apiRoot = baseUri.AbsoluteUri + options.ApiVersion.Trim('/') + "/";
            _ownsHttp = httpClient == null;
            _http = httpClient ?? HttpClientFactory.Create(options.Proxy);
            _clientHeader = $"{options.ClientName}/{typeof(RestTransport).Assembly.GetName().Version?.ToString(3)} gl-dotnet/{Environment.Version}";
        }

        public Task<GenerateContentResponse> GenerateContentAsync(string model, GenerateContentRequest request, RequestOptions options, CancellationToken cancellationToken) =>
            SendJsonAsync(HttpMethod.Post, model + ":generateContent", null, request, GenAIJsonContext.Default.GenerateContentRequest,
                GenAIJsonContext.Default.GenerateContentResponse, Scope(options, generation: true, cancellationToken), "generateContent");

        public async IAsyncEnumerable<GenerateContentResponse> StreamGenerateContentAsync(string model, GenerateContentRequest request, RequestOptions options,
            [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            const string operation = "streamGenerateContent";
            using var scope = Scope(options, generation: true, cancellationToken);
            var body = JsonRequestContent.Create(request, GenAIJsonContext.Default.GenerateContentRequest);
            var response = await SendAsync(HttpMethod.Post, model + ":streamGenerateContent", "alt=sse", body, scope, operation).ConfigureAwait(false);
            try
            {
                if (IsJsonArray(response))
                {
                    foreach (var chunk in await ReadJsonArrayAsync(response, scope, operation).ConfigureAwait(false))
                        yield return chunk;
                    yield break;
                }

                IdleTimeoutStream stream;
                try { stream = new IdleTimeoutStream(await ResponseBody.OpenAsync(response, scope.Token).ConfigureAwait(false), IdleTimeout(options), scope.Token); }
                catch (Exception ex) { throw scope.Map(ex, operation); }
                using (stream)
                using (var reader = new SseReader(stream))
                {
                    for (int index = 1; ; index++)
                    {
                        GenerateContentResponse? chunk;
                        try { chunk = await ReadEventAsync(reader, scope, operation, (int)response.StatusCode).ConfigureAwait(false); }
                        catch (OperationCanceledException) when (stream.IdledOut)
                        {
                            throw new RequestTimeoutException(
                                $"{operation}: the stream sent nothing for {stream.Idle.TotalSeconds:0.###} s after chunk {index - 1}; the chunks received are kept.", stream.Idle);
                        }
                        if (chunk == null)
                        {
                            scope.Debug($"{operation}: the stream ended after {index - 1} chunk(s).");
                            yield break;
                        }
                        if (scope.Log != null) scope.Debug($"{operation}: chunk {index} ({reader.Current.Length} bytes).");
                        yield return chunk;
                    }
                }
            }
            finally
            {
                response.Dispose();
            }
        }

        public Task<CountTokensResponse> CountTokensAsync(string model, CountTokensRequest request, RequestOptions options, CancellationToken cancellationToken) =>
            SendJsonAsync(HttpMethod.Post, model + ":countTokens", null, request, GenAIJsonContext.Default.CountTokensRequest,
                GenAIJsonContext.Default.CountTokensResponse, Scope(options, generation: false, cancellationToken), "countTokens");

        public Task<Model> GetModelAsync(string name, RequestOptions options, CancellationToken cancellationToken) =>
            GetJsonAsync(name, null, GenAIJsonContext.Default.Model, options, "models.get", cancellationToken);

        public Task<ListModelsResponse> ListModelsAsync(int? pageSize, string? pageToken, RequestOptions options, CancellationToken cancellationToken) =>
            GetJsonAsync("models", PageQuery(pageSize, pageToken), GenAIJsonContext.Default.ListModelsResponse, options, "models.list", cancellationToken);

        public Task<CachedContent> CreateCachedContentAsync(CachedContent cachedContent, RequestOptions options, CancellationToken cancellationToken) =>
            SendJsonAsync(HttpMethod.Post, "cachedContents", null, cachedContent, GenAIJsonContext.Default.CachedContent,
                GenAIJsonContext.Default.CachedContent, Scope(options, generation: false, cancellationToken), "cachedContents.create");

        public Task<CachedContent> GetCachedContentAsync(string name, RequestOptions options, CancellationToken cancellationToken) =>
            GetJsonAsync(name, null, GenAIJsonContext.Default.CachedContent, options, "cachedContents.get", cancellationToken);

        public Task<ListCachedContentsResponse> ListCachedContentsAsync(int? pageSize, string? pageToken, RequestOptions options, CancellationToken cancellationToken) =>
            GetJsonAsync("cachedContents", PageQuery(pageSize, pageToken), GenAIJsonContext.Default.ListCachedContentsResponse, options, "cachedContents.list", cancellationToken);

        public Task<CachedContent> UpdateCachedContentAsync(CachedContent cachedContent, string updateMask, RequestOptions options, CancellationToken cancellationToken) =>
            SendJsonAsync(new HttpMethod("PATCH"), cachedContent.Name ?? throw new ArgumentException("The cached content has no name."),
                "updateMask=" + Uri.EscapeDataString(updateMask), cachedContent, GenAIJsonContext.Default.CachedContent,
                GenAIJsonContext.Default.CachedContent, Scope(options, generation: false, cancellationToken), "cachedContents.patch");

        public Task DeleteCachedContentAsync(string name, RequestOptions options, CancellationToken cancellationToken) =>
            DeleteAsync(name, options, "cachedContents.delete", cancellationToken);

        public Task<GenAIFile> GetFileAsync(string name, RequestOptions options, CancellationToken cancellationToken) =>
            GetJsonAsync(name, null, GenAIJsonContext.Default.GenAIFile, options, "files.get", cancellationToken);

        public Task<ListFilesResponse> ListFilesAsync(int? pageSize, string? pageToken, RequestOptions options, CancellationToken cancellationToken) =>
            GetJsonAsync("files", PageQuery(pageSize, pageToken), GenAIJsonContext.Default.ListFilesResponse, options, "files.list", cancellationToken);

        public Task DeleteFileAsync(string name, RequestOptions options, CancellationToken cancellationToken) =>
            DeleteAsync(name, options, "files.delete", cancellationToken);

        public Task<EmbedContentResponse> EmbedContentAsync(string model, EmbedContentRequest request, RequestOptions options, CancellationToken cancellationToken) =>
            SendJsonAsync(HttpMethod.Post, model + ":embedContent", null, request, GenAIJsonContext.Default.EmbedContentRequest,
                GenAIJsonContext.Default.EmbedContentResponse, Scope(options, generation: false, cancellationToken), "embedContent");

        public Task<BatchEmbedContentsResponse> BatchEmbedContentsAsync(string model, BatchEmbedContentsRequest request, RequestOptions options, CancellationToken cancellationToken) =>
            SendJsonAsync(HttpMethod.Post, model + ":batchEmbedContents", null, request, GenAIJsonContext.Default.BatchEmbedContentsRequest,
                GenAIJsonContext.Default.BatchEmbedContentsResponse, Scope(options, generation: false, cancellationToken), "batchEmbedContents");

        private TimeSpan Timeout(RequestOptions options, bool generation) =>
            options.Timeout ?? _options.Defaults.Timeout ?? (generation ? RequestOptions.DefaultGenerationTimeout : RequestOptions.DefaultOtherTimeout);

        private TimeSpan IdleTimeout(RequestOptions options) =>
            options.StreamIdleTimeout ?? _options.Defaults.StreamIdleTimeout ?? RequestOptions.DefaultStreamIdleTimeout;

        private CallScope Scope(RequestOptions options, bool generation, CancellationToken cancellationToken) =>
            new CallScope(Timeout(options, generation), cancellationToken, options.Log ?? _options.Defaults.Log);

        private static string? PageQuery(int? pageSize, string? pageToken)
        {
            var parts = new List<string>();
            if (pageSize.HasValue) parts.Add("pageSize=" + pageSize.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (!string.IsNullOrEmpty(pageToken)) parts.Add("pageToken=" + Uri.EscapeDataString(pageToken));
            return parts.Count == 0 ? null : string.Join("&", parts);
        }

        private async Task<TResponse> GetJsonAsync<TResponse>(string path, string? query, JsonTypeInfo<TResponse> responseType,
            RequestOptions options, string operation, CancellationToken cancellationToken)
        {
            using var scope = Scope(options, generation: false, cancellationToken);
            using var response = await SendAsync(HttpMethod.Get, path, query, null, scope, operation).ConfigureAwait(false);
            return await ReadJsonAsync(response, responseType, scope, operation).ConfigureAwait(false);
        }

        private async Task DeleteAsync(string path, RequestOptions options, string operation, CancellationToken cancellationToken)
        {
            using var scope = Scope(options, generation: false, cancellationToken);
            using var response = await SendAsync(HttpMethod.Delete, path, null, null, scope, operation).ConfigureAwait(false);
        }

        private async Task<TResponse> SendJsonAsync<TRequest, TResponse>(HttpMethod method, string path, string? query, TRequest body,
            JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType, CallScope callScope, string operation)
        {
            using var scope = callScope;
            var content = JsonRequestContent.Create(body, requestType);
            using var response = await SendAsync(method, path, query, content, scope, operation).ConfigureAwait(false);
            return await ReadJsonAsync(response, responseType, scope, operation).ConfigureAwait(false);
        }

        private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? query, HttpContent? body, CallScope scope, string operation)
        {
            var uri = new Uri(_apiRoot + path + (query == null ? "" : "?" + query));
            using var request = new HttpRequestMessage(method, uri);
            if (!string.IsNullOrEmpty(_options.ApiKey)) request.Headers.TryAddWithoutValidation("x-goog-api-key", _options.ApiKey);
            request.Headers.TryAddWithoutValidation("x-goog-api-client", _clientHeader);
            request.Content = body;

            return await HttpExchange.SendAsync(_http, request, scope, operation).ConfigureAwait(false);
        }

        private static async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> type, CallScope scope, string operation)
        {
            try
            {
                using var stream = await ResponseBody.OpenAsync(response, scope.Token).ConfigureAwait(false);
                var value = await JsonSerializer.DeserializeAsync(new CappedStream(stream, ResponseBody.MaxUnaryBytes, operation), type, scope.Token).ConfigureAwait(false);
                return value ?? throw new ResponseParseException($"{operation} returned an empty body.");
            }
            catch (Exception ex)
            {
                throw scope.Map(ex, operation);
            }
        }

        private static bool IsJsonArray(HttpResponseMessage response) =>
            string.Equals(response.Content.Headers.ContentType?.MediaType, "application/json", StringComparison.OrdinalIgnoreCase);

        private static async Task<List<GenerateContentResponse>> ReadJsonArrayAsync(HttpResponseMessage response, CallScope scope, string operation)
        {
            string text;
            try { text = await ResponseBody.ReadStringAsync(response, ResponseBody.MaxUnaryBytes, scope.Token, operation).ConfigureAwait(false); }
            catch (Exception ex) { throw scope.Map(ex, operation); }
            var error = ApiErrorParser.TryParseEnvelope(text, (int)response.StatusCode);
            if (error != null) throw error;
            try
            {
                return JsonSerializer.Deserialize(text, GenAIJsonContext.Default.ListGenerateContentResponse) ?? new List<GenerateContentResponse>();
            }
            catch (Exception ex)
            {
                throw scope.Map(ex, operation);
            }
        }

        // A ValueTask (pooled on net8.0): most events are already buffered, so this completes synchronously and
        // allocates nothing per chunk beyond the chunk itself.
#if NET8_0_OR_GREATER
        [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
#endif
        private static async ValueTask<GenerateContentResponse?> ReadEventAsync(SseReader reader, CallScope scope, string operation, int httpStatus)
        {
            try
            {
                if (!await reader.MoveNextAsync(scope.Token).ConfigureAwait(false)) return null;
                var chunk = JsonSerializer.Deserialize(reader.Current.Span, GenAIJsonContext.Default.GenerateContentResponse)
                    ?? throw new ResponseParseException($"{operation} sent an empty event.");
                if (chunk.AdditionalProperties != null && chunk.AdditionalProperties.ContainsKey("error"))
                    throw (GenAIException?)ApiErrorParser.TryParseEnvelope(Encoding.UTF8.GetString(reader.Current.ToArray()), httpStatus)
                        ?? new ResponseParseException($"{operation} sent an error event that could not be read.");
                return chunk;
            }
            catch (SseEventTooLargeException tooLarge)
            {
                throw new ResponseTooLargeException(operation, tooLarge.LimitBytes);
            }
            catch (SseStrayContentException stray)
            {
                throw (GenAIException?)ApiErrorParser.TryParseEnvelope(stray.Content, httpStatus)
                    ?? new ResponseParseException($"{operation} sent text that is not an event: {Preview(stray.Content)}");
            }
            catch (Exception ex)
            {
                throw scope.Map(ex, operation);
            }
        }

        private static string Preview(string text)
        {
            text = text.Trim();
            return text.Length <= 200 ? text : text.Substring(0, 200) + "…";
        }

        public void Dispose()
        {
            if (_ownsHttp) _http.Dispose();
        }
    }
}
