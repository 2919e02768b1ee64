using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using GenAI.Core.Chats;
using GenAI.Core.Errors;
using GenAI.Core.Input;
using GenAI.Core.Models;
using GenAI.Core.Protocol;
using GenAI.Core.Tools;
using GenAI.Emulator;

namespace GenAI.Core.Tests.Tools
{
    /// <summary>Automatic function calling against the in-process emulator (it calls a declared function named in the prompt).</summary>
    public sealed class FunctionCallingLoopTests : IAsyncLifetime
    {
        private EmulatorHost _emulator;
        private GenAIClient _client;

        public async Task InitializeAsync()
        {
            _emulator = await EmulatorHost.StartAsync(new EmulatorOptions { Port = 0, ApiKey = "emulator-key" });
            _client = new GenAIClient(new GenAIClientOptions { BaseUri = _emulator.BaseUri, ApiKey = "emulator-key" });
        }

        public async Task DisposeAsync()
        {
            _client?.Dispose();
            if (_emulator != null) await _emulator.DisposeAsync();
        }

        private static GenerativeModel WeatherModel(out List<FunctionCall> calls, Func<FunctionCall, JsonElement> answer = null)
        {
            var declaration = new FunctionDeclaration
            {
                Name = "get_weather",
                Parameters = new SchemaConverter().Convert("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}"),
            };
            calls = new List<FunctionCall>();
            return new GenerativeModel("gemini-2.5-flash")
            {
                Tools = new List<Tool> { new Tool { FunctionDeclarations = new List<FunctionDeclaration> { declaration } } },
                Functions = new List<CallableFunction> { new CallableFunction(declaration, "target") },
            };
        }

        private static AutomaticFunctionCalling Handler(List<FunctionCall> calls, int maximum = 10, Exception failure = null) =>
            new AutomaticFunctionCalling((call, function, _) =>
            {
                if (failure != null) throw failure;
                calls.Add(call);
                Assert.Equal("target", function.Target);
                return Task.FromResult(new FunctionResult(JsonValues.FromObject(new Dictionary<string, object> { ["result"] = "Sunny in " + call.Args!.Value.GetProperty("city").GetString() })));
            }, maximum);

        [Fact]
        public async Task One_shot_runs_the_call_and_answers_from_its_result()
        {
            var model = WeatherModel(out var calls);
            var result = await _client.Models.GenerateContentAsync(model, new[] { Content.FromText("call get_weather for city=Paris", null) }, Handler(calls));

            Assert.Equal("Function get_weather returned {\"result\":\"Sunny in Paris\"}", result.Response.Text);
            Assert.Equal(1, result.CallCount);
            Assert.Equal("Paris", Assert.Single(calls).Args!.Value.GetProperty("city").GetString());
            Assert.Equal(new[] { "user", "model", "user" }, result.Contents.Select(c => c.Role));
            Assert.NotNull(result.Contents[1].Parts[0].FunctionCall);
            Assert.Equal("get_weather", result.Contents[2].Parts[0].FunctionResponse!.Name);
            var second = JsonDocument.Parse(_emulator.Requests.Last().Body).RootElement;
            Assert.Equal(3, second.GetProperty("contents").GetArrayLength());
        }

        [Fact]
        public async Task The_follow_up_request_drops_the_per_call_tool_config()
        {
            var model = WeatherModel(out var calls);
            var overrides = new CallOverrides { ToolConfig = ToolConfigConverter.Convert("ANY") };
            await _client.Models.GenerateContentAsync(model, new[] { Content.FromText("weather please", null) }, Handler(calls), overrides);
            var requests = _emulator.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();
            Assert.True(requests[0].TryGetProperty("toolConfig", out _));
            Assert.False(requests[1].TryGetProperty("toolConfig", out _));
            Assert.Single(calls);
        }

        [Fact]
        public async Task A_call_to_a_function_without_a_target_ends_the_loop_with_that_reply()
        {
            var model = WeatherModel(out var calls);
            model.Functions = new List<CallableFunction>();
            var result = await _client.Models.GenerateContentAsync(model, new[] { Content.FromText("call get_weather for city=Oslo", null) }, Handler(calls));
            Assert.Empty(calls);
            Assert.Equal("get_weather", Assert.Single(result.Response.FunctionCalls).Name);
            Assert.Single(_emulator.Requests);
        }

        [Fact]
        public async Task More_calls_than_allowed_return_the_reply_holding_them()
        {
            // The emulator never calls twice in a row, so a transport that always asks for a call stands in.
            var model = WeatherModel(out var calls);
            using var client = new GenAIClient(new GenAIClientOptions { ApiKey = "k" }, new AlwaysCallingTransport());
            var result = await client.Models.GenerateContentAsync(model, new[] { Content.FromText("weather", null) }, Handler(calls, maximum: 2));
            Assert.Equal(2, calls.Count);
            Assert.True(result.ReachedLimit);
            Assert.Equal(2, result.CallCount);
            Assert.Single(result.Response.FunctionCalls);
            Assert.Equal(5, result.Contents.Count);
        }

        private sealed class AlwaysCallingTransport : GenAI.Core.Transport.ITransport
        {
            public Task<GenerateContentResponse> GenerateContentAsync(string model, GenerateContentRequest request, GenAI.Core.Transport.RequestOptions options, CancellationToken cancellationToken) =>
                Task.FromResult(JsonSerializer.Deserialize(
                    "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"functionCall\":{\"name\":\"get_weather\",\"args\":{\"city\":\"Oslo\"}}}]},\"finishReason\":\"STOP\"}]}",
                    GenAIJsonContext.Default.GenerateContentResponse)!);

