using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using GenAI.Core.Embeddings;
using GenAI.Core.Errors;
using GenAI.Core.Models;
using GenAI.Core.Protocol;
using GenAI.Core.Tests.TestSupport;

namespace GenAI.Core.Tests.Embeddings
{
    /// <summary>embedContent and batchEmbedContents against the in-process emulator.</summary>
    public class EmbeddingsClientTests : IClassFixture<InProcessEmulator>
    {
        private readonly InProcessEmulator _emu;

        public EmbeddingsClientTests(InProcessEmulator emulator) { _emu = emulator; }

        private Emulator.RecordedRequest LastRequest(string verb) =>
            _emu.Host.Requests.Where(r => r.Path.EndsWith(":" + verb, StringComparison.Ordinal)).OrderBy(r => r.Sequence).Last();

        [Fact]
        public async Task EmbedAsync_sends_one_batch_call_and_returns_the_vectors_in_order()
        {
            var texts = new[] { "alpha beta", "gamma delta", "alpha beta" };
            var settings = new EmbeddingSettings { TaskType = "SemanticSimilarity", OutputDimensionality = 256 };

            var vectors = await _emu.Client.Embeddings.EmbedAsync("gemini-embedding-001", texts, settings);

            Assert.Equal(3, vectors.Count);
            Assert.All(vectors, v => Assert.Equal(256, v.Length));
            Assert.Equal(vectors[0], vectors[2]);
            Assert.NotEqual(vectors[0], vectors[1]);
            var request = LastRequest("batchEmbedContents");
            Assert.Equal("/v1beta/models/gemini-embedding-001:batchEmbedContents", request.Path);
            using var body = JsonDocument.Parse(request.Body);
            var requests = body.RootElement.GetProperty("requests");
            Assert.Equal(3, requests.GetArrayLength());
            foreach (var item in requests.EnumerateArray())
            {
                Assert.Equal("models/gemini-embedding-001", item.GetProperty("model").GetString());
                Assert.Equal("SEMANTIC_SIMILARITY", item.GetProperty("taskType").GetString());
                Assert.Equal(256, item.GetProperty("outputDimensionality").GetInt32());
                Assert.False(item.TryGetProperty("title", out _));
            }
            Assert.Equal("gamma delta", requests[1].GetProperty("content").GetProperty("parts")[0].GetProperty("text").GetString());
        }

        [Fact]
        public async Task EmbedAsync_refuses_more_than_one_hundred_texts_before_sending()
        {
            int before = _emu.Host.Requests.Count;
            await Assert.ThrowsAsync<ArgumentException>(() =>
                _emu.Client.Embeddings.EmbedAsync("gemini-embedding-001", Enumerable.Range(0, 101).Select(i => "t" + i).ToArray()));
            Assert.Equal(before, _emu.Host.Requests.Count);
        }

        [Fact]
        public async Task EmbedContent_returns_the_full_size_vector()
        {
            var request = new EmbeddingSettings().BuildRequest("gemini-embedding-001", "hello");
            var response = await _emu.Client.Embeddings.EmbedContentAsync("gemini-embedding-001", request);

            Assert.Equal(3072, response.Embedding!.Values.Length);
            Assert.Equal(1.0, EmbeddingVector.Length(response.Embedding.Values), 3);
        }

        [Fact]
        public async Task A_service_error_is_an_ApiException_with_the_service_message()
        {
            var error = await Assert.ThrowsAsync<ApiException>(() =>
                _emu.Client.Embeddings.EmbedAsync("gemini-2.5-flash", new[] { "x" }));
            Assert.Equal("ModelNotFound", error.ErrorCode);
        }

        [Fact]
        public async Task CountTokens_for_an_embedding_model_sends_the_contents_alone()
        {
            var count = await _emu.Client.Models.CountTokensAsync(new GenerativeModel("gemini-embedding-001"), new[] { Content.FromText("count these words") });

            Assert.True(count.TotalTokens > 0);
            using var body = JsonDocument.Parse(LastRequest("countTokens").Body);
            Assert.True(body.RootElement.TryGetProperty("contents", out _));
            Assert.False(body.RootElement.TryGetProperty("generateContentRequest", out _));
        }

        [Fact]
        public async Task CountTokens_for_an_embedding_model_refuses_a_system_instruction()
        {
            var model = new GenerativeModel("gemini-embedding-001") { SystemInstruction = Content.FromText("Be brief.", null) };
            var error = await Assert.ThrowsAsync<InvalidInputException>(() => _emu.Client.Models.CountTokensAsync(model, new[] { Content.FromText("x") }));
            Assert.Equal("EmbeddingModelSettings", error.ErrorCode);
        }
    }
}
