using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using GenAI.Core;
using GenAI.Core.Chats;
using GenAI.Core.Errors;
using GenAI.Core.Models;
using GenAI.Core.Transport;
using GenAI.Emulator.Engine.Files;

namespace GenAI.Transport.Grpc.Tests.Parity
{
    /// <summary>
    /// The transport-independent suite: every test runs once over REST and once over gRPC against the same
    /// emulator engine, and asserts the same observable behaviour (values, ErrorCodes, statuses).
    /// </summary>
    public sealed class TransportParityTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorFixture _emulator;

        public TransportParityTests(EmulatorFixture emulator) { _emulator = emulator; }

        public static TheoryData<TransportKind> Transports => new TheoryData<TransportKind> { TransportKind.Rest, TransportKind.Grpc };

        private static IReadOnlyList<C.Content> Prompt(string text) => new[] { C.Content.FromText(text) };

        private static string Tag(string prefix, TransportKind transport) => $"{prefix}-{transport.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}".Substring(0, prefix.Length + 14);

        [Theory]
        [MemberData(nameof(Transports))]
        public async Task Generate_ReturnsTheModelsReply(TransportKind transport)
        {
            using var client = _emulator.Client(transport);
            var reply = await client.Models.GenerateContentAsync(new GenerativeModel("gemini-2.0-flash"), Prompt("Say hello"));

            Assert.False(string.IsNullOrEmpty(reply.Text));
            Assert.Equal("STOP", reply.FinishReason);
            Assert.Equal("model", reply.Candidates[0].Content.Role);
            Assert.True(reply.UsageMetadata.TotalTokenCount > 0);
            Assert.Equal("gemini-2.0-flash-001", reply.ModelVersion);
        }

        [Fact]
        public async Task Generate_SameRequest_SameResponse_OverBothTransports()
        {
            using var rest = _emulator.Client(TransportKind.Rest);
            using var grpc = _emulator.Client(TransportKind.Grpc);
            var model = new GenerativeModel("gemini-2.0-flash")
            {
                GenerationConfig = new C.GenerationConfig { Temperature = 0.5, MaxOutputTokens = 100 },
                SystemInstruction = C.Content.FromText("Answer briefly.", role: null),
            };

            var viaRest = await rest.Models.GenerateContentAsync(model, Prompt("What is 2+2?"));
            var viaGrpc = await grpc.Models.GenerateContentAsync(model, Prompt("What is 2+2?"));

            Assert.Equal(viaRest.Text, viaGrpc.Text);
            Assert.Equal(Normalize(viaRest), Normalize(viaGrpc));
        }

        // responseId differs per call; everything else must be identical JSON.
        private static string Normalize(C.GenerateContentResponse response)
        {
            response.ResponseId = null;
            return JsonSerializer.Serialize(response, C.GenAIJsonContext.Default.GenerateContentResponse);
        }

        [Theory]
        [MemberData(nameof(Transports))]
        public async Task Stream_YieldsAllChunks_ThatAddUpToTheReply(TransportKind transport)
        {
            using var client = _emulator.Client(transport);
            var chunks = new List<C.GenerateContentResponse>();
            await foreach (var chunk in client.Models.StreamGenerateContentAsync(new GenerativeModel("stream-5"), Prompt("count")))
                chunks.Add(chunk);

            Assert.Equal(5, chunks.Count);
            Assert.Equal("STOP", chunks[^1].FinishReason);
            Assert.All(chunks.Take(4), c => Assert.Null(c.FinishReason));
            Assert.False(string.IsNullOrEmpty(string.Concat(chunks.Select(c => c.TextOrEmpty))));
        }

