using System;
using System.Net;

namespace GenAI.Core.Transport
{
    /// <summary>
    /// Wraps the configured (or system) proxy so that a plain-http loopback endpoint is always reached directly:
    /// through a proxy the key would travel in clear text to another machine. Loopback means an IP literal in
    /// 127.0.0.0/8, <c>::1</c>, or exactly <c>localhost</c>; https endpoints and every other host follow the inner proxy.
    /// </summary>
    internal sealed class LoopbackBypassProxy : IWebProxy
    {
        private readonly IWebProxy? _inner;

        public LoopbackBypassProxy(IWebProxy? inner) { _inner = inner; }

        public ICredentials? Credentials
        {
            get => _inner?.Credentials;
            set { if (_inner != null) _inner.Credentials = value; }
        }

        public Uri? GetProxy(Uri destination) =>
            IsPlainHttpLoopback(destination) || _inner == null ? destination : _inner.GetProxy(destination);

        public bool IsBypassed(Uri host) => IsPlainHttpLoopback(host) || _inner == null || _inner.IsBypassed(host);

        /// <summary>Whether <paramref name="uri"/> is http (not https) to a loopback address or to <c>localhost</c>.</summary>
        public static bool IsPlainHttpLoopback(Uri uri)
        {
            if (uri == null) throw new ArgumentNullException(nameof(uri));
            return string.Equals(uri.Scheme, Uri.UriSchemeHttp, StringComparison.OrdinalIgnoreCase) && IsLoopbackHost(uri.Host);
        }

        /// <summary>An IP literal in 127.0.0.0/8 or ::1, or exactly <c>localhost</c> (no other name: it could resolve anywhere).</summary>
        public static bool IsLoopbackHost(string host)
        {
            if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)) return true;
            string literal = host.Trim('[', ']');
            if (!IPAddress.TryParse(literal, out var address)) return false;
            if (address.Equals(IPAddress.IPv6Loopback)) return true;
            if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
            return address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && address.GetAddressBytes()[0] == 127;
        }
    }
}
