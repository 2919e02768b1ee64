using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using CsCheck;
using GenAI.Core.Errors;
using GenAI.Core.Protocol;
using GenAI.Core.Streaming;
using GenAI.Core.Tests.TestSupport;
using GenAI.Core.Transport;

namespace GenAI.Core.Tests.Fuzz
{
    /// <summary>
    /// The response model and the error parser on random and mutated JSON. Reading may fail only with
    /// JsonException (which the transport turns into ResponseParseException); a document that reads must
    /// never crash an accessor, the aggregator or serialisation; the error parser never throws.
    /// </summary>
    public class JsonModelFuzz
    {
        private static readonly Lazy<byte[][]> s_seeds = new Lazy<byte[][]>(() =>
            Fixtures.Files("*.json").Select(Fixtures.Read)
                .Concat(Fixtures.Files("*.txt").SelectMany(f => Encoding.UTF8.GetString(Fixtures.Read(f)).Split('\n'))
                    .Where(l => l.StartsWith("data:")).Select(l => Encoding.UTF8.GetBytes(l.Substring(5).Trim())))
                .Where(b => b.Length > 0 && b.Length < 64 * 1024)
                .ToArray());

        private static readonly Lazy<byte[][]> s_smallSeeds = new Lazy<byte[][]>(() => s_seeds.Value.Where(b => b.Length < 4096).ToArray());

        private static readonly Lazy<byte[][]> s_errorSeeds = new Lazy<byte[][]>(() =>
            Fixtures.Files("*.json").Select(Fixtures.Read).Where(b => Encoding.UTF8.GetString(b).Contains("\"error\"")).ToArray());

        internal static void Exercise(GenerateContentResponse response)
        {
            _ = response.TextOrEmpty;
            _ = response.FinishReason;
            _ = response.FunctionCalls;
            _ = response.ToString();
            try { _ = response.Text; }
            catch (GenAIException) { /* the documented outcome when there is no text */ }
            foreach (var candidate in response.Candidates ?? new List<Candidate>())
            {
                _ = candidate?.ToString();
                foreach (var part in candidate?.Content?.Parts ?? new List<Part>()) _ = part?.ToString();
                foreach (var rating in candidate?.SafetyRatings ?? new List<SafetyRating>()) _ = rating?.ToString();
            }
            _ = response.UsageMetadata?.ToString();
            _ = response.PromptFeedback?.ToString();
            var aggregator = new StreamAggregator();
            aggregator.Add(response);
            aggregator.Add(response);
            _ = aggregator.ToResponse().TextOrEmpty;
            _ = JsonSerializer.Serialize(response, GenAIJsonContext.Default.GenerateContentResponse);
        }

        private static int s_read;

        private static void ReadAndExercise(byte[] json)
        {
            GenerateContentResponse response;
            try { response = JsonSerializer.Deserialize(json, GenAIJsonContext.Default.GenerateContentResponse); }
            catch (JsonException) { return; }
            if (response != null)
            {
                Exercise(response);
                Interlocked.Increment(ref s_read);
            }
        }

        /// <summary>Runs a property over ReadAndExercise and checks it got past reading at least once (not all refused).</summary>
        private static void AssertSomeRead(System.Action property)
        {
            int before = Volatile.Read(ref s_read);
            property();
            Assert.True(Volatile.Read(ref s_read) > before, "no input was read, so the response accessors were never exercised");
        }

        [Fact]
        public void Random_structured_documents_read_or_fail_with_JsonException_only()
        {
            AssertSomeRead(() => FuzzGen.Json(4).Sample(json => ReadAndExercise(Encoding.UTF8.GetBytes(json)), iter: FuzzBudget.Iterations(20_000)));
        }

        [Fact]
        public void Random_values_under_the_response_fields_read_or_fail_with_JsonException_only()
        {
            var candidates = Gen.Select(FuzzGen.Json(3), FuzzGen.Json(3), FuzzGen.Json(2), (parts, candidate, usage) =>
                $"{{\"candidates\": [{{\"content\": {{\"parts\": [{parts}], \"role\": \"model\"}}, \"finishReason\": {candidate}}}], \"usageMetadata\": {usage}}}");
            AssertSomeRead(() => candidates.Sample(json => ReadAndExercise(Encoding.UTF8.GetBytes(json)), iter: FuzzBudget.Iterations(10_000)));
        }

        [Fact]
        public void Mutated_recorded_responses_read_or_fail_with_JsonException_only()
        {
            AssertSomeRead(() => FuzzGen.Mutate(s_seeds.Value).Sample(ReadAndExercise, iter: FuzzBudget.Iterations(25_000)));
        }

        [Fact]
        public void The_error_parser_never_throws_on_random_or_mutated_error_bodies()
        {
            var retryInfo = FuzzGen.Json(2).Select(delay =>
                "{\"error\": {\"code\": 429, \"status\": \"RESOURCE_EXHAUSTED\", \"message\": \"m\", \"details\": [" +
                "{\"@type\": \"type.googleapis.com/google.rpc.RetryInfo\", \"retryDelay\": " + delay + "}," +
                "{\"@type\": \"type.googleapis.com/google.rpc.ErrorInfo\", \"reason\": " + delay + "}]}}");
            var bodies = FuzzGen.Weighted(
                (2, retryInfo),
                (1, FuzzGen.Json(3)),
                (2, FuzzGen.Mutate(s_errorSeeds.Value).Select(b => Encoding.UTF8.GetString(b))),
                (1, FuzzGen.Json(3).Select(inner => "[{\"error\": " + inner + "}]")));
            Gen.Select(bodies, Gen.OneOf(400, 404, 429, 500, 503, 0, 999)).Sample((body, status) =>
            {
                var error = ApiErrorParser.Parse(status, body, TimeSpan.FromSeconds(1));
                Assert.NotNull(error.ErrorCode);
                _ = error.Message;
                _ = error.RecommendedAction;
                Assert.True(error.RetryDelay == null || error.RetryDelay >= TimeSpan.Zero);
                _ = ApiErrorParser.TryParseEnvelope(body, status);
            }, iter: FuzzBudget.Iterations(15_000));
        }

        [Fact]
        public void Mutated_streams_through_the_REST_transport_raise_only_typed_errors()
        {
            var streams = Gen.Select(FuzzGen.Mutate(s_smallSeeds.Value).Array[1, 4], Gen.OneOf("\n", "\r\n"), Gen.Int[7, 2048]);
            streams.Sample((events, newline, readSize) =>
            {
                var body = new List<byte>();
                foreach (var data in events)
                    body.AddRange(Encoding.UTF8.GetBytes("data: ").Concat(data).Concat(Encoding.UTF8.GetBytes(newline + newline)));
                using var client = new CannedHandler(body.ToArray(), "text/event-stream", readSize).Client();
                try
                {
                    var stream = client.Models.StreamGenerateContentAsync("m", EmulatorFixture.Prompt("x")).GetAsyncEnumerator();
                    while (stream.MoveNextAsync().AsTask().GetAwaiter().GetResult()) Exercise(stream.Current);
                }
                catch (GenAIException) { /* typed: ResponseParseFailed, StreamInterrupted, an API error event */ }
            }, iter: FuzzBudget.Iterations(5_000));
        }
    }
}
