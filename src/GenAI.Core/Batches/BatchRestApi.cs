using System;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using GenAI.Core.Errors;
using GenAI.Core.Protocol;
using GenAI.Core.Transport;

namespace GenAI.Core.Batches
{
    /// <summary>
    /// The batch calls and files.download over REST, whatever transport the client's other calls use: the public
    /// v1beta protos have no batch RPC (the service config maps only google.longrunning.Operations onto batches/*),
    /// so batches cannot be called over gRPC without guessing field numbers. Every call runs under the client's
    /// retry policy; create is not retried (two identical creates make two batches).
    /// </summary>
    internal sealed class BatchRestApi
    {
        private readonly HttpClient _http;
        private readonly GenAIClientOptions _options;
        private readonly string _apiRoot;
        private readonly Uri _baseUri;
        private readonly RetryRunner _retries;

        public BatchRestApi(GenAIClientOptions options, HttpClient http)
        {
            _options = options;
            _http = http;
            _baseUri = Endpoint.Validate(options.BaseUri);
            _apiRoot = _baseUri.AbsoluteUri + options.ApiVersion.Trim('/') + "/";
            _retries = new RetryRunner(options.Retry, options.Defaults);
        }

        public Task<GenAIBatch> CreateAsync(string model, string verb, Func<Stream, Task> writeBody, RequestOptions options, CancellationToken cancellationToken) =>
            RunAsync($"batches.create ({verb})", options, cancellationToken, idempotent: false, async (scope, operation) =>
            {
                using var body = new MemoryStream();
                await writeBody(body).ConfigureAwait(false);
                var content = new ByteArrayContent(body.GetBuffer(), 0, (int)body.Length);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                using var response = await SendAsync(HttpMethod.Post, _apiRoot + model + ":" + verb, content, scope, operation).ConfigureAwait(false);
                return await ReadJsonAsync(response, GenAIJsonContext.Default.GenAIBatch, scope, operation).ConfigureAwait(false);
            });

        public Task<GenAIBatch> GetAsync(string name, RequestOptions options, CancellationToken cancellationToken) =>
            RunAsync("batches.get", options, cancellationToken, idempotent: true, async (scope, operation) =>
            {
                using var response = await SendAsync(HttpMethod.Get, _apiRoot + name, null, scope, operation).ConfigureAwait(false);
                return await ReadJsonAsync(response, GenAIJsonContext.Default.GenAIBatch, scope, operation).ConfigureAwait(false);
            });

        public Task<ListBatchesResponse> ListAsync(int? pageSize, string? pageToken, RequestOptions options, CancellationToken cancellationToken) =>
            RunAsync("batches.list", options, cancellationToken, idempotent: true, async (scope, operation) =>
            {
                string query = "";
                if (pageSize.HasValue) query += "&pageSize=" + pageSize.Value.ToString(CultureInfo.InvariantCulture);
                if (!string.IsNullOrEmpty(pageToken)) query += "&pageToken=" + Uri.EscapeDataString(pageToken);
                using var response = await SendAsync(HttpMethod.Get, _apiRoot + "batches" + (query.Length > 0 ? "?" + query.Substring(1) : ""), null, scope, operation)
                    .ConfigureAwait(false);
                return await ReadJsonAsync(response, GenAIJsonContext.Default.ListBatchesResponse, scope, operation).ConfigureAwait(false);
            });

        public Task CancelAsync(string name, RequestOptions options, CancellationToken cancellationToken) =>
            RunAsync("batches.cancel", options, cancellationToken, idempotent: true, async (scope, operation) =>
            {
                var empty = new ByteArrayContent(Array.Empty<byte>());
                using var response = await SendAsync(HttpMethod.Post, _apiRoot + name + ":cancel", empty, scope, operation).ConfigureAwait(false);
                return true;
            });

        public Task DeleteAsync(string name, RequestOptions options, CancellationToken cancellationToken) =>
            RunAsync("batches.delete", options, cancellationToken, idempotent: true, async (scope, operation) =>
            {
                using var response = await SendAsync(HttpMethod.Delete, _apiRoot + name, null, scope, operation).ConfigureAwait(false);
                return true;
            });

        /// <summary>
        /// files.download (<c>GET /v1beta/files/{id}:download?alt=media</c>, the form the SDKs use): the response, its
        /// body not yet read, for the caller to stream. The attempt timeout covers the headers only.
        /// </summary>
        public Task<HttpResponseMessage> OpenDownloadAsync(string fileName, RequestOptions options, CancellationToken cancellationToken) =>
            RunAsync("files.download", options, cancellationToken, idempotent: true, (scope, operation) =>
                SendAsync(HttpMethod.Get, _apiRoot + fileName + ":download?alt=media", null, scope, operation));

        private async Task<T> RunAsync<T>(string operation, RequestOptions options, CancellationToken cancellationToken, bool idempotent,
            Func<CallScope, string, Task<T>> attempt)
        {
            using var call = _retries.Start(operation, options, cancellationToken, idempotent);
            return await _retries.ExecuteAsync(call, async (o, token) =>
            {
                using var scope = new CallScope(o.Timeout ?? _options.Defaults.Timeout ?? RequestOptions.DefaultOtherTimeout, token, o.Log ?? _options.Defaults.Log);
                return await attempt(scope, operation).ConfigureAwait(false);
            }).ConfigureAwait(false);
        }

        private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string uri, HttpContent? body, CallScope scope, string operation)
        {
            using var request = new HttpRequestMessage(method, new Uri(uri)) { Content = body };
            if (!string.IsNullOrEmpty(_options.ApiKey)) request.Headers.TryAddWithoutValidation("x-goog-api-key", _options.ApiKey);
            return await HttpExchange.SendAsync(_http, request, scope, operation).ConfigureAwait(false);
        }

        private static async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> type, CallScope scope, string operation)
        {
            try
            {
                using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
                return await JsonSerializer.DeserializeAsync(stream, type, scope.Token).ConfigureAwait(false)
                    ?? throw new ResponseParseException($"{operation} returned an empty body.");
            }
            catch (Exception ex)
            {
                throw scope.Map(ex, operation);
            }
        }
    }
}
