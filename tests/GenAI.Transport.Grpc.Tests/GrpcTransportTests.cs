using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using GenAI.Core;
using GenAI.Core.Errors;
using GenAI.Core.Transport;
using GenAI.Transport.Grpc.Tests.TestSupport;
using Grpc.Core;

namespace GenAI.Transport.Grpc.Tests
{
    /// <summary>GrpcTransport against a real in-process gRPC server (Kestrel, h2c on loopback).</summary>
    public sealed class GrpcTransportTests
    {
        private const string Key = "AIzaTEST-secret-key-0123456789";
        private static readonly RequestOptions s_options = RequestOptions.Default;

        private static GrpcTransport Connect(TestGrpcServer server, string key = Key) =>
            new GrpcTransport(new GenAIClientOptions { ApiKey = key, BaseUri = new Uri("https://unused.invalid/"), GrpcUri = server.Address });

        private static C.GenerateContentRequest Prompt(string text) => new C.GenerateContentRequest { Contents = { C.Content.FromText(text) } };

        [Fact]
        public async Task GenerateContent_SendsMappedRequestAndMapsReply()
        {
            await using var server = await TestGrpcServer.StartAsync();
            var generative = server.Services.Generative;
            generative.OnGenerate = (request, _) => Task.FromResult(new P.GenerateContentResponse
            {
                Candidates =
                {
                    new P.Candidate
                    {
                        Content = new P.Content { Role = "model", Parts = { new P.Part { Text = "Sunny, 21 °C." } } },
                        FinishReason = P.Candidate.Types.FinishReason.Stop,
                        Index = 0,
                        SafetyRatings = { new P.SafetyRating { Category = P.HarmCategory.Harassment, Probability = P.SafetyRating.Types.HarmProbability.Negligible } },
                    },
                },
                UsageMetadata = new P.GenerateContentResponse.Types.UsageMetadata { PromptTokenCount = 31, CandidatesTokenCount = 6, TotalTokenCount = 37 },
                ModelVersion = "gemini-2.0-flash",
                ResponseId = "abc123",
            });
            using var transport = Connect(server);
            var request = Prompt("Weather?");
            request.GenerationConfig = new C.GenerationConfig { Temperature = 0.7, MaxOutputTokens = 64, StopSequences = new List<string> { "END" } };
            request.SafetySettings = new List<C.SafetySetting> { new C.SafetySetting("HARM_CATEGORY_HATE_SPEECH", "BLOCK_ONLY_HIGH") };
            request.SystemInstruction = C.Content.FromText("Be brief.", role: null);

            var reply = await transport.GenerateContentAsync("models/gemini-2.0-flash", request, s_options, CancellationToken.None);

            var sent = (P.GenerateContentRequest)generative.Log.Requests.Single();
            Assert.Equal("models/gemini-2.0-flash", sent.Model);
            Assert.Equal("Weather?", sent.Contents.Single().Parts.Single().Text);
            Assert.Equal("user", sent.Contents.Single().Role);
            Assert.Equal("Be brief.", sent.SystemInstruction.Parts.Single().Text);
            Assert.True(sent.GenerationConfig.HasTemperature);
            Assert.Equal(0.7f, sent.GenerationConfig.Temperature);
            Assert.Equal(64, sent.GenerationConfig.MaxOutputTokens);
            Assert.False(sent.GenerationConfig.HasTopK);
            Assert.Equal(new[] { "END" }, sent.GenerationConfig.StopSequences);
            Assert.Equal(P.HarmCategory.HateSpeech, sent.SafetySettings.Single().Category);
            Assert.Equal(P.SafetySetting.Types.HarmBlockThreshold.BlockOnlyHigh, sent.SafetySettings.Single().Threshold);

            Assert.Equal("Sunny, 21 °C.", reply.Text);
            Assert.Equal("STOP", reply.FinishReason);
            Assert.Equal(0, reply.Candidates[0].Index);
            Assert.Equal("model", reply.Candidates[0].Content.Role);
            Assert.Equal("HARM_CATEGORY_HARASSMENT", reply.Candidates[0].SafetyRatings[0].Category);
            Assert.Equal("NEGLIGIBLE", reply.Candidates[0].SafetyRatings[0].Probability);
            Assert.Equal(37, reply.UsageMetadata.TotalTokenCount);
            Assert.Null(reply.UsageMetadata.CachedContentTokenCount);
            Assert.Equal("gemini-2.0-flash", reply.ModelVersion);
            Assert.Equal("abc123", reply.ResponseId);
        }

