using System;
using System.Management.Automation;
using System.Security;
using GenAI.Core.Errors;
using GenAI.Core.Transport;
using GenAI.PowerShell.Configuration;
using GenAI.PowerShell.Errors;

namespace GenAI.PowerShell.Commands
{
    /// <summary>Sets the API key, endpoint and call defaults for this PowerShell process.</summary>
    [Cmdlet(VerbsCommon.Set, "GenAIConfiguration", SupportsShouldProcess = false)]
    [OutputType(typeof(GenAIConfigurationInfo))]
    public sealed class SetGenAIConfigurationCommand : PSCmdlet
    {
        /// <summary>The API key, as a SecureString (a plain string is accepted and converted).</summary>
        [Parameter(Position = 0)]
        [SecureStringTransformation]
        public SecureString? ApiKey { get; set; }

        /// <summary>The service endpoint. http:// is accepted only for this machine (a local emulator).</summary>
        [Parameter]
        public Uri? BaseUri { get; set; }

        /// <summary>The API version path segment (v1beta by default).</summary>
        [Parameter]
        [ValidateSet("v1beta", "v1", "v1alpha")]
        public string? ApiVersion { get; set; }

        /// <summary>The model used when a cmdlet gets no -Model.</summary>
        [Parameter]
        public string? DefaultModel { get; set; }

        /// <summary>Default seconds to wait for one attempt of any call.</summary>
        [Parameter]
        [ValidateRange(1, 86400)]
        public int TimeoutSec { get; set; }

        /// <summary>Default number of retries for transient failures (429, 500, 503, 504).</summary>
        [Parameter]
        [ValidateRange(0, 20)]
        public int MaxRetries { get; set; } = -1;

        /// <summary>
        /// The wire protocol: Rest (default) or Grpc. gRPC needs PowerShell 7+; on Windows PowerShell 5.1
        /// calls fall back to REST (with a warning here and a verbose message on each call).
        /// </summary>
        [Parameter]
        public TransportKind? Transport { get; set; }

        /// <summary>
        /// The gRPC endpoint when it differs from BaseUri's host and port (a local emulator serves gRPC on a
        /// port of its own). https:// uses TLS; http:// (h2c) only for this machine.
        /// </summary>
        [Parameter]
        public Uri? GrpcUri { get; set; }

        /// <summary>Forget the gRPC endpoint set here; it is derived from BaseUri again.</summary>
        [Parameter]
        public SwitchParameter ClearGrpcUri { get; set; }

        /// <summary>Forget the key set here; the environment variables apply again.</summary>
        [Parameter]
        public SwitchParameter ClearApiKey { get; set; }

        /// <summary>Forget the endpoint set here; GOOGLE_GEMINI_BASE_URL or the public endpoint apply again.</summary>
        [Parameter]
        public SwitchParameter ClearBaseUri { get; set; }

        /// <summary>Write the resulting configuration.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void EndProcessing()
        {
            try
            {
                ModuleConfiguration.Update(ApiKey, BaseUri, ApiVersion, DefaultModel,
                    TimeoutSec > 0 ? TimeSpan.FromSeconds(TimeoutSec) : (TimeSpan?)null,
                    MaxRetries >= 0 ? MaxRetries : (int?)null, ClearApiKey, ClearBaseUri);
                ModuleConfiguration.UpdateTransport(Transport, GrpcUri, ClearGrpcUri);
            }
            catch (GenAIException ex)
            {
                ThrowTerminatingError(ErrorRecordFactory.Create(ex, (object?)BaseUri ?? GrpcUri));
            }
            if (Transport == TransportKind.Grpc && !TransportFactory.IsGrpcAvailable(out string? reason)) WriteWarning(reason);
            if (PassThru) WriteObject(ModuleConfiguration.Describe());
        }
    }
}
