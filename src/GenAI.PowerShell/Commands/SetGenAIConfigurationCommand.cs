using System;
using System.Management.Automation;
using System.Security;
using GenAI.Core.Errors;
using GenAI.Core.Transport;
using GenAI.PowerShell.Configuration;
using GenAI.PowerShell.Errors;
using GenAI.PowerShell.Transformations;

namespace GenAI.PowerShell.Commands
{
    /// <summary>Sets the API key, endpoint, proxy and call defaults for this PowerShell process, and optionally saves them.</summary>
    [Cmdlet(VerbsCommon.Set, "GenAIConfiguration", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(GenAIConfigurationInfo))]
    public sealed class SetGenAIConfigurationCommand : PSCmdlet
    {
        /// <summary>The API key, as a SecureString (a plain string is accepted and converted).</summary>
        [Parameter(Position = 0)]
        [SecureStringTransformation]
        public SecureString? ApiKey { get; set; }

        /// <summary>The name of a SecretManagement secret holding the API key (read with Get-Secret when first needed).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ApiKeySecretName { get; set; }

        /// <summary>The SecretManagement vault of -ApiKeySecretName; default: the default vault.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Vault { get; set; }

        /// <summary>The service endpoint. http:// is accepted only for this machine (a local emulator).</summary>
        [Parameter]
        public Uri? BaseUri { get; set; }

        /// <summary>The API version path segment (v1beta by default).</summary>
        [Parameter]
        [ValidateSet("v1beta", "v1", "v1alpha")]
        public string? ApiVersion { get; set; }

        /// <summary>The model used when a cmdlet gets no -Model.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(Completers.ModelCompleter))]
        public string? DefaultModel { get; set; }

        /// <summary>Default seconds to wait for one attempt of any call.</summary>
        [Parameter]
        [ValidateRange(1, 86400)]
        public int TimeoutSec { get; set; }

        /// <summary>Default number of retries for transient failures (429, 500, 502, 503, 504, connection failures, attempt timeouts).</summary>
        [Parameter]
        [Alias("MaxRetries")]
        [ValidateRange(0, 100)]
        public int? MaximumRetryCount { get; set; }

        /// <summary>Default seconds a whole call may take, retries and waits included; 0 removes the limit.</summary>
        [Parameter]
        [ValidateRange(0, 604800)]
        public int? TotalTimeoutSec { get; set; }

        /// <summary>
        /// The wire protocol: Rest (default) or Grpc. gRPC needs PowerShell 7+; on Windows PowerShell 5.1
        /// calls fall back to REST (with a warning here and a verbose message on each call).
        /// </summary>
        [Parameter]
        public TransportKind? Transport { get => (TransportKind?)_transport; set => _transport = value; }

        // Boxed (see ModuleInitializer): a GenAI.Core value type as a field of an exported type would make PowerShell load
        // GenAI.Core while it lists the module's types, before the module's resolver is hooked.
        private object? _transport;

        /// <summary>
        /// The gRPC endpoint when it differs from BaseUri's host and port (a local emulator serves gRPC on a
        /// port of its own). https:// uses TLS; http:// (h2c) only for this machine.
        /// </summary>
        [Parameter]
        public Uri? GrpcUri { get; set; }

        /// <summary>Forget the gRPC endpoint set here; it is derived from BaseUri again.</summary>
        [Parameter]
        public SwitchParameter ClearGrpcUri { get; set; }


        /// <summary>A proxy for every call, instead of the environment's (HTTPS_PROXY, NO_PROXY) or the system's.</summary>
        [Parameter]
        public Uri? Proxy { get; set; }

        /// <summary>The user name and password the proxy asks for.</summary>
        [Parameter]
        [Credential]
        public PSCredential? ProxyCredential { get; set; }

        /// <summary>Connect directly, ignoring proxy environment variables and system settings.</summary>
        [Parameter]
        public SwitchParameter NoProxy { get; set; }

        /// <summary>Forget -Proxy and -NoProxy; the environment's or the system's proxy applies again.</summary>
        [Parameter]
        public SwitchParameter ClearProxy { get; set; }

        /// <summary>Forget the key (or secret name) set here; the environment variables apply again.</summary>
        [Parameter]
        public SwitchParameter ClearApiKey { get; set; }

        /// <summary>Forget the endpoint set here; GOOGLE_GEMINI_BASE_URL or the public endpoint apply again.</summary>
        [Parameter]
        public SwitchParameter ClearBaseUri { get; set; }

