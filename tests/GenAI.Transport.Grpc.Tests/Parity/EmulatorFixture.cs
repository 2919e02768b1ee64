using System;
using System.Threading.Tasks;
using GenAI.Core;
using GenAI.Core.Transport;
using GenAI.Emulator;

namespace GenAI.Transport.Grpc.Tests.Parity
{
    /// <summary>One emulator (REST + gRPC endpoints over one engine) shared by the parity tests.</summary>
    public sealed class EmulatorFixture : IAsyncLifetime
    {
        public const string Key = "parity-key-7f3a9c";

        public EmulatorHost Host { get; private set; }

        public async Task InitializeAsync() =>
            Host = await EmulatorHost.StartAsync(new EmulatorOptions { ApiKey = Key, GateTimeout = TimeSpan.FromSeconds(20), FileProcessingDelay = TimeSpan.Zero });

        public async Task DisposeAsync() => await Host.DisposeAsync();

        public GenAIClient Client(TransportKind transport, string key = Key)
        {
            var client = new GenAIClient(new GenAIClientOptions { ApiKey = key, BaseUri = Host.BaseUri, GrpcUri = Host.GrpcUri, Transport = transport });
            Assert.Equal(transport, client.TransportKind);   // gRPC really is in use, not a silent REST fallback
            Assert.Null(client.TransportFallbackReason);
            return client;
        }
    }
}