        [Fact]
        public async Task Calls_CarryKeyAndClientMetadata_AndADeadline()
        {
            await using var server = await TestGrpcServer.StartAsync();
            server.Services.Models.OnGet = r => Task.FromResult(new P.Model { Name = r.Name });
            using var transport = Connect(server);

            await transport.GetModelAsync("models/gemini-2.0-flash", new RequestOptions { Timeout = TimeSpan.FromSeconds(30) }, CancellationToken.None);

            var log = server.Services.Models.Log;
            Assert.Equal(Key, log.Header("x-goog-api-key"));
            Assert.StartsWith("genai-powershell/", log.Header("x-goog-api-client"));
            Assert.Contains(" grpc/", log.Header("x-goog-api-client"));
            Assert.Equal("name=models%2Fgemini-2.0-flash", log.Header("x-goog-request-params"));
            Assert.InRange(log.LastDeadline.Value, DateTime.UtcNow.AddSeconds(20), DateTime.UtcNow.AddSeconds(40));
        }

        [Fact]
        public async Task Stream_YieldsEachChunkBeforeTheServerSendsTheNext()
        {
            await using var server = await TestGrpcServer.StartAsync();
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            bool lastSent = false;
            server.Services.Generative.OnStream = async (request, stream, context) =>
            {
                await stream.WriteAsync(Protos.TextChunk("Hello"));
                await gate.Task.WaitAsync(TimeSpan.FromSeconds(30));   // held until the client has seen chunk 1
                lastSent = true;
                await stream.WriteAsync(Protos.TextChunk(", world", P.Candidate.Types.FinishReason.Stop));
            };
            using var transport = Connect(server);

            await using var chunks = transport.StreamGenerateContentAsync("models/gated", Prompt("hi"), s_options, CancellationToken.None).GetAsyncEnumerator();
            var first = chunks.MoveNextAsync().AsTask();
            Assert.Same(first, await Task.WhenAny(first, Task.Delay(TimeSpan.FromSeconds(10))));
            Assert.True(await first);
            Assert.Equal("Hello", chunks.Current.TextOrEmpty);
            Assert.Null(chunks.Current.FinishReason);
            Assert.False(lastSent);   // the first chunk arrived while the server still held the last one

            gate.SetResult();
            Assert.True(await chunks.MoveNextAsync());
            Assert.Equal(", world", chunks.Current.TextOrEmpty);
            Assert.Equal("STOP", chunks.Current.FinishReason);
            Assert.True(lastSent);
            Assert.False(await chunks.MoveNextAsync());
        }

        [Fact]
        public async Task Stream_ErrorAfterChunks_ThrowsFromMoveNext_AndModelsClientReportsInterruption()
        {
            await using var server = await TestGrpcServer.StartAsync();
            server.Services.Generative.OnStream = async (request, stream, context) =>
            {
                await stream.WriteAsync(Protos.TextChunk("one "));
                await stream.WriteAsync(Protos.TextChunk("two "));
                throw RpcErrors.Create(StatusCode.Unavailable, "The model is overloaded. Please try again later.");
            };
            using var client = new GenAIClient(new GenAIClientOptions { ApiKey = Key, GrpcUri = server.Address, Transport = TransportKind.Grpc });
            Assert.IsType<GrpcTransport>(client.WireTransport);

            var received = new List<string>();
            var error = await Assert.ThrowsAsync<StreamInterruptedException>(async () =>
            {
                await foreach (var chunk in client.Models.StreamGenerateContentAsync("gemini-2.0-flash", Prompt("count")))
                    received.Add(chunk.TextOrEmpty);
            });

            Assert.Equal(new[] { "one ", "two " }, received);
            Assert.Equal(2, error.ChunksReceived);
            var api = Assert.IsType<ApiException>(error.InnerException);
            Assert.Equal(503, api.HttpStatus);
            Assert.Equal("UNAVAILABLE", api.Status);
            Assert.Equal("ServiceUnavailable", api.ErrorCode);
            Assert.Equal("The model is overloaded. Please try again later.", api.ServiceMessage);
        }

        [Fact]
        public async Task Stream_ErrorBeforeFirstChunk_IsTheApiError()
        {
            await using var server = await TestGrpcServer.StartAsync();
            server.Services.Generative.OnStream = (request, stream, context) => throw RpcErrors.Create(StatusCode.NotFound,
                "models/nope is not found for API version v1beta, or is not supported for generateContent.");
            using var client = new GenAIClient(new GenAIClientOptions { ApiKey = Key, GrpcUri = server.Address, Transport = TransportKind.Grpc });

            var error = await Assert.ThrowsAsync<ApiException>(async () =>
            {
                await foreach (var _ in client.Models.StreamGenerateContentAsync("nope", Prompt("x"))) { }
            });
            Assert.Equal("ModelNotFound", error.ErrorCode);
            Assert.Equal(404, error.HttpStatus);
        }

