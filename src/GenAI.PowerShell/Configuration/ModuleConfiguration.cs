using System;
using System.Net;
using System.Runtime.InteropServices;
using System.Security;
using GenAI.Core;
using GenAI.Core.Errors;
using GenAI.Core.Transport;

namespace GenAI.PowerShell.Configuration
{
    /// <summary>
    /// The module's settings for this process, and the one client built from them (so connections are
    /// reused across cmdlet calls). Environment variables are read on every resolution, so changes to
    /// them take effect without re-importing the module.
    /// </summary>
    internal static class ModuleConfiguration
    {
        public const string DefaultModelName = "gemini-2.5-flash";

        private static readonly object s_lock = new object();
        private static SecureString? s_apiKey;
        private static Uri? s_baseUri;
        private static string s_apiVersion = "v1beta";
        private static string? s_defaultModel;
        private static TimeSpan? s_timeout;
        private static int? s_maxRetries;
        private static TransportKind s_transport = TransportKind.Rest;
        private static Uri? s_grpcUri;
        private static readonly System.Collections.Generic.Dictionary<TransportKind, GenAIClient> s_clients = new System.Collections.Generic.Dictionary<TransportKind, GenAIClient>();
        private static string? s_clientFingerprint;

        public static void Update(SecureString? apiKey, Uri? baseUri, string? apiVersion, string? defaultModel, TimeSpan? timeout, int? maxRetries, bool clearApiKey, bool clearBaseUri)
        {
            lock (s_lock)
            {
                if (clearApiKey) s_apiKey = null;
                if (apiKey != null) { s_apiKey = apiKey.Copy(); s_apiKey.MakeReadOnly(); }
                if (clearBaseUri) s_baseUri = null;
                if (baseUri != null) s_baseUri = Endpoint.Validate(baseUri);
                if (!string.IsNullOrEmpty(apiVersion)) s_apiVersion = apiVersion!;
                if (!string.IsNullOrEmpty(defaultModel)) s_defaultModel = defaultModel;
                if (timeout.HasValue) s_timeout = timeout;
                if (maxRetries.HasValue) s_maxRetries = maxRetries;
            }
        }

        /// <summary>Set-GenAIConfiguration -Transport / -GrpcUri / -ClearGrpcUri.</summary>
        public static void UpdateTransport(TransportKind? transport, Uri? grpcUri, bool clearGrpcUri)
        {
            lock (s_lock)
            {
                if (transport.HasValue) s_transport = transport.Value;
                if (clearGrpcUri) s_grpcUri = null;
                if (grpcUri != null) s_grpcUri = Endpoint.Validate(grpcUri);
            }
        }

        public static string DefaultModel
        {
            get { lock (s_lock) return s_defaultModel ?? DefaultModelName; }
        }

        /// <summary>The settings as a user sees them (key masked).</summary>
        public static GenAIConfigurationInfo Describe()
        {
            lock (s_lock)
            {
                var (key, keySource) = ResolveKey();
                var (uri, uriSource) = ResolveBaseUri();
                return new GenAIConfigurationInfo(uri, uriSource, s_apiVersion, KeyMask.Mask(key), keySource,
                    s_defaultModel ?? DefaultModelName, s_timeout, s_maxRetries)
                {
                    Transport = s_transport,
                    GrpcUri = new GenAIClientOptions { BaseUri = uri, GrpcUri = s_grpcUri }.EffectiveGrpcUri,
                    TransportNote = s_transport == TransportKind.Grpc && !TransportFactory.IsGrpcAvailable(out string? reason) ? reason : null,
                };
            }
        }

        /// <summary>
        /// The client for the current settings and <paramref name="transport"/> (null: the configured one);
        /// one per transport, built once and reused while the settings do not change.
        /// </summary>
        public static GenAIClient GetClient(TransportKind? transport = null)
        {
            lock (s_lock)
            {
                var (key, _) = ResolveKey();
                if (string.IsNullOrEmpty(key))
                    throw new ConfigurationException("ApiKeyMissing", "No API key is configured.",
                        "Run Set-GenAIConfiguration -ApiKey (Read-Host -AsSecureString 'API key'), or set the GEMINI_API_KEY environment variable.");
                var (uri, _) = ResolveBaseUri();
                var kind = transport ?? s_transport;
                string fingerprint = string.Join("|", uri.AbsoluteUri, s_apiVersion, KeyMask.Fingerprint(key!), s_timeout, s_maxRetries, s_grpcUri?.AbsoluteUri);
                if (s_clientFingerprint != fingerprint)
                {
                    foreach (var stale in s_clients.Values) stale.Dispose();
                    s_clients.Clear();
                    s_clientFingerprint = fingerprint;
                }
                if (s_clients.TryGetValue(kind, out var existing)) return existing;

                var options = new GenAIClientOptions
                {
                    BaseUri = uri,
                    ApiKey = key,
                    ApiVersion = s_apiVersion,
                    Defaults = new RequestOptions { Timeout = s_timeout, MaxRetries = s_maxRetries },
                    Transport = kind,
                    GrpcUri = s_grpcUri,
                };
                var client = new GenAIClient(options);
                s_clients[kind] = client;
                return client;
            }
        }

        /// <summary>
        /// The proxy for downloads that need no client (Install-GenAITokenizer): the one the client would use.
        /// Null: .NET's default (the system proxy; HTTPS_PROXY/NO_PROXY on Unix).
        /// </summary>
        public static IWebProxy? CreateProxy() => null;

        /// <summary>The API key in effect, for redaction of messages; null when none.</summary>
        public static string? CurrentKey
        {
            get { lock (s_lock) return ResolveKey().Key; }
        }

        private static (string? Key, string Source) ResolveKey()
        {
            if (s_apiKey != null) return (ToPlainText(s_apiKey), "Set-GenAIConfiguration");
            string? google = Environment.GetEnvironmentVariable("GOOGLE_API_KEY")?.Trim();
            if (!string.IsNullOrEmpty(google)) return (google, "GOOGLE_API_KEY");
            string? gemini = Environment.GetEnvironmentVariable("GEMINI_API_KEY")?.Trim();
            if (!string.IsNullOrEmpty(gemini)) return (gemini, "GEMINI_API_KEY");
            return (null, "(none)");
        }

        private static (Uri Uri, string Source) ResolveBaseUri()
        {
            if (s_baseUri != null) return (s_baseUri, "Set-GenAIConfiguration");
            string? env = Environment.GetEnvironmentVariable("GOOGLE_GEMINI_BASE_URL");
            if (!string.IsNullOrWhiteSpace(env))
            {
                if (!Uri.TryCreate(env!.Trim(), UriKind.Absolute, out var uri))
                    throw new ConfigurationException("InvalidEndpoint", $"GOOGLE_GEMINI_BASE_URL is not an absolute URI: '{env}'.",
                        "Set GOOGLE_GEMINI_BASE_URL to a full URI, or remove it to use the public endpoint.");
                return (Endpoint.Validate(uri), "GOOGLE_GEMINI_BASE_URL");
            }
            return (Endpoint.Default, "default");
        }

        private static string ToPlainText(SecureString secure)
        {
            IntPtr pointer = Marshal.SecureStringToGlobalAllocUnicode(secure);
            try { return Marshal.PtrToStringUni(pointer) ?? ""; }
            finally { Marshal.ZeroFreeGlobalAllocUnicode(pointer); }
        }
    }
}
