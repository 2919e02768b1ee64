namespace GenAI.Core.Transport
{
    /// <summary>The wire protocol a <see cref="GenAIClient"/> speaks.</summary>
    public enum TransportKind
    {
        /// <summary>REST + SSE over HTTPS (the default; works on every edition).</summary>
        Rest = 0,

        /// <summary>gRPC over HTTP/2 (GenAI.Transport.Grpc; .NET 8+ only, so PowerShell 7+).</summary>
        Grpc = 1,
    }
}