        [Fact]
        public async Task ApiKeyInvalid_MapsToRestErrorCode_WithReasonAndDetails_AndNoKey()
        {
            await using var server = await TestGrpcServer.StartAsync();
            server.Services.Generative.OnGenerate = (r, c) => throw RpcErrors.ApiKeyInvalid();
            using var transport = Connect(server);

            var error = await Assert.ThrowsAsync<ApiException>(() => transport.GenerateContentAsync("models/m", Prompt("x"), s_options, CancellationToken.None));

            Assert.Equal(400, error.HttpStatus);
            Assert.Equal("INVALID_ARGUMENT", error.Status);
            Assert.Equal("ApiKeyInvalid", error.ErrorCode);
            Assert.Equal("API_KEY_INVALID", error.Reason);
            Assert.Equal("400 INVALID_ARGUMENT: API key not valid. Please pass a valid API key.", error.Message);
            Assert.Equal(2, error.Details.Count);
            Assert.Equal("type.googleapis.com/google.rpc.ErrorInfo", error.Details[0].GetProperty("@type").GetString());
            Assert.Equal("generativelanguage.googleapis.com", error.Details[0].GetProperty("metadata").GetProperty("service").GetString());
            Assert.Equal("en-US", error.Details[1].GetProperty("locale").GetString());
            Assert.DoesNotContain(Key, error.ToString());
        }

        [Fact]
        public async Task QuotaExceeded_Is429_WithRetryDelayFromRetryInfo()
        {
            await using var server = await TestGrpcServer.StartAsync();
            server.Services.Generative.OnCount = (r, c) => throw RpcErrors.QuotaExceeded(TimeSpan.FromSeconds(47));
            using var transport = Connect(server);

            var error = await Assert.ThrowsAsync<ApiException>(() =>
                transport.CountTokensAsync("models/m", new C.CountTokensRequest { Contents = new List<C.Content> { C.Content.FromText("x") } }, s_options, CancellationToken.None));

            Assert.Equal(429, error.HttpStatus);
            Assert.Equal("RESOURCE_EXHAUSTED", error.Status);
            Assert.Equal("RateLimited", error.ErrorCode);
            Assert.Equal(TimeSpan.FromSeconds(47), error.RetryDelay);
            Assert.True(error.IsTransient);
            Assert.Contains(error.Details, d => d.GetProperty("@type").GetString() == "type.googleapis.com/google.rpc.RetryInfo" && d.GetProperty("retryDelay").GetString() == "47s");
        }

        [Theory]
        [InlineData(StatusCode.InvalidArgument, 400, "InvalidArgument")]
        [InlineData(StatusCode.FailedPrecondition, 400, "FailedPrecondition")]
        [InlineData(StatusCode.Unauthenticated, 401, "Unauthenticated")]
        [InlineData(StatusCode.PermissionDenied, 403, "PermissionDenied")]
        [InlineData(StatusCode.NotFound, 404, "NotFound")]
        [InlineData(StatusCode.AlreadyExists, 409, "Conflict")]
        [InlineData(StatusCode.ResourceExhausted, 429, "RateLimited")]
        [InlineData(StatusCode.Internal, 500, "InternalServerError")]
        [InlineData(StatusCode.Unavailable, 503, "ServiceUnavailable")]
        [InlineData(StatusCode.DeadlineExceeded, 504, "Timeout")]
        public async Task StatusCodes_MapToTheHttpCodesAndErrorCodesOfRest(StatusCode code, int http, string errorCode)
        {
            await using var server = await TestGrpcServer.StartAsync();
            server.Services.Files.OnCall = r => throw new RpcException(new Status(code, "files/abc: something happened"));
            using var transport = Connect(server);

            var error = await Assert.ThrowsAsync<ApiException>(() => transport.GetFileAsync("files/abc", s_options, CancellationToken.None));

            Assert.Equal(http, error.HttpStatus);
            Assert.Equal(errorCode, error.ErrorCode);
            Assert.Equal("files/abc: something happened", error.ServiceMessage);
        }

        [Fact]
        public async Task Timeout_IsRequestTimeout_AndCallerCancellation_StaysOperationCanceled()
        {
            await using var server = await TestGrpcServer.StartAsync();
            server.Services.Generative.OnGenerate = async (r, c) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(30), c.CancellationToken);
                return new P.GenerateContentResponse();
            };
            using var transport = Connect(server);

            var timeout = await Assert.ThrowsAsync<RequestTimeoutException>(() =>
                transport.GenerateContentAsync("models/slow", Prompt("x"), new RequestOptions { Timeout = TimeSpan.FromMilliseconds(300) }, CancellationToken.None));
            Assert.Equal("Timeout", timeout.ErrorCode);
            Assert.DoesNotContain(Key, timeout.ToString());

