using System;
using System.Net.Http;
using System.Threading.Tasks;

namespace GenAI.Core.Transport
{
    /// <summary>
    /// One HTTP request/response of any REST call (API calls and uploads alike): wire lines at debug level, low-level
    /// failures mapped by the call's scope, and an unsuccessful status turned into the service's typed error.
    /// </summary>
    internal static class HttpExchange
    {
        /// <summary>Sends <paramref name="request"/>; returns the response (headers read) when its status is a success.</summary>
        public static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpRequestMessage request, CallScope scope, string operation)
        {
            if (scope.Log != null) scope.Debug(WireLog.Request(request, request.Content?.Headers.ContentLength ?? 0));
            var started = System.Diagnostics.Stopwatch.StartNew();
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, scope.Token).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                var mapped = scope.Map(ex, operation);
                if (scope.Log != null && !(mapped is OperationCanceledException)) scope.Debug($"{operation}: no response after {started.ElapsedMilliseconds} ms: {mapped.Message}");
                throw mapped;
            }
            if (scope.Log != null) scope.Debug(WireLog.Response(response, started.Elapsed));
            if (response.IsSuccessStatusCode) return response;

            using (response)
            {
                string? text;
                try { text = await response.Content.ReadAsStringAsync().ConfigureAwait(false); }
                catch (Exception ex) { throw scope.Map(ex, operation); }
                throw ApiErrorParser.Parse((int)response.StatusCode, text, RetryAfter(response), response.ReasonPhrase);
            }
        }

        // Retry-After as seconds or as an HTTP date.
        private static TimeSpan? RetryAfter(HttpResponseMessage response)
        {
            var header = response.Headers.RetryAfter;
            if (header == null) return null;
            if (header.Delta.HasValue) return header.Delta;
            if (header.Date.HasValue)
            {
                var wait = header.Date.Value - DateTimeOffset.UtcNow;
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }
            return null;
        }
    }
}