        /// <summary>Save the resulting settings to the user's configuration file, loaded at every import. Never a plain-text key.</summary>
        [Parameter]
        public SwitchParameter Persist { get; set; }

        /// <summary>Delete the saved configuration file (the settings of this session stay).</summary>
        [Parameter]
        public SwitchParameter ClearPersisted { get; set; }

        /// <summary>Write the resulting configuration.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void EndProcessing()
        {
            CheckCombinations();
            if (!ShouldProcess("the GenAI configuration of this PowerShell process", "Set")) return;
            try
            {
                if (ApiKeySecretName != null)
                {
                    var secret = new ApiKeySecret(ApiKeySecretName, Vault);
                    secret.Read();   // now, so a wrong name fails here rather than at the first call
                    ModuleConfiguration.UseApiKeySecret(secret);
                }
                ModuleConfiguration.Update(ApiKey, BaseUri, ApiVersion, DefaultModel,
                    TimeoutSec > 0 ? TimeSpan.FromSeconds(TimeoutSec) : (TimeSpan?)null,
                    MaximumRetryCount, TotalTimeoutSec.HasValue ? TimeSpan.FromSeconds(TotalTimeoutSec.Value) : (TimeSpan?)null,
                    ClearApiKey, ClearBaseUri);
                ModuleConfiguration.UpdateTransport(Transport, GrpcUri, ClearGrpcUri);
                if (ClearProxy) ModuleConfiguration.SetProxy(ProxySetting.Environment);
                if (NoProxy) ModuleConfiguration.SetProxy(ProxySetting.Direct);
                if (Proxy != null) ModuleConfiguration.SetProxy(ProxySetting.Explicit(Proxy, ProxyCredential?.GetNetworkCredential()));

                if (ClearPersisted && ShouldProcess(ConfigurationFile.Path, "Remove the saved GenAI configuration"))
                    ConfigurationFile.Remove();
                if (Persist && ShouldProcess(ConfigurationFile.Path, "Save the GenAI configuration"))
                    foreach (string warning in ConfigurationFile.Save(keyGivenNow: ApiKey != null)) WriteWarning(warning);
            }
            catch (GenAIException ex)
            {
                ThrowTerminatingError(ErrorRecordFactory.Create(ex, (object?)BaseUri ?? (object?)GrpcUri ?? (object?)ApiKeySecretName ?? (Proxy == null ? null : ProxySetting.WithoutUserInfo(Proxy))));
            }
            if (Transport == TransportKind.Grpc && !TransportFactory.IsGrpcAvailable(out string? reason)) WriteWarning(reason);
            if (PassThru) WriteObject(ModuleConfiguration.Describe());
        }

        private void CheckCombinations()
        {
            void Conflict(string first, string second) => ThrowTerminatingError(ErrorRecordFactory.Create(PowerShellErrorCodes.ConflictingParameters,
                $"{first} and {second} cannot be used together.", null, $"Use either {first} or {second}."));

            if (ApiKey != null && ApiKeySecretName != null) Conflict("-ApiKey", "-ApiKeySecretName");
            if (ClearApiKey && (ApiKey != null || ApiKeySecretName != null)) Conflict("-ClearApiKey", ApiKey != null ? "-ApiKey" : "-ApiKeySecretName");
            if (Vault != null && ApiKeySecretName == null)
                ThrowTerminatingError(ErrorRecordFactory.Create(PowerShellErrorCodes.VaultWithoutSecretName,
                    "-Vault names the vault of -ApiKeySecretName, which was not given.", Vault, "Add -ApiKeySecretName <name>."));
            if (Proxy != null && NoProxy) Conflict("-Proxy", "-NoProxy");
            if (ClearProxy && (Proxy != null || NoProxy)) Conflict("-ClearProxy", Proxy != null ? "-Proxy" : "-NoProxy");
            if (ProxyCredential != null && Proxy == null)
                ThrowTerminatingError(ErrorRecordFactory.Create(PowerShellErrorCodes.ProxyCredentialWithoutProxy,
                    "-ProxyCredential is for the proxy given with -Proxy, which was not given.", null, "Add -Proxy <uri>; credentials for a proxy from HTTPS_PROXY go in its URL."));
            if (Persist && ClearPersisted) Conflict("-Persist", "-ClearPersisted");
        }
    }
}
