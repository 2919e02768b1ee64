using System;
using System.Net;
using System.Runtime.InteropServices;
using System.Security;
using GenAI.Core;
using GenAI.Core.Errors;
using GenAI.Core.Transport;
using GenAI.PowerShell.Errors;

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
        private static TimeSpan? s_deadline;
        private static TransportKind s_transport = TransportKind.Rest;
        private static Uri? s_grpcUri;
        private static readonly System.Collections.Generic.Dictionary<TransportKind, GenAIClient> s_clients = new System.Collections.Generic.Dictionary<TransportKind, GenAIClient>();
        private static string? s_clientFingerprint;
        private static ProxySetting s_proxy = ProxySetting.Environment;
        private static ApiKeySecret? s_secret;

        /// <param name="deadline">The default total time limit; <see cref="TimeSpan.Zero"/> removes it.</param>
        public static void Update(SecureString? apiKey, Uri? baseUri, string? apiVersion, string? defaultModel, TimeSpan? timeout, int? maxRetries,
            TimeSpan? deadline, bool clearApiKey, bool clearBaseUri)
        {
            lock (s_lock)
            {
                if (clearApiKey) { s_apiKey = null; s_secret = null; }
                if (apiKey != null) { s_apiKey = apiKey.Copy(); s_apiKey.MakeReadOnly(); s_secret = null; }
                if (clearBaseUri) s_baseUri = null;
                if (baseUri != null) s_baseUri = Endpoint.Validate(baseUri);
                if (!string.IsNullOrEmpty(apiVersion)) s_apiVersion = apiVersion!;
                if (!string.IsNullOrEmpty(defaultModel)) s_defaultModel = defaultModel;
                if (timeout.HasValue) s_timeout = timeout;
                if (maxRetries.HasValue) s_maxRetries = maxRetries;
                if (deadline.HasValue) s_deadline = deadline.Value > TimeSpan.Zero ? deadline : null;
            }
        }

        /// <summary>Takes the key from a SecretManagement vault from now on (read when first needed, or now if given).</summary>
        public static void UseApiKeySecret(ApiKeySecret secret)
        {
            lock (s_lock)
            {
                s_secret = secret;
                s_apiKey = null;
            }
        }

        public static void SetProxy(ProxySetting proxy)
        {
            lock (s_lock) s_proxy = proxy ?? ProxySetting.Environment;
        }

        /// <summary>The settings made with Set-GenAIConfiguration (not those from the environment), for saving and restoring.</summary>
        public static ConfigurationSnapshot Snapshot()
        {
            lock (s_lock)
                return new ConfigurationSnapshot(s_apiKey, s_secret, s_baseUri, s_apiVersion, s_defaultModel, s_timeout, s_maxRetries, s_proxy)
                { Deadline = s_deadline, Transport = s_transport, GrpcUri = s_grpcUri };
        }

        public static void Restore(ConfigurationSnapshot snapshot)
        {
            lock (s_lock)
            {
                s_apiKey = snapshot.ApiKey;
                s_secret = snapshot.Secret;
                s_baseUri = snapshot.BaseUri;
                s_apiVersion = snapshot.ApiVersion;
                s_defaultModel = snapshot.DefaultModel;
                s_timeout = snapshot.Timeout;
                s_maxRetries = snapshot.MaxRetries;
                s_deadline = snapshot.Deadline;
                s_proxy = snapshot.Proxy;
                s_transport = snapshot.Transport;
                s_grpcUri = snapshot.GrpcUri;
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
                var (proxy, proxySource) = s_proxy.Describe();
                string maskedKey = s_secret != null && !s_secret.IsRead ? "(read from the vault on first use)" : KeyMask.Mask(key);
                return new GenAIConfigurationInfo(uri, uriSource, s_apiVersion, maskedKey, keySource,
                    s_defaultModel ?? DefaultModelName, s_timeout, s_maxRetries ?? RetryPolicy.DefaultMaxRetries, s_deadline)
                {
                    Transport = s_transport,
                    GrpcUri = new GenAIClientOptions { BaseUri = uri, GrpcUri = s_grpcUri }.EffectiveGrpcUri,
                    TransportNote = s_transport == TransportKind.Grpc && !TransportFactory.IsGrpcAvailable(out string? reason) ? reason : null,
                    Proxy = proxy,
                    ProxySource = proxySource,
                    ConfigurationFile = ConfigurationFile.Exists ? ConfigurationFile.Path : null,
                };
            }
        }

        /// <summary>
        /// The client for the current settings and <paramref name="transport"/> (null: the configured one);
        /// one per transport, built once and reused while the settings do not change.
        /// </summary>
        public static GenAIClient GetClient(TransportKind? transport = null)
        {
            ApiKeySecret? unread;
            lock (s_lock) unread = s_secret != null && !s_secret.IsRead ? s_secret : null;
            unread?.Read();   // outside the lock: a vault may prompt for its password
            lock (s_lock)
            {
                var (key, _) = ResolveKey();
                if (string.IsNullOrEmpty(key))
                    throw new ConfigurationException(PowerShellErrorCodes.ApiKeyMissing, "No API key is configured.",
                        "Run Set-GenAIConfiguration -ApiKey (Read-Host -AsSecureString 'API key'), or set the GEMINI_API_KEY environment variable. To try the module offline without a key, run Start-GenAIEmulator -Configure (Stop-GenAIEmulator when done).");
                var (uri, _) = ResolveBaseUri();
                var kind = transport ?? s_transport;
                string fingerprint = string.Join("|", uri.AbsoluteUri, s_apiVersion, KeyMask.Fingerprint(key!), s_timeout, s_maxRetries, s_deadline, s_grpcUri?.AbsoluteUri, s_proxy.Fingerprint());
                if (s_clientFingerprint != fingerprint)
                {
                    // The old clients are dropped, not disposed: another runspace may be mid-call on one of them (a
                    // 10-minute stream). Their pooled connections close on their own once idle, and the clients are collected.
                    s_clients.Clear();
                    s_clientFingerprint = fingerprint;
                }
                if (s_clients.TryGetValue(kind, out var existing)) return existing;

                var options = new GenAIClientOptions
                {
                    BaseUri = uri,
                    ApiKey = key,
                    ApiVersion = s_apiVersion,
                    Defaults = new RequestOptions { Timeout = s_timeout, MaxRetries = s_maxRetries, Deadline = s_deadline },
                    Proxy = s_proxy.Create(),
                    Transport = kind,
                    GrpcUri = s_grpcUri,
                };
                var client = new GenAIClient(options);
                s_clients[kind] = client;
                return client;
            }
        }

        /// <summary>
        /// Identifies the endpoint and key a client would use, or null when no key is available without asking
        /// anyone (none set, or a vault secret not read yet): tab completion must never prompt.
        /// </summary>
        public static string? CompletionFingerprint()
        {
            lock (s_lock)
            {
                try
                {
                    var (key, _) = ResolveKey();
                    if (string.IsNullOrEmpty(key)) return null;
                    var (uri, _) = ResolveBaseUri();
                    return string.Join("|", uri.AbsoluteUri, s_apiVersion, KeyMask.Fingerprint(key!), s_proxy.Fingerprint());
                }
                catch (GenAIException)
                {
                    return null;
                }
            }
        }

        /// <summary>
        /// The proxy for downloads that need no client (Install-GenAITokenizer): the one the client would use
        /// (Set-GenAIConfiguration -Proxy/-NoProxy, else the proxy environment variables). Null: .NET's default (the system proxy).
        /// </summary>
        public static IWebProxy? CreateProxy()
        {
            lock (s_lock) return s_proxy.Create();
        }

        /// <summary>The API key and endpoint in effect, reading a vault secret first if need be (a recording emulator forwards with them).</summary>
        public static (string? Key, Uri BaseUri) ReadKeyAndEndpoint()
        {
            ApiKeySecret? unread;
            lock (s_lock) unread = s_secret != null && !s_secret.IsRead ? s_secret : null;
            unread?.Read();   // outside the lock: a vault may prompt for its password
            lock (s_lock) return (ResolveKey().Key, ResolveBaseUri().Uri);
        }

        /// <summary>The API key in effect, for redaction of messages; null when none.</summary>
        public static string? CurrentKey
        {
            get { lock (s_lock) return ResolveKey().Key; }
        }

        private static (string? Key, string Source) ResolveKey()
        {
            if (s_apiKey != null) return (ToPlainText(s_apiKey), "Set-GenAIConfiguration");
            if (s_secret != null) return (s_secret.IsRead ? ToPlainText(s_secret.Value!) : null, s_secret.Source);
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
                    throw new ConfigurationException(ErrorCodes.InvalidEndpoint, $"GOOGLE_GEMINI_BASE_URL is not an absolute URI: '{env}'.",
                        "Set GOOGLE_GEMINI_BASE_URL to a full URI, or remove it to use the public endpoint.");
                return (Endpoint.Validate(uri), "GOOGLE_GEMINI_BASE_URL");
            }
            return (Endpoint.Default, "default");
        }

        internal static string ToPlainText(SecureString secure)
        {
            IntPtr pointer = Marshal.SecureStringToGlobalAllocUnicode(secure);
            try { return Marshal.PtrToStringUni(pointer) ?? ""; }
            finally { Marshal.ZeroFreeGlobalAllocUnicode(pointer); }
        }
    }
}