        [Theory]
        [MemberData(nameof(Transports))]
        public async Task Stream_FirstChunkArrivesWhileTheServerHoldsTheLast(TransportKind transport)
        {
            using var client = _emulator.Client(transport);
            string model = Tag("gated", transport);
            await using var chunks = client.Models.StreamGenerateContentAsync(new GenerativeModel(model), Prompt("Tell me a story in several sentences.")).GetAsyncEnumerator();

            var first = chunks.MoveNextAsync().AsTask();
            Assert.Same(first, await Task.WhenAny(first, Task.Delay(TimeSpan.FromSeconds(10))));   // the gate holds the last chunk for 20 s
            Assert.True(await first);
            Assert.Null(chunks.Current.FinishReason);

            _emulator.Host.ReleaseGate(model);
            C.GenerateContentResponse last = null;
            while (await chunks.MoveNextAsync()) last = chunks.Current;
            Assert.Equal("STOP", last.FinishReason);
        }

        [Theory]
        [MemberData(nameof(Transports))]
        public async Task CountTokens_CountsTheWholeRequest(TransportKind transport)
        {
            using var client = _emulator.Client(transport);
            var model = new GenerativeModel("gemini-2.0-flash");
            var small = await client.Models.CountTokensAsync(model, Prompt("one two three"));
            model.SystemInstruction = C.Content.FromText("You are a very helpful assistant with many words of instruction.", role: null);
            var larger = await client.Models.CountTokensAsync(model, Prompt("one two three"));

            Assert.True(small.TotalTokens > 0);
            Assert.True(larger.TotalTokens > small.TotalTokens);
            var text = Assert.Single(larger.PromptTokensDetails);
            Assert.Equal(("TEXT", larger.TotalTokens), (text.Modality, text.TokenCount));
        }

        [Theory]
        [MemberData(nameof(Transports))]
        public async Task Generate_UsageDetailsAreTyped(TransportKind transport)
        {
            using var client = _emulator.Client(transport);
            var reply = await client.Models.GenerateContentAsync(new GenerativeModel("gemini-2.0-flash"), Prompt("one two three"));
            var prompt = Assert.Single(reply.UsageMetadata.PromptTokensDetails);
            Assert.Equal(("TEXT", reply.UsageMetadata.PromptTokenCount), (prompt.Modality, prompt.TokenCount));
            Assert.Null(reply.UsageMetadata.AdditionalProperties);
        }

        [Fact]
        public async Task CountTokens_SameCountOverBothTransports()
        {
            using var rest = _emulator.Client(TransportKind.Rest);
            using var grpc = _emulator.Client(TransportKind.Grpc);
            var model = new GenerativeModel("gemini-2.0-flash");
            Assert.Equal((await rest.Models.CountTokensAsync(model, Prompt("The quick brown fox"))).TotalTokens,
                (await grpc.Models.CountTokensAsync(model, Prompt("The quick brown fox"))).TotalTokens);
        }

        [Theory]
        [MemberData(nameof(Transports))]
        public async Task Models_ListAllPages_AndGetOne(TransportKind transport)
        {
            using var client = _emulator.Client(transport);
            var all = new List<C.Model>();
            await foreach (var model in client.Models.ListAsync(pageSize: 2)) all.Add(model);
            var flash = await client.Models.GetAsync("gemini-2.0-flash");

            Assert.Contains(all, m => m.Name == "models/gemini-2.0-flash");
            Assert.True(all.Count > 2);
            Assert.Equal("models/gemini-2.0-flash", flash.Name);
            Assert.Equal("Gemini 2.0 Flash", flash.DisplayName);
            Assert.Equal(1.0, flash.Temperature);
            Assert.Equal(0.95, flash.TopP);
            Assert.Equal(40, flash.TopK);
            Assert.Contains("generateContent", flash.SupportedGenerationMethods);
        }

