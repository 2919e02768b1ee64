using System;
using System.Net;
using System.Net.Http;

namespace GenAI.Core.Transport
{
    /// <summary>Builds the one HttpClient a client keeps for its lifetime (connection reuse across calls).</summary>
    internal static class HttpClientFactory
    {
        /// <param name="proxy">The proxy to use; null: the system's. Plain-http loopback endpoints never go through either.</param>
        /// <param name="followRedirects">False for API calls: <see cref="HttpExchange"/> follows same-origin redirects itself so that the key
        /// never reaches another origin. True only for requests that carry no secret (downloads of public files).</param>
        public static HttpClient Create(IWebProxy? proxy, bool followRedirects = false)
        {
            EnableModernTls();
#if NET8_0_OR_GREATER
            var handler = new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
                EnableMultipleHttp2Connections = true,
                AllowAutoRedirect = followRedirects,
            };
#else
            var handler = new HttpClientHandler
            {
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
                AllowAutoRedirect = followRedirects,
            };
#endif
            handler.Proxy = new LoopbackBypassProxy(proxy ?? SystemProxy());
            handler.UseProxy = true;
            return new HttpClient(handler, disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        }

        private static IWebProxy? SystemProxy()
        {
#if NET8_0_OR_GREATER
            return HttpClient.DefaultProxy;
#else
            return WebRequest.DefaultWebProxy;
#endif
        }

        // Windows PowerShell 5.1 (.NET Framework) may default to TLS 1.0/1.1, which Google refuses.
        private static void EnableModernTls()
        {
#if !NET8_0_OR_GREATER
            if (System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal))
                ServicePointManager.SecurityProtocol |= SecurityProtocolType.Tls12;
#endif
        }
    }
}
