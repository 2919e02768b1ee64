using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using GenAI.Core.Batches;
using GenAI.Core.Embeddings;
using GenAI.Core.Protocol;
using GenAI.Core.Tests.TestSupport;

namespace GenAI.Core.Tests.Batches
{
    /// <summary>Embeddings through the Batch API (asyncBatchEmbedContent) against the in-process emulator.</summary>
    public class EmbeddingBatchTests : IClassFixture<InProcessEmulator>
    {
        private readonly InProcessEmulator _emu;

        public EmbeddingBatchTests(InProcessEmulator emulator) { _emu = emulator; }

        private static string WriteInput(IEnumerable<string> texts, EmbeddingSettings settings)
        {
            string path = Path.Combine(Path.GetTempPath(), "genai-embed-batch-" + Guid.NewGuid().ToString("n") + ".jsonl");
            using var writer = new BatchInputWriter(path);
            foreach (string text in texts) writer.Add(null, settings.BuildRequest("gemini-embedding-001", text), GenAIJsonContext.Default.EmbedContentRequest);
            return path;
        }

        private async Task<List<BatchResult>> RunAsync(string[] texts, EmbeddingSettings settings, BatchInputMode mode)
        {
            string input = WriteInput(texts, settings);
            try
            {
                var batches = _emu.Client.Batches;
                batches.Delay = (wait, token) => Task.Delay(TimeSpan.FromMilliseconds(20), token);
                var created = await batches.CreateAsync("gemini-embedding-001", input, "embed " + mode, mode, BatchMethod.EmbedContent);
                var done = await batches.WaitAsync(created.Name!, TimeSpan.FromSeconds(30));
                Assert.Equal(BatchStates.Succeeded, done.State);
                Assert.True(done.IsEmbedding, "the batch's metadata is an EmbedContentBatch");
                var results = new List<BatchResult>();
                await foreach (var result in batches.ReadResultsAsync(done)) results.Add(result);
                return results;
            }
            finally
            {
                File.Delete(input);
            }
        }

        [Theory]
        [InlineData(BatchInputMode.Inline)]
        [InlineData(BatchInputMode.File)]
        public async Task An_embeddings_batch_gives_one_vector_per_input_in_input_order(BatchInputMode mode)
        {
            var texts = Enumerable.Range(1, 12).Select(i => $"text number {i}").ToArray();
            var settings = new EmbeddingSettings { TaskType = "SemanticSimilarity", OutputDimensionality = 64 };
            var direct = await _emu.Client.Embeddings.EmbedAsync("gemini-embedding-001", texts, settings);

            var results = await RunAsync(texts, settings, mode);

            Assert.Equal(texts.Length, results.Count);
            Assert.All(results, r => Assert.True(r.Succeeded && r.IsEmbedding && r.Response == null));
            Assert.Equal(Enumerable.Range(0, texts.Length), results.Select(r => r.Index));
            Assert.Equal(Enumerable.Range(1, texts.Length).Select(i => i.ToString()), results.Select(r => r.Key));
            for (int i = 0; i < texts.Length; i++)
                Assert.Equal(direct[i], results[i].Embedding!.Embedding!.Values);   // the vector of that very input
        }

        [Fact]
        public async Task The_create_call_is_asyncBatchEmbedContent_with_each_request_carrying_the_settings()
        {
            await RunAsync(new[] { "one", "two" }, new EmbeddingSettings { Title = "Handbook", OutputDimensionality = 8 }, BatchInputMode.Inline);

            var create = _emu.Host.Requests.Where(r => r.Path.EndsWith(":asyncBatchEmbedContent", StringComparison.Ordinal)).OrderBy(r => r.Sequence).Last();
            Assert.Equal("/v1beta/models/gemini-embedding-001:asyncBatchEmbedContent", create.Path);
            using var body = JsonDocument.Parse(create.Body);
            var requests = body.RootElement.GetProperty("batch").GetProperty("inputConfig").GetProperty("requests").GetProperty("requests");
            Assert.Equal(2, requests.GetArrayLength());
            var second = requests[1];
            Assert.Equal("2", second.GetProperty("metadata").GetProperty("key").GetString());
            Assert.Equal("two", second.GetProperty("request").GetProperty("content").GetProperty("parts")[0].GetProperty("text").GetString());
            Assert.Equal("RETRIEVAL_DOCUMENT", second.GetProperty("request").GetProperty("taskType").GetString());
            Assert.Equal(8, second.GetProperty("request").GetProperty("outputDimensionality").GetInt32());
        }

        [Fact]
        public async Task A_generative_model_is_refused_for_an_embeddings_batch()
        {
            string input = WriteInput(new[] { "x" }, new EmbeddingSettings());
            try
            {
                var error = await Assert.ThrowsAnyAsync<GenAI.Core.Errors.GenAIException>(() =>
                    _emu.Client.Batches.CreateAsync("gemini-2.5-flash", input, "wrong model", BatchInputMode.Inline, BatchMethod.EmbedContent));
                Assert.Equal("ModelNotFound", error.ErrorCode);
                Assert.Contains("asyncBatchEmbedContent", error.Message);
            }
            finally
            {
                File.Delete(input);
            }
        }
    }
}