        [Fact]
        public async Task Models_SameCatalogOverBothTransports()
        {
            using var rest = _emulator.Client(TransportKind.Rest);
            using var grpc = _emulator.Client(TransportKind.Grpc);
            var viaRest = await rest.Transport.ListModelsAsync(1000, null, RequestOptions.Default, CancellationToken.None);
            var viaGrpc = await grpc.Transport.ListModelsAsync(1000, null, RequestOptions.Default, CancellationToken.None);

            // proto3 cannot tell "" from absent; the real REST service omits both (the emulator writes "description": "").
            static string Canonical(C.Model m)
            {
                var node = System.Text.Json.Nodes.JsonNode.Parse(JsonSerializer.Serialize(m, C.GenAIJsonContext.Default.Model)).AsObject();
                foreach (var empty in node.Where(p => p.Value is System.Text.Json.Nodes.JsonValue v && v.TryGetValue(out string text) && text.Length == 0).Select(p => p.Key).ToList())
                    node.Remove(empty);
                return node.ToJsonString();
            }
            var restJson = viaRest.Models.Select(Canonical).ToList();
            var grpcJson = viaGrpc.Models.Select(Canonical).ToList();
            Assert.Equal(restJson.Count, grpcJson.Count);
            for (int i = 0; i < restJson.Count; i++) Assert.Equal(restJson[i], grpcJson[i]);
        }

        [Theory]
        [MemberData(nameof(Transports))]
        public async Task Chat_KeepsHistoryAcrossTurns(TransportKind transport)
        {
            using var client = _emulator.Client(transport);
            var chat = new ChatSession(new GenerativeModel("gemini-2.0-flash"));
            var first = await chat.SendAsync(client.Models, C.Content.FromText("My name is Ada."));
            var second = await chat.SendAsync(client.Models, C.Content.FromText("What is my name?"));

            Assert.False(string.IsNullOrEmpty(first.Text));
            Assert.False(string.IsNullOrEmpty(second.Text));
            Assert.Equal(4, chat.History.Count);
            Assert.Equal(new[] { "user", "model", "user", "model" }, chat.History.Select(c => c.Role));
        }

        [Theory]
        [MemberData(nameof(Transports))]
        public async Task CachedContents_CreateGetListUpdateDelete(TransportKind transport)
        {
            using var client = _emulator.Client(transport);
            var transportUnderTest = client.Transport;
            var options = RequestOptions.Default;
            var created = await transportUnderTest.CreateCachedContentAsync(new C.CachedContent
            {
                Model = "models/gemini-2.0-flash",
                DisplayName = "parity-" + transport,
                Contents = new List<C.Content> { C.Content.FromText("A long document to cache. " + new string('x', 200)) },
                Ttl = "300s",
            }, options, CancellationToken.None);

            Assert.StartsWith("cachedContents/", created.Name);
            Assert.Equal("parity-" + transport, created.DisplayName);
            Assert.Equal("models/gemini-2.0-flash", created.Model);
            Assert.NotNull(created.ExpireTime);
            Assert.True(created.UsageMetadata.TotalTokenCount > 0);

            var fetched = await transportUnderTest.GetCachedContentAsync(created.Name, options, CancellationToken.None);
            Assert.Equal(created.ExpireTime, fetched.ExpireTime);

            var listed = await transportUnderTest.ListCachedContentsAsync(null, null, options, CancellationToken.None);
            Assert.Contains(listed.CachedContents, c => c.Name == created.Name);

            var updated = await transportUnderTest.UpdateCachedContentAsync(new C.CachedContent { Name = created.Name, Ttl = "7200s" }, "ttl", options, CancellationToken.None);
            Assert.True(DateTimeOffset.Parse(updated.ExpireTime) > DateTimeOffset.Parse(created.ExpireTime).AddMinutes(60));

            await transportUnderTest.DeleteCachedContentAsync(created.Name, options, CancellationToken.None);
            var gone = await Assert.ThrowsAsync<ApiException>(() => transportUnderTest.GetCachedContentAsync(created.Name, options, CancellationToken.None));
            // The live service answers 403 PERMISSION_DENIED "... not found (or permission denied)"; the core calls it NotFound.
            Assert.Equal(403, gone.HttpStatus);
            Assert.Equal("PERMISSION_DENIED", gone.Status);
            Assert.Equal("NotFound", gone.ErrorCode);
        }

