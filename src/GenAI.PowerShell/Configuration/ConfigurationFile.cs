using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Security;
using System.Text.Json;
using GenAI.Core.Errors;
using GenAI.PowerShell.Errors;

namespace GenAI.PowerShell.Configuration
{
    /// <summary>
    /// The opt-in saved configuration (<c>Set-GenAIConfiguration -Persist</c>), applied when the module is imported.
    /// It never holds the API key in plain text: it holds the name of a SecretManagement secret, or on Windows a
    /// DPAPI-protected key (readable only by the same user on the same machine). Elsewhere a raw key is not saved.
    /// </summary>
    public static class ConfigurationFile
    {
        /// <summary>
        /// <c>%APPDATA%\GenAI.PowerShell\configuration.json</c> on Windows;
        /// <c>$XDG_CONFIG_HOME/GenAI.PowerShell/configuration.json</c> (default <c>~/.config</c>) elsewhere.
        /// </summary>
        public static string Path =>
            System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.DoNotVerify),
                "GenAI.PowerShell", "configuration.json");

        public static bool Exists => File.Exists(Path);

        private static bool IsWindows => RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

        /// <summary>Applies the saved file, if any (called by ModuleInitializer at each import). Returns warnings to show; never throws.</summary>
        public static string[] Import()
        {
            string path = Path;
            if (!File.Exists(path)) return Array.Empty<string>();
            var warnings = new List<string>();
            try
            {
                using var document = JsonDocument.Parse(File.ReadAllText(path));
                Apply(document.RootElement, warnings);
            }
            catch (Exception ex) when (ex is JsonException || ex is IOException || ex is UnauthorizedAccessException || ex is GenAIException || ex is FormatException || ex is InvalidOperationException)
            {
                warnings.Add($"The saved GenAI configuration '{path}' was not applied: {ex.Message} Fix or remove it (Set-GenAIConfiguration -ClearPersisted).");
            }
            return warnings.ToArray();
        }

        /// <summary>
        /// Saves the settings made with Set-GenAIConfiguration. A raw key is saved only DPAPI-protected on Windows;
        /// elsewhere <paramref name="keyGivenNow"/> makes that a terminating error, otherwise the key is left out with a warning.
        /// </summary>
        internal static IList<string> Save(bool keyGivenNow)
        {
            var snapshot = ModuleConfiguration.Snapshot();
            var warnings = new List<string>();
            string? protectedKey = null;
            if (snapshot.ApiKey != null)
            {
                if (IsWindows) protectedKey = Protect(snapshot.ApiKey);
                else if (keyGivenNow) throw KeyNotPersistable();
                else warnings.Add("The API key set in this session was not saved: on Linux and macOS the module does not store a key without a vault. " + KeyNotPersistable().RecommendedAction);
            }
            if (snapshot.Proxy.Credential != null)
                warnings.Add("The proxy credential was not saved; pass -ProxyCredential again in each session (or put it in a vault).");

            string path = Path;
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            string temporary = path + ".tmp";
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            {
                writer.WriteStartObject();
                writer.WriteString("comment", "Written by Set-GenAIConfiguration -Persist. Holds no plain-text API key.");
                if (snapshot.BaseUri != null) writer.WriteString("baseUri", snapshot.BaseUri.AbsoluteUri);
                writer.WriteString("apiVersion", snapshot.ApiVersion);
                if (snapshot.DefaultModel != null) writer.WriteString("defaultModel", snapshot.DefaultModel);
                if (snapshot.Timeout.HasValue) writer.WriteNumber("timeoutSec", (int)snapshot.Timeout.Value.TotalSeconds);
                if (snapshot.MaxRetries.HasValue) writer.WriteNumber("maxRetries", snapshot.MaxRetries.Value);
                if (snapshot.Deadline.HasValue) writer.WriteNumber("totalTimeoutSec", (int)snapshot.Deadline.Value.TotalSeconds);
                if (snapshot.Transport != GenAI.Core.Transport.TransportKind.Rest) writer.WriteString("transport", snapshot.Transport.ToString());
                if (snapshot.GrpcUri != null) writer.WriteString("grpcUri", snapshot.GrpcUri.AbsoluteUri);
                if (snapshot.Proxy.Mode == ProxyMode.Explicit) writer.WriteString("proxy", snapshot.Proxy.Address!.AbsoluteUri);
                if (snapshot.Proxy.Mode == ProxyMode.Direct) writer.WriteBoolean("noProxy", true);
                if (snapshot.Secret != null)
                {
                    writer.WriteString("apiKeySecretName", snapshot.Secret.Name);
                    if (snapshot.Secret.Vault != null) writer.WriteString("vault", snapshot.Secret.Vault);
                }
                if (protectedKey != null) writer.WriteString("apiKeyDpapi", protectedKey);
                writer.WriteEndObject();
            }
            RestrictToOwner(temporary);
            if (File.Exists(path)) File.Delete(path);
            File.Move(temporary, path);
            return warnings;
        }

        /// <summary>Deletes the saved file; true when there was one.</summary>
        internal static bool Remove()
        {
            if (!File.Exists(Path)) return false;
            File.Delete(Path);
            return true;
        }

        internal static ConfigurationException KeyNotPersistable() => new ConfigurationException(PowerShellErrorCodes.ApiKeyNotPersisted,
            "The API key is not saved to a file on this system: without Windows' DPAPI there is no per-user protection, and a plain-text key on disk is what -Persist promises never to write.",
            "Keep the key in a SecretManagement vault and use Set-GenAIConfiguration -ApiKeySecretName <name> -Persist, or set GEMINI_API_KEY in your shell profile.");

        private static void Apply(JsonElement root, List<string> warnings)
        {
            Uri? baseUri = String(root, "baseUri") is string uri ? new Uri(uri, UriKind.Absolute) : null;
            int? timeout = Number(root, "timeoutSec");
            int? total = Number(root, "totalTimeoutSec");
            ModuleConfiguration.Update(null, baseUri, String(root, "apiVersion"), String(root, "defaultModel"),
                timeout.HasValue ? TimeSpan.FromSeconds(timeout.Value) : (TimeSpan?)null, Number(root, "maxRetries"),
                total.HasValue ? TimeSpan.FromSeconds(total.Value) : (TimeSpan?)null, clearApiKey: false, clearBaseUri: false);
            var transport = String(root, "transport") is string kind ? (GenAI.Core.Transport.TransportKind?)Enum.Parse(typeof(GenAI.Core.Transport.TransportKind), kind, ignoreCase: true) : null;
            Uri? grpcUri = String(root, "grpcUri") is string grpc ? new Uri(grpc, UriKind.Absolute) : null;
            if (transport.HasValue || grpcUri != null) ModuleConfiguration.UpdateTransport(transport, grpcUri, clearGrpcUri: false);
            if (String(root, "proxy") is string proxy) ModuleConfiguration.SetProxy(ProxySetting.Explicit(new Uri(proxy, UriKind.Absolute), null));
            else if (root.TryGetProperty("noProxy", out var noProxy) && noProxy.ValueKind == JsonValueKind.True) ModuleConfiguration.SetProxy(ProxySetting.Direct);

            if (String(root, "apiKeySecretName") is string secretName)
                ModuleConfiguration.UseApiKeySecret(new ApiKeySecret(secretName, String(root, "vault")));
            else if (String(root, "apiKeyDpapi") is string protectedKey)
            {
                if (IsWindows) ModuleConfiguration.Update(Unprotect(protectedKey), null, null, null, null, null, null, false, false);
                else warnings.Add("The saved configuration holds a Windows-protected API key, which cannot be read on this system; it was ignored.");
            }
        }

        private static string? String(JsonElement root, string name) =>
            root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString()!.Length > 0 ? value.GetString() : null;

        private static int? Number(JsonElement root, string name) =>
            root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int number) ? number : (int?)null;

        // DPAPI through PowerShell's own ConvertFrom/ConvertTo-SecureString (CurrentUser scope on Windows, both editions):
        // no extra dependency, and the same format a user's own scripts produce.
        private static string Protect(SecureString key)
        {
            using var powerShell = System.Management.Automation.PowerShell.Create(RunspaceMode.CurrentRunspace);
            powerShell.AddCommand("Microsoft.PowerShell.Security\\ConvertFrom-SecureString").AddParameter("SecureString", key);
            return powerShell.Invoke().Single().BaseObject.ToString()!;
        }

        private static SecureString Unprotect(string protectedKey)
        {
            using var powerShell = System.Management.Automation.PowerShell.Create(RunspaceMode.CurrentRunspace);
            powerShell.AddCommand("Microsoft.PowerShell.Security\\ConvertTo-SecureString").AddParameter("String", protectedKey);
            return (SecureString)powerShell.Invoke().Single().BaseObject;
        }

        // chmod 600 where the runtime has File.SetUnixFileMode (.NET 7+, so PowerShell 7.3+ off Windows); this assembly is
        // built for netstandard2.0, so it is found at run time. Windows keeps the profile folder's ACL.
        private static void RestrictToOwner(string path)
        {
            if (IsWindows) return;
            var modeType = typeof(File).Assembly.GetType("System.IO.UnixFileMode");
            var setMode = modeType == null ? null : typeof(File).GetMethod("SetUnixFileMode", new[] { typeof(string), modeType });
            const int userReadWrite = 0x100 | 0x80;
            setMode?.Invoke(null, new[] { path, Enum.ToObject(modeType!, userReadWrite) });
        }
    }
}