            using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            var cancelled = await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                transport.GenerateContentAsync("models/slow", Prompt("x"), s_options, cts.Token));
            Assert.IsNotType<RequestTimeoutException>(cancelled);
        }

        [Fact]
        public async Task Stream_Timeout_IsRequestTimeout()
        {
            await using var server = await TestGrpcServer.StartAsync();
            server.Services.Generative.OnStream = async (request, stream, context) =>
            {
                await stream.WriteAsync(Protos.TextChunk("a"));
                await Task.Delay(TimeSpan.FromSeconds(30), context.CancellationToken);
            };
            using var transport = Connect(server);
            var chunks = new List<C.GenerateContentResponse>();

            await Assert.ThrowsAsync<RequestTimeoutException>(async () =>
            {
                await foreach (var chunk in transport.StreamGenerateContentAsync("models/m", Prompt("x"), new RequestOptions { Timeout = TimeSpan.FromMilliseconds(500) }, CancellationToken.None))
                    chunks.Add(chunk);
            });
            Assert.Single(chunks);
        }

        [Fact]
        public async Task ConnectionRefused_IsTransportException_WithoutTheKey()
        {
            Uri address;
            await using (var server = await TestGrpcServer.StartAsync()) address = server.Address;   // now closed
            using var transport = new GrpcTransport(new GenAIClientOptions { ApiKey = Key, GrpcUri = address });

            var error = await Assert.ThrowsAsync<TransportException>(() => transport.ListModelsAsync(null, null, s_options, CancellationToken.None));

            Assert.Equal("ConnectionFailed", error.ErrorCode);
            Assert.DoesNotContain(Key, error.ToString());
        }

        [Fact]
        public void PlainHttp_IsRefusedForNonLoopbackHosts()
        {
            var error = Assert.Throws<ConfigurationException>(() => new GrpcTransport(new GenAIClientOptions { ApiKey = Key, GrpcUri = new Uri("http://example.com:8080/") }));
            Assert.Equal("InsecureEndpoint", error.ErrorCode);
        }

        [Fact]
        public void GrpcAddress_DefaultsToTheRootOfBaseUri()
        {
            using var transport = new GrpcTransport(new GenAIClientOptions { ApiKey = Key });
            Assert.Equal(new Uri("https://generativelanguage.googleapis.com/"), transport.Address);
            using var local = new GrpcTransport(new GenAIClientOptions { ApiKey = Key, BaseUri = new Uri("http://127.0.0.1:5123/some/path/") });
            Assert.Equal(new Uri("http://127.0.0.1:5123/"), local.Address);
        }

        [Fact]
        public async Task UnknownEnumNumbers_SurviveAsDecimalStrings_BothWays()
        {
            await using var server = await TestGrpcServer.StartAsync();
            server.Services.Generative.OnGenerate = (r, c) => Task.FromResult(new P.GenerateContentResponse
            {
                Candidates =
                {
                    new P.Candidate
                    {
                        Content = new P.Content { Role = "model", Parts = { new P.Part { Text = "x" } } },
                        FinishReason = (P.Candidate.Types.FinishReason)99,
                        SafetyRatings = { new P.SafetyRating { Category = (P.HarmCategory)77, Probability = (P.SafetyRating.Types.HarmProbability)12 } },
                    },
                },
                PromptFeedback = new P.GenerateContentResponse.Types.PromptFeedback { BlockReason = (P.GenerateContentResponse.Types.PromptFeedback.Types.BlockReason)42 },
            });
            using var transport = Connect(server);
            var request = Prompt("x");
            request.SafetySettings = new List<C.SafetySetting> { new C.SafetySetting("77", "BLOCK_NONE") };

            var reply = await transport.GenerateContentAsync("models/m", request, s_options, CancellationToken.None);

            Assert.Equal("99", reply.Candidates[0].FinishReason);
            Assert.Equal("77", reply.Candidates[0].SafetyRatings[0].Category);
            Assert.Equal("12", reply.Candidates[0].SafetyRatings[0].Probability);
            Assert.Equal("42", reply.PromptFeedback.BlockReason);
            var sent = (P.GenerateContentRequest)server.Services.Generative.Log.Requests.Single();
            Assert.Equal(77, (int)sent.SafetySettings[0].Category);
        }

        [Fact]
        public async Task UnknownEnumName_CannotTravel_AndIsAnInvalidArgumentBeforeAnyCall()
        {
            await using var server = await TestGrpcServer.StartAsync();
            using var transport = Connect(server);
            var request = Prompt("x");
            request.SafetySettings = new List<C.SafetySetting> { new C.SafetySetting("HARM_CATEGORY_NOT_A_THING", "BLOCK_NONE") };

            var error = await Assert.ThrowsAsync<InvalidInputException>(() => transport.GenerateContentAsync("models/m", request, s_options, CancellationToken.None));
            Assert.Equal("InvalidArgument", error.ErrorCode);
            Assert.Empty(server.Services.Generative.Log.Requests);
        }
    }
}
