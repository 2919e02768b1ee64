using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using GenAI.Core.Embeddings;
using GenAI.Core.Errors;
using GenAI.Core.Transport;

namespace GenAI.Transport.Grpc.Tests.Parity
{
    /// <summary>embedContent and batchEmbedContents behave the same over REST and gRPC.</summary>
    public sealed class EmbeddingParityTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorFixture _emulator;

        public EmbeddingParityTests(EmulatorFixture emulator) { _emulator = emulator; }

        public static TheoryData<TransportKind> Transports => new TheoryData<TransportKind> { TransportKind.Rest, TransportKind.Grpc };

        [Fact]
        public async Task Batch_SameVectors_OverBothTransports()
        {
            using var rest = _emulator.Client(TransportKind.Rest);
            using var grpc = _emulator.Client(TransportKind.Grpc);
            var settings = new EmbeddingSettings { TaskType = "RETRIEVAL_DOCUMENT", Title = "Notes", OutputDimensionality = 512 };
            var texts = new[] { "first note", "second note", "third note" };

            var viaRest = await rest.Embeddings.EmbedAsync("gemini-embedding-001", texts, settings);
            var viaGrpc = await grpc.Embeddings.EmbedAsync("gemini-embedding-001", texts, settings);

            Assert.Equal(3, viaGrpc.Count);
            for (int i = 0; i < texts.Length; i++)
            {
                Assert.Equal(512, viaGrpc[i].Length);
                Assert.Equal(viaRest[i], viaGrpc[i]);
            }
        }

        [Theory]
        [MemberData(nameof(Transports))]
        public async Task EmbedContent_FullSizeVector(TransportKind transport)
        {
            using var client = _emulator.Client(transport);
            var response = await client.Embeddings.EmbedContentAsync("gemini-embedding-001", new EmbeddingSettings { TaskType = "CLUSTERING" }.BuildRequest("gemini-embedding-001", "x y z"));
            Assert.Equal(3072, response.Embedding!.Values.Length);
        }

        [Theory]
        [MemberData(nameof(Transports))]
        public async Task TooManyRequests_IsTheServicesInvalidArgument(TransportKind transport)
        {
            using var client = _emulator.Client(transport);
            var settings = new EmbeddingSettings();
            var request = new C.BatchEmbedContentsRequest();
            request.Requests.AddRange(Enumerable.Range(0, 101).Select(i => settings.BuildRequest("gemini-embedding-001", "item " + i)));

            var error = await Assert.ThrowsAsync<ApiException>(() => client.Embeddings.BatchEmbedContentsAsync("gemini-embedding-001", request));
            Assert.Equal("InvalidArgument", error.ErrorCode);
            Assert.Contains("at most 100 requests can be in one batch", error.ServiceMessage);
        }

        [Theory]
        [MemberData(nameof(Transports))]
        public async Task TransientFailures_AreRetried(TransportKind transport)
        {
            using var client = _emulator.Client(transport);
            client.Options.Retry.InitialDelay = TimeSpan.FromMilliseconds(20);
            string model = $"fault-503x2-{transport.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}".Substring(0, 25);
            var log = new List<string>();
            var options = new RequestOptions { Log = (level, message) => { lock (log) log.Add(message); } };

            var vectors = await client.Embeddings.EmbedAsync(model, new[] { "retry me" }, options: options);

            Assert.Single(vectors);
            Assert.Equal(2, log.Count(l => l.Contains("Retry") && l.Contains("503 UNAVAILABLE")));
        }
    }
}