        [Theory]
        [MemberData(nameof(Transports))]
        public async Task Files_GetListDelete(TransportKind transport)
        {
            var stored = _emulator.Host.Engine.Files.CreateFromBytes(new FileMetadata(null, "notes-" + transport, "text/plain"), "hello file"u8);
            using var client = _emulator.Client(transport);
            var options = RequestOptions.Default;
            var all = await client.Transport.ListFilesAsync(100, null, options, CancellationToken.None);
            var file = all.Files.Single(f => f.DisplayName == "notes-" + transport);

            var fetched = await client.Transport.GetFileAsync(file.Name, options, CancellationToken.None);
            Assert.Equal("text/plain", fetched.MimeType);
            Assert.Equal(10, fetched.SizeBytes);
            Assert.NotNull(fetched.Sha256Hash);
            Assert.NotNull(fetched.CreateTime);
            Assert.StartsWith("http", fetched.Uri);
            Assert.Contains(fetched.State, new[] { "PROCESSING", "ACTIVE" });

            await client.Transport.DeleteFileAsync(file.Name, options, CancellationToken.None);
            var gone = await Assert.ThrowsAnyAsync<ApiException>(() => client.Transport.GetFileAsync(file.Name, options, CancellationToken.None));
            Assert.True(gone.HttpStatus == 403 || gone.HttpStatus == 404);
            GC.KeepAlive(stored);
        }

        [Theory]
        [MemberData(nameof(Transports))]
        public async Task Error_ApiKeyInvalid(TransportKind transport)
        {
            const string wrongKey = "wrong-key-do-not-print-4411";
            using var client = _emulator.Client(transport, wrongKey);
            var error = await Assert.ThrowsAsync<ApiException>(() => client.Models.GenerateContentAsync(new GenerativeModel("gemini-2.0-flash"), Prompt("x")));

            Assert.Equal("ApiKeyInvalid", error.ErrorCode);
            Assert.Equal(400, error.HttpStatus);
            Assert.Equal("INVALID_ARGUMENT", error.Status);
            Assert.Equal("API_KEY_INVALID", error.Reason);
            Assert.DoesNotContain(wrongKey, error.ToString());
        }

        [Theory]
        [MemberData(nameof(Transports))]
        public async Task Error_ModelNotFound(TransportKind transport)
        {
            using var client = _emulator.Client(transport);
            var error = await Assert.ThrowsAsync<ApiException>(() => client.Models.GenerateContentAsync(new GenerativeModel("no-such-model-9"), Prompt("x")));

            Assert.Equal("ModelNotFound", error.ErrorCode);
            Assert.Equal(404, error.HttpStatus);
            Assert.Equal("NOT_FOUND", error.Status);
            Assert.Contains("models/no-such-model-9", error.ServiceMessage);
        }

        [Theory]
        [MemberData(nameof(Transports))]
        public async Task Error_RateLimited_CarriesTheRetryDelay_ThenSucceeds(TransportKind transport)
        {
            using var client = _emulator.Client(transport);
            var model = new GenerativeModel(Tag("fault-429-then-ok", transport));
            var error = await Assert.ThrowsAsync<ApiException>(() => client.Models.GenerateContentAsync(model, Prompt("x"), options: new RequestOptions { MaxRetries = 0 }));

            Assert.Equal("RateLimited", error.ErrorCode);
            Assert.Equal(429, error.HttpStatus);
            Assert.Equal("RESOURCE_EXHAUSTED", error.Status);
            Assert.NotNull(error.RetryDelay);
            Assert.True(error.RetryDelay > TimeSpan.Zero);
            Assert.Contains(error.Details, d => d.GetProperty("@type").GetString().EndsWith("google.rpc.QuotaFailure", StringComparison.Ordinal));

            var retried = await client.Models.GenerateContentAsync(model, Prompt("x"));
            Assert.Equal("STOP", retried.FinishReason);
        }

        [Theory]
        [MemberData(nameof(Transports))]
        public async Task Error_MidStream_AfterChunks_IsStreamInterrupted(TransportKind transport)
        {
            using var client = _emulator.Client(transport);
            var received = 0;
            var error = await Assert.ThrowsAsync<StreamInterruptedException>(async () =>
            {
                await foreach (var _ in client.Models.StreamGenerateContentAsync(new GenerativeModel(Tag("fault-midstream-2", transport)), Prompt("Tell me a long story please.")))
                    received++;
            });

            Assert.Equal(2, received);
            Assert.Equal(2, error.ChunksReceived);
            var inner = Assert.IsType<ApiException>(error.InnerException);
            Assert.Equal("ServiceUnavailable", inner.ErrorCode);
            Assert.Equal(503, inner.HttpStatus);
        }

