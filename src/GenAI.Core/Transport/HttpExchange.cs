using System;
using System.Net.Http;
using System.Threading.Tasks;
using GenAI.Core.Errors;

namespace GenAI.Core.Transport
{
    /// <summary>
    /// One HTTP request/response of any REST call (API calls and uploads alike): wire lines at debug level, low-level
    /// failures mapped by the call's scope, and an unsuccessful status turned into the service's typed error.
    /// </summary>
    internal static class HttpExchange
    {
        /// <summary>Most redirects followed for one request (the HTTP client's own default is 50; a service needs very few).</summary>
        internal const int MaxRedirects = 5;

        /// <summary>
        /// Sends <paramref name="request"/>; returns the response (headers read) when its status is a success. Redirects
        /// are followed here, not by the HTTP client, and only within the request's origin: the key header and the body
        /// never go to another scheme, host or port (<see cref="RedirectRefusedException"/>).
        /// </summary>
        public static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpRequestMessage request, CallScope scope, string operation)
        {
            var response = await SendOnceAsync(http, request, scope, operation).ConfigureAwait(false);
            for (int redirects = 0; IsRedirect(response, out Uri? location); redirects++)
            {
                response.Dispose();
                var target = new Uri(request.RequestUri!, location!);
                if (!SameOrigin(request.RequestUri!, target))
                    throw new RedirectRefusedException(
                        $"{operation}: the service redirected to another origin ({target.GetLeftPart(UriPartial.Authority)}); not followed, so that the key does not leave {request.RequestUri!.GetLeftPart(UriPartial.Authority)}.", target);
                if (redirects == MaxRedirects)
                    throw new TransportException($"{operation}: more than {MaxRedirects} redirects.");
                if (scope.Log != null) scope.Debug($"{operation}: HTTP {(int)response.StatusCode} redirect to {target.AbsolutePath}.");
                request = Redirected(request, target, response.StatusCode);
                response = await SendOnceAsync(http, request, scope, operation).ConfigureAwait(false);
            }
            if (response.IsSuccessStatusCode) return response;

            using (response)
            {
                string? text;
                try { text = await ResponseBody.ReadStringAsync(response, ResponseBody.MaxErrorBytes, scope.Token, operation).ConfigureAwait(false); }
                catch (Exception ex) { throw scope.Map(ex, operation); }
                throw ApiErrorParser.Parse((int)response.StatusCode, text, RetryAfter(response), response.ReasonPhrase);
            }
        }

        private static bool IsRedirect(HttpResponseMessage response, out Uri? location)
        {
            location = response.Headers.Location;
            int status = (int)response.StatusCode;
            return location != null && (status == 301 || status == 302 || status == 303 || status == 307 || status == 308);
        }

        private static bool SameOrigin(Uri from, Uri to) =>
            string.Equals(from.Scheme, to.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(from.IdnHost, to.IdnHost, StringComparison.OrdinalIgnoreCase)
            && from.Port == to.Port;

        // The same request at the new address; 303 (and 301/302 after a POST, as browsers do) become a GET without a body.
        private static HttpRequestMessage Redirected(HttpRequestMessage original, Uri target, System.Net.HttpStatusCode status)
        {
            int code = (int)status;
            bool toGet = code == 303 || ((code == 301 || code == 302) && original.Method == HttpMethod.Post);
            var next = new HttpRequestMessage(toGet ? HttpMethod.Get : original.Method, target);
            foreach (var header in original.Headers) next.Headers.TryAddWithoutValidation(header.Key, header.Value);
            if (!toGet) next.Content = original.Content;
            return next;
        }

        private static async Task<HttpResponseMessage> SendOnceAsync(HttpClient http, HttpRequestMessage request, CallScope scope, string operation)
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
            return response;
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
