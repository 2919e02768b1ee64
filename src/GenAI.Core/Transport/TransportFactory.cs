using System;
using System.Reflection;

namespace GenAI.Core.Transport
{
    /// <summary>The transport a factory built, and why it is not the one asked for (if so).</summary>
    public sealed class TransportSelection
    {
        public TransportSelection(ITransport transport, TransportKind kind, string? fallbackReason = null)
        {
            Transport = transport ?? throw new ArgumentNullException(nameof(transport));
            Kind = kind;
            FallbackReason = fallbackReason;
        }

        public ITransport Transport { get; }

        /// <summary>The protocol actually in use.</summary>
        public TransportKind Kind { get; }

        /// <summary>Set when gRPC was asked for but REST is used; a sentence for the user.</summary>
        public string? FallbackReason { get; }
    }

    /// <summary>
    /// Builds the transport named by <see cref="GenAIClientOptions.Transport"/>. The core never references
    /// gRPC (it also targets netstandard2.0): the gRPC transport is loaded by name from
    /// <c>GenAI.Transport.Grpc.dll</c> next to the core, and must have a public constructor taking
    /// <see cref="GenAIClientOptions"/>. When it cannot be loaded (Windows PowerShell 5.1, where it is
    /// not shipped, or a missing file) REST is used and <see cref="TransportSelection.FallbackReason"/> says why.
    /// </summary>
    public static class TransportFactory
    {
        public const string GrpcTransportTypeName = "GenAI.Transport.Grpc.GrpcTransport, GenAI.Transport.Grpc";

        /// <param name="options">Which transport, endpoint, key and proxy.</param>
        /// <param name="httpClient">For REST: the HTTP client to send with (the caller keeps owning it), so that REST calls
        /// and uploads share one connection pool; null: the transport makes and owns its own.</param>
        public static TransportSelection Create(GenAIClientOptions options, System.Net.Http.HttpClient? httpClient = null)
        {
            if (options == null) throw new ArgumentNullException(nameof(options));
            if (options.Transport != TransportKind.Grpc) return new TransportSelection(new RestTransport(options, httpClient), TransportKind.Rest);

            string? reason = TryCreateGrpc(options, out ITransport? grpc);
            return grpc != null
                ? new TransportSelection(grpc, TransportKind.Grpc)
                : new TransportSelection(new RestTransport(options, httpClient), TransportKind.Rest, reason);
        }

        /// <summary>Whether gRPC can be used in this process, without creating a transport; <paramref name="reason"/> says why not.</summary>
        public static bool IsGrpcAvailable(out string? reason)
        {
#if !NET8_0_OR_GREATER
            reason = UnsupportedRuntimeReason;
            return false;
#else
            Type? type = LoadGrpcType();
            reason = type != null && typeof(ITransport).IsAssignableFrom(type) ? null : MissingAssemblyReason;
            return reason == null;
#endif
        }

#if !NET8_0_OR_GREATER
        private static string UnsupportedRuntimeReason =>
            $"The gRPC transport needs .NET 8 or later (PowerShell 7+); this is {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}. Using REST.";
#else
        private const string MissingAssemblyReason = "The gRPC transport (GenAI.Transport.Grpc.dll) is not installed next to GenAI.Core.dll. Using REST.";
#endif

        private static string? TryCreateGrpc(GenAIClientOptions options, out ITransport? transport)
        {
            transport = null;
#if !NET8_0_OR_GREATER
            return UnsupportedRuntimeReason;
#else
            Type? type = LoadGrpcType();
            if (type == null || !typeof(ITransport).IsAssignableFrom(type))
                return MissingAssemblyReason;
            try
            {
                transport = (ITransport)Activator.CreateInstance(type, options)!;
                return null;
            }
            catch (TargetInvocationException ex) when (ex.InnerException is Errors.GenAIException genai)
            {
                // A bad endpoint is the user's to fix, not a reason to fall back silently.
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(genai).Throw();
                throw;
            }
            catch (Exception ex) when (ex is TargetInvocationException || ex is MissingMethodException || ex is System.IO.FileNotFoundException || ex is TypeLoadException)
            {
                var cause = ex is TargetInvocationException && ex.InnerException != null ? ex.InnerException : ex;
                return $"The gRPC transport could not be loaded ({cause.GetType().Name}: {cause.Message}). Using REST.";
            }
#endif
        }

#if NET8_0_OR_GREATER
        // By name first (deps.json, the host's probing: pwsh resolves from the module's folder), then from the core's folder.
        private static Type? LoadGrpcType()
        {
            try
            {
                var type = Type.GetType(GrpcTransportTypeName, throwOnError: false);
                if (type != null) return type;
                string? folder = System.IO.Path.GetDirectoryName(typeof(TransportFactory).Assembly.Location);
                if (string.IsNullOrEmpty(folder)) return null;
                string path = System.IO.Path.Combine(folder, "GenAI.Transport.Grpc.dll");
                if (!System.IO.File.Exists(path)) return null;
                return Assembly.LoadFrom(path).GetType("GenAI.Transport.Grpc.GrpcTransport", throwOnError: false);
            }
            catch (Exception ex) when (ex is System.IO.IOException || ex is BadImageFormatException || ex is TypeLoadException)
            {
                return null;
            }
        }
#endif
    }
}