            public IAsyncEnumerable<GenerateContentResponse> StreamGenerateContentAsync(string model, GenerateContentRequest request, GenAI.Core.Transport.RequestOptions options, CancellationToken cancellationToken) => throw new NotSupportedException();
            public Task<CountTokensResponse> CountTokensAsync(string model, CountTokensRequest request, GenAI.Core.Transport.RequestOptions options, CancellationToken cancellationToken) => throw new NotSupportedException();
            public Task<Model> GetModelAsync(string name, GenAI.Core.Transport.RequestOptions options, CancellationToken cancellationToken) => throw new NotSupportedException();
            public Task<ListModelsResponse> ListModelsAsync(int? pageSize, string pageToken, GenAI.Core.Transport.RequestOptions options, CancellationToken cancellationToken) => throw new NotSupportedException();
            public Task<CachedContent> CreateCachedContentAsync(CachedContent cachedContent, GenAI.Core.Transport.RequestOptions options, CancellationToken cancellationToken) => throw new NotSupportedException();
            public Task<CachedContent> GetCachedContentAsync(string name, GenAI.Core.Transport.RequestOptions options, CancellationToken cancellationToken) => throw new NotSupportedException();
            public Task<ListCachedContentsResponse> ListCachedContentsAsync(int? pageSize, string pageToken, GenAI.Core.Transport.RequestOptions options, CancellationToken cancellationToken) => throw new NotSupportedException();
            public Task<CachedContent> UpdateCachedContentAsync(CachedContent cachedContent, string updateMask, GenAI.Core.Transport.RequestOptions options, CancellationToken cancellationToken) => throw new NotSupportedException();
            public Task DeleteCachedContentAsync(string name, GenAI.Core.Transport.RequestOptions options, CancellationToken cancellationToken) => throw new NotSupportedException();
            public Task<GenAIFile> GetFileAsync(string name, GenAI.Core.Transport.RequestOptions options, CancellationToken cancellationToken) => throw new NotSupportedException();
            public Task<ListFilesResponse> ListFilesAsync(int? pageSize, string pageToken, GenAI.Core.Transport.RequestOptions options, CancellationToken cancellationToken) => throw new NotSupportedException();
            public Task DeleteFileAsync(string name, GenAI.Core.Transport.RequestOptions options, CancellationToken cancellationToken) => throw new NotSupportedException();
            public Task<EmbedContentResponse> EmbedContentAsync(string model, EmbedContentRequest request, GenAI.Core.Transport.RequestOptions options, CancellationToken cancellationToken) => throw new NotSupportedException();
            public Task<BatchEmbedContentsResponse> BatchEmbedContentsAsync(string model, BatchEmbedContentsRequest request, GenAI.Core.Transport.RequestOptions options, CancellationToken cancellationToken) => throw new NotSupportedException();
            public void Dispose() { }
        }

        [Fact]
        public async Task Chat_history_records_the_call_and_response_turns()
        {
            var model = WeatherModel(out var calls);
            var chat = new ChatSession(model);
            var result = await chat.SendAsync(_client.Models, Content.FromText("call get_weather for city=Rome", null), Handler(calls));

            Assert.Equal("Function get_weather returned {\"result\":\"Sunny in Rome\"}", result.Response.Text);
            var history = chat.History;
            Assert.Equal(new[] { "user", "model", "user", "model" }, history.Select(c => c.Role));
            Assert.Equal("get_weather", history[1].Parts[0].FunctionCall!.Name);
            Assert.Equal("get_weather", history[2].Parts[0].FunctionResponse!.Name);
            Assert.Same(result.Response, chat.Last);

            await chat.SendAsync(_client.Models, Content.FromText("thanks", null), Handler(calls));
            Assert.Equal(6, chat.History.Count);
            var third = JsonDocument.Parse(_emulator.Requests.Last().Body).RootElement;
            Assert.Equal(5, third.GetProperty("contents").GetArrayLength());
        }

        [Fact]
        public async Task A_failure_inside_the_loop_discards_every_turn_of_it()
        {
            var model = WeatherModel(out var calls);
            var chat = new ChatSession(model, new[] { Content.FromText("earlier", "user"), Content.FromText("reply", "model") });
            await Assert.ThrowsAsync<InvalidOperationException>(() =>
                chat.SendAsync(_client.Models, Content.FromText("call get_weather for city=Rome", null), Handler(calls, failure: new InvalidOperationException("boom"))));
            Assert.Equal(2, chat.History.Count);
        }

        [Fact]
        public async Task A_blocked_reply_inside_the_chat_loop_raises_and_leaves_history_unchanged()
        {
            var model = WeatherModel(out var calls);
            var blocked = new GenerativeModel("blocked") { Tools = model.Tools, Functions = model.Functions };
            var chat = new ChatSession(blocked);
            await Assert.ThrowsAsync<PromptBlockedException>(() => chat.SendAsync(_client.Models, Content.FromText("get_weather city=x", null), Handler(calls)));
            Assert.Empty(chat.History);
        }

        [Fact]
        public async Task Several_candidates_are_refused()
        {
            var model = WeatherModel(out var calls);
            var overrides = new CallOverrides { GenerationConfig = new GenerationConfig { CandidateCount = 2 } };
            var error = await Assert.ThrowsAsync<InvalidInputException>(() =>
                _client.Models.GenerateContentAsync(model, new[] { Content.FromText("call get_weather city=Rome", null) }, Handler(calls), overrides));
            Assert.Equal("FunctionCallingNeedsOneCandidate", error.ErrorCode);
        }
    }
}
