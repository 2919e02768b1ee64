using System;
using System.Net;
using System.Net.Http;

namespace GenAI.Core.Transport
{
    /// <summary>Builds the one HttpClient a client keeps for its lifetime (connection reuse across calls).</summary>
    internal static class HttpClientFactory
    {
        public static HttpClient Create(IWebProxy? proxy)
        {
            EnableModernTls();
#if NET8_0_OR_GREATER
            var handler = new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
                EnableMultipleHttp2Connections = true,
            };
#else
            var handler = new HttpClientHandler
            {
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            };
#endif
            if (proxy != null)
            {
                handler.Proxy = proxy;
                handler.UseProxy = true;
            }
            return new HttpClient(handler, disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
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