        [Theory]
        [MemberData(nameof(Transports))]
        public async Task Error_ServerFault_IsInternalServerError(TransportKind transport)
        {
            using var client = _emulator.Client(transport);
            var error = await Assert.ThrowsAsync<ApiException>(() => client.Models.GenerateContentAsync(new GenerativeModel(Tag("fault-500", transport)), Prompt("x")));
            Assert.Equal("InternalServerError", error.ErrorCode);
            Assert.Equal(500, error.HttpStatus);
        }

        [Theory]
        [MemberData(nameof(Transports))]
        public async Task Error_ConnectionDropped_IsConnectionFailed(TransportKind transport)
        {
            using var client = _emulator.Client(transport);
            var error = await Assert.ThrowsAsync<TransportException>(() => client.Models.GenerateContentAsync(new GenerativeModel(Tag("fault-reset", transport)), Prompt("x")));
            Assert.Equal("ConnectionFailed", error.ErrorCode);
        }

        [Theory]
        [MemberData(nameof(Transports))]
        public async Task Timeout_IsRequestTimeout(TransportKind transport)
        {
            using var client = _emulator.Client(transport);
            var error = await Assert.ThrowsAsync<RequestTimeoutException>(() => client.Models.GenerateContentAsync(
                new GenerativeModel(Tag("fault-hang", transport)), Prompt("x"), options: new RequestOptions { Timeout = TimeSpan.FromMilliseconds(500) }));
            Assert.Equal("Timeout", error.ErrorCode);
        }

        [Theory]
        [MemberData(nameof(Transports))]
        public async Task BlockedPrompt_HasFeedbackAndNoCandidates(TransportKind transport)
        {
            using var client = _emulator.Client(transport);
            var reply = await client.Models.GenerateContentAsync(new GenerativeModel(Tag("blocked", transport)), Prompt("x"));

            Assert.Null(reply.Candidates);
            Assert.Equal("SAFETY", reply.PromptFeedback.BlockReason);
            Assert.NotEmpty(reply.PromptFeedback.SafetyRatings);
            Assert.Equal("PromptBlocked", Assert.Throws<PromptBlockedException>(() => reply.Text).ErrorCode);
        }

        [Theory]
        [MemberData(nameof(Transports))]
        public async Task SafetyStop_IsAFinishReason_WithRatings(TransportKind transport)
        {
            using var client = _emulator.Client(transport);
            var reply = await client.Models.GenerateContentAsync(new GenerativeModel(Tag("safety-stop", transport)), Prompt("x"));

            Assert.Equal("SAFETY", reply.FinishReason);
            Assert.Contains(reply.Candidates[0].SafetyRatings, r => r.Blocked == true);
        }

        [Theory]
        [MemberData(nameof(Transports))]
        public async Task OversizedReply_IsReceivedWhole(TransportKind transport)
        {
            using var client = _emulator.Client(transport);
            var reply = await client.Models.GenerateContentAsync(new GenerativeModel(Tag("fault-oversized", transport)), Prompt("x"));
            Assert.True(reply.Text.Length > 5_000_000);
        }

        [Theory]
        [MemberData(nameof(Transports))]
        public async Task ConnectionDroppedMidStream_IsStreamInterrupted_WithAConnectionError(TransportKind transport)
        {
            using var client = _emulator.Client(transport);
            int received = 0;
            var error = await Assert.ThrowsAsync<StreamInterruptedException>(async () =>
            {
                await foreach (var _ in client.Models.StreamGenerateContentAsync(new GenerativeModel(Tag("fault-reset-after-2", transport)), Prompt("Tell me a long story please.")))
                    received++;
            });

            Assert.Equal(2, received);
            Assert.Equal("ConnectionFailed", Assert.IsType<TransportException>(error.InnerException).ErrorCode);
        }
    }
}