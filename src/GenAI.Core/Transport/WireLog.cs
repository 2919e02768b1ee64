using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;

namespace GenAI.Core.Transport
{
    /// <summary>
    /// Debug lines for requests and responses. Only allow-listed headers are shown with their values;
    /// the others (x-goog-api-key among them) are counted, never printed. URLs lose any user info.
    /// </summary>
    internal static class WireLog
    {
        private static readonly HashSet<string> s_shownHeaders = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "x-goog-api-client", "content-type", "content-length", "accept", "user-agent", "retry-after", "x-request-id", "server-timing", "date",
            // The resumable upload protocol's own (the upload URL is not shown: it is the next request's URL).
            "x-goog-upload-protocol", "x-goog-upload-command", "x-goog-upload-offset", "x-goog-upload-status", "x-goog-upload-size-received",
            "x-goog-upload-chunk-granularity", "x-goog-upload-header-content-length", "x-goog-upload-header-content-type",
        };

        public static string Request(HttpRequestMessage request, long bodyLength) =>
            $"{request.Method} {SafeUri(request.RequestUri)}; {Headers(request.Headers, request.Content?.Headers)}; body {bodyLength.ToString(CultureInfo.InvariantCulture)} bytes";

        public static string Response(HttpResponseMessage response, TimeSpan elapsed) =>
            $"HTTP {(int)response.StatusCode} {response.ReasonPhrase} after {elapsed.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms; {Headers(response.Headers, response.Content?.Headers)}";

        /// <summary>Scheme, host, port, path and query; never user info.</summary>
        public static string SafeUri(Uri? uri) =>
            uri == null ? "" : uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.PathAndQuery, UriFormat.UriEscaped);

        private static string Headers(HttpHeaders headers, HttpHeaders? contentHeaders)
        {
            var all = contentHeaders == null ? headers : headers.Concat(contentHeaders);
            var shown = new List<string>();
            int hidden = 0;
            foreach (var header in all)
            {
                if (s_shownHeaders.Contains(header.Key)) shown.Add($"{header.Key.ToLowerInvariant()}: {string.Join(", ", header.Value)}");
                else hidden++;
            }
            string text = shown.Count == 0 ? "no headers shown" : "headers " + string.Join("; ", shown);
            return hidden == 0 ? text : $"{text} (+{hidden.ToString(CultureInfo.InvariantCulture)} not shown)";
        }
    }
}
