using System;
using System.Collections.Generic;
using System.Net;

namespace GenAI.Core.Transport
{
    /// <summary>
    /// The proxy named by the conventional environment variables, read when a client is built (so a changed
    /// variable applies to the next client, and Windows PowerShell honours them too): <c>https_proxy</c> /
    /// <c>HTTPS_PROXY</c> for https, <c>http_proxy</c> / <c>HTTP_PROXY</c> for http, <c>all_proxy</c> /
    /// <c>ALL_PROXY</c> for both, and <c>no_proxy</c> / <c>NO_PROXY</c> for hosts reached directly
    /// (comma-separated names, <c>.domain</c> suffixes, IP addresses, optional <c>:port</c>, or <c>*</c>).
    /// Credentials may be given in the proxy URL (<c>http://user:password@proxy:3128</c>).
    /// </summary>
    public sealed class EnvironmentProxy : IWebProxy
    {
        private readonly Uri? _http;
        private readonly Uri? _https;
        private readonly string[] _bypass;
        private readonly ProxyCredentials _credentials = new ProxyCredentials();
        private readonly int _userInfoHash;

        private EnvironmentProxy(Uri? http, Uri? https, string[] bypass)
        {
            _userInfoHash = StableHash((http?.UserInfo ?? "") + "|" + (https?.UserInfo ?? ""));
            _http = StripUserInfo(http);
            _https = StripUserInfo(https);
            _bypass = bypass;
            _credentials.Add(_http, http);
            _credentials.Add(_https, https);
        }

        /// <summary>The proxy from the environment, or null when no proxy variable is set.</summary>
        public static EnvironmentProxy? FromEnvironment(Func<string, string?>? getVariable = null)
        {
            getVariable ??= Environment.GetEnvironmentVariable;
            Uri? all = Parse(First(getVariable, "all_proxy", "ALL_PROXY"));
            Uri? http = Parse(First(getVariable, "http_proxy", "HTTP_PROXY")) ?? all;
            Uri? https = Parse(First(getVariable, "https_proxy", "HTTPS_PROXY")) ?? all;
            if (http == null && https == null) return null;
            string? noProxy = First(getVariable, "no_proxy", "NO_PROXY");
            var bypass = (noProxy ?? "").Split(new[] { ',', ' ', ';' }, StringSplitOptions.RemoveEmptyEntries);
            return new EnvironmentProxy(http, https, bypass);
        }

        /// <summary>What the variables say, without credentials (for display and for noticing a change).</summary>
        public string Description => $"http={_http?.AbsoluteUri ?? "-"} https={_https?.AbsoluteUri ?? "-"} no_proxy={string.Join(",", _bypass)}";

        /// <summary>Differs whenever any of the variables differ (credentials only as a hash).</summary>
        internal string Fingerprint => Description + "|" + _userInfoHash.ToString(System.Globalization.CultureInfo.InvariantCulture);

        public ICredentials? Credentials
        {
            get => _credentials;
            set => throw new NotSupportedException("Credentials of an environment proxy come from its URL.");
        }

        public Uri? GetProxy(Uri destination) => IsBypassed(destination) ? destination : ProxyFor(destination);

        public bool IsBypassed(Uri host)
        {
            if (host == null) throw new ArgumentNullException(nameof(host));
            return ProxyFor(host) == null || MatchesNoProxy(host);
        }

        private Uri? ProxyFor(Uri destination) =>
            string.Equals(destination.Scheme, Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase) ? _https : _http;

        private bool MatchesNoProxy(Uri destination)
        {
            string host = destination.Host.Trim('[', ']');
            foreach (string raw in _bypass)
            {
                string entry = raw.Trim();
                if (entry == "*") return true;
                int? port = null;
                int colon = entry.LastIndexOf(':');
                if (colon > 0 && entry.IndexOf(':') == colon && int.TryParse(entry.Substring(colon + 1), out int parsed))
                {
                    port = parsed;
                    entry = entry.Substring(0, colon);
                }
                if (port.HasValue && port.Value != destination.Port) continue;
                entry = entry.Trim('[', ']');
                if (entry.StartsWith("*.", StringComparison.Ordinal)) entry = entry.Substring(1);
                if (entry.StartsWith(".", StringComparison.Ordinal))
                {
                    if (host.EndsWith(entry, StringComparison.OrdinalIgnoreCase) || string.Equals(host, entry.Substring(1), StringComparison.OrdinalIgnoreCase)) return true;
                }
                else if (string.Equals(host, entry, StringComparison.OrdinalIgnoreCase) || host.EndsWith("." + entry, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
            return false;
        }

        private static string? First(Func<string, string?> getVariable, string lower, string upper)
        {
            string? value = getVariable(lower);
            if (string.IsNullOrWhiteSpace(value)) value = getVariable(upper);
            return string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
        }

        private static Uri? Parse(string? value)
        {
            if (value == null) return null;
            if (!value.Contains("://")) value = "http://" + value;
            return Uri.TryCreate(value, UriKind.Absolute, out var uri) ? uri : null;
        }

        private static int StableHash(string text)
        {
            unchecked
            {
                int hash = (int)2166136261;
                foreach (char c in text) hash = (hash ^ c) * 16777619;
                return hash;
            }
        }

        private static Uri? StripUserInfo(Uri? uri) =>
            uri == null || uri.UserInfo.Length == 0 ? uri : new UriBuilder(uri) { UserName = "", Password = "" }.Uri;

        /// <summary>The user and password from each proxy URL, offered only to that proxy.</summary>
        private sealed class ProxyCredentials : ICredentials
        {
            private readonly List<KeyValuePair<Uri, NetworkCredential>> _byProxy = new List<KeyValuePair<Uri, NetworkCredential>>();

            public void Add(Uri? proxy, Uri? original)
            {
                if (proxy == null || original == null || original.UserInfo.Length == 0) return;
                string[] parts = original.UserInfo.Split(new[] { ':' }, 2);
                var credential = new NetworkCredential(Uri.UnescapeDataString(parts[0]), parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : "");
                _byProxy.Add(new KeyValuePair<Uri, NetworkCredential>(proxy, credential));
            }

            public NetworkCredential? GetCredential(Uri uri, string authType)
            {
                foreach (var pair in _byProxy)
                    if (string.Equals(pair.Key.Host, uri.Host, StringComparison.OrdinalIgnoreCase) && pair.Key.Port == uri.Port) return pair.Value;
                return null;
            }
        }
    }
}
