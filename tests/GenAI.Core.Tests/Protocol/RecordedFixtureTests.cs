using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using GenAI.Core.Errors;
using GenAI.Core.Protocol;
using GenAI.Core.Streaming;
using GenAI.Core.Tests.TestSupport;

namespace GenAI.Core.Tests.Protocol
{
    /// <summary>Every recorded real-service response parses; every recorded success stream aggregates to its text.</summary>
    public class RecordedFixtureTests
    {
        public static IEnumerable<object[]> StreamingSuccess() =>
            Fixtures.Files("*.txt")
                .Where(f => (f.Contains("streaming-success") || f.Contains("streaming/success") || f.EndsWith(".sse.txt")))
                .Select(f => new object[] { f });

        public static IEnumerable<object[]> UnarySuccess() =>
            Fixtures.Files("*.json")
                .Where(f => f.Contains("unary-success") || f.Contains("unary/success") || Regex.IsMatch(f, @"cookbook/.*generateContent")
                    || (f.StartsWith("pydantic-ai/") && !f.Contains("usage_limit")))
                .Select(f => new object[] { f });

        public static IEnumerable<object[]> ErrorBodies() =>
            new[]
            {
                new object[] { "googleai/unary-failure-api-key.json", 400, "ApiKeyInvalid", "API_KEY_INVALID" },
                new object[] { "generative-ai-swift/GenerateContentResponses/unary-failure-api-key.json", 400, "ApiKeyInvalid", "API_KEY_INVALID" },
                new object[] { "googleai/unary-failure-unknown-model.json", 404, "ModelNotFound", null },
                new object[] { "googleai/unary-failure-generativelanguage-api-not-enabled.json", 403, "PermissionDenied", "SERVICE_DISABLED" },
                new object[] { "generative-ai-android/unary/failure-quota-exceeded.json", 429, "RateLimited", "RATE_LIMIT_EXCEEDED" },
                new object[] { "generative-ai-swift/GenerateContentResponses/unary-failure-unsupported-user-location.json", 400, "FailedPrecondition", null },
                new object[] { "pydantic-ai/test_google_model_usage_limit_exceeded.0.json", 429, "RateLimited", null },
            };

        [Theory]
        [MemberData(nameof(StreamingSuccess))]
        public async Task Streamed_success_fixture_aggregates_to_the_concatenated_text(string fixture)
        {
            byte[] body = Fixtures.Read(fixture);
            var aggregator = new StreamAggregator();
            int events = 0;
            foreach (int chunkSize in new[] { 5, 4096 })
            {
                aggregator = new StreamAggregator();
                events = 0;
                using var reader = new SseReader(new ChunkedStream(body, chunkSize));
                while (await reader.MoveNextAsync(CancellationToken.None))
                {
                    aggregator.Add(JsonSerializer.Deserialize(reader.Current.Span, GenAIJsonContext.Default.GenerateContentResponse)!);
                    events++;
                }
            }

            var (expectedEvents, expectedText) = IndependentlyRead(Encoding.UTF8.GetString(body));
            Assert.Equal(expectedEvents, events);
            var response = aggregator.ToResponse();
            Assert.Equal(expectedText, response.TextOrEmpty);
        }

        [Theory]
        [MemberData(nameof(UnarySuccess))]
        public void Unary_success_fixture_parses_and_keeps_unknown_fields(string fixture)
        {
            string text = File.ReadAllText(Fixtures.Path(fixture));
            var response = JsonSerializer.Deserialize(text, GenAIJsonContext.Default.GenerateContentResponse)!;
            Assert.NotNull(response);
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true });
            var root = document.RootElement;
            if (root.TryGetProperty("candidates", out var candidates))
                Assert.Equal(candidates.GetArrayLength(), response.Candidates!.Count);

            // Round trip: every top-level field of the recording is written back out.
            string written = JsonSerializer.Serialize(response, GenAIJsonContext.Default.GenerateContentResponse);
            using var rewritten = JsonDocument.Parse(written);
            foreach (var property in root.EnumerateObject())
                Assert.True(rewritten.RootElement.TryGetProperty(property.Name, out _), $"{property.Name} was lost in {fixture}");
        }

        [Fact]
        public void Unknown_enum_values_survive_as_strings()
        {
            var response = JsonSerializer.Deserialize(File.ReadAllText(Fixtures.Path("generative-ai-swift/GenerateContentResponses/unary-failure-unknown-enum-finish-reason.json")),
                GenAIJsonContext.Default.GenerateContentResponse)!;
            Assert.Equal("FAKE_NEW_FINISH_REASON", response.Candidates![0].FinishReason);
        }

        [Theory]
        [MemberData(nameof(ErrorBodies))]
        public void Error_fixture_becomes_a_typed_api_exception(string fixture, int status, string errorCode, string reason)
        {
            var error = Transport.ApiErrorParserAccess.Parse(status, File.ReadAllText(Fixtures.Path(fixture)));
            Assert.Equal(status, error.HttpStatus);
            Assert.Equal(errorCode, error.ErrorCode);
            Assert.Equal(reason, error.Reason);
            Assert.False(string.IsNullOrEmpty(error.ServiceMessage));
        }

        [Fact]
        public void Blocked_prompt_fixture_text_names_the_block_reason()
        {
            var response = JsonSerializer.Deserialize(File.ReadAllText(Fixtures.Path("generative-ai-swift/GenerateContentResponses/unary-failure-prompt-blocked-safety.json")),
                GenAIJsonContext.Default.GenerateContentResponse)!;
            var error = Assert.Throws<PromptBlockedException>(() => response.Text);
            Assert.Equal("SAFETY", error.BlockReason);
            Assert.Contains("SAFETY", error.Message);
        }

        [Fact]
        public void Safety_stopped_fixture_text_names_the_finish_reason()
        {
            var response = JsonSerializer.Deserialize(File.ReadAllText(Fixtures.Path("generative-ai-swift/GenerateContentResponses/unary-failure-finish-reason-safety-no-content.json")),
                GenAIJsonContext.Default.GenerateContentResponse)!;
            var error = Assert.Throws<CandidateStoppedException>(() => response.Text);
            Assert.Equal("SAFETY", error.FinishReason);
        }

        // A deliberately different reading path: split on lines, parse with JsonDocument, concatenate non-thought text parts.
        private static (int Events, string Text) IndependentlyRead(string body)
        {
            var text = new StringBuilder();
            int events = 0;
            foreach (var line in Regex.Split(body, "\r\n|\n|\r"))
            {
                if (!line.StartsWith("data:")) continue;
                events++;
                using var document = JsonDocument.Parse(line.Substring(5));
                if (!document.RootElement.TryGetProperty("candidates", out var candidates)) continue;
                foreach (var candidate in candidates.EnumerateArray())
                {
                    if (candidate.TryGetProperty("index", out var index) && index.GetInt32() != 0) continue;
                    if (!candidate.TryGetProperty("content", out var content) || !content.TryGetProperty("parts", out var parts)) continue;
                    foreach (var part in parts.EnumerateArray())
                    {
                        bool thought = part.TryGetProperty("thought", out var t) && t.GetBoolean();
                        if (!thought && part.TryGetProperty("text", out var value)) text.Append(value.GetString());
                    }
                }
            }
            return (events, text.ToString());
        }
    }
}
