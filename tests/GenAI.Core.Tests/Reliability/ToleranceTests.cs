using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using GenAI.Core.Errors;
using GenAI.Core.Protocol;
using GenAI.Core.Streaming;
using GenAI.Core.Tests.TestSupport;

namespace GenAI.Core.Tests.Reliability
{
    /// <summary>What the service (or a proxy) may send that the client must take in its stride, read through the real REST transport.</summary>
    public class ToleranceTests
    {
        private static readonly GenerateContentRequest s_request = EmulatorFixture.Prompt("x");

        private static async Task<List<GenerateContentResponse>> Stream(string body, int readSize)
        {
            using var client = new CannedHandler(Encoding.UTF8.GetBytes(body), "text/event-stream", readSize).Client();
            var chunks = new List<GenerateContentResponse>();
            await foreach (var chunk in client.Models.StreamGenerateContentAsync("m", s_request)) chunks.Add(chunk);
            return chunks;
        }

        private static string Event(string text, string newline) =>
            $"data: {{\"candidates\": [{{\"content\": {{\"parts\": [{{\"text\": \"{text}\"}}], \"role\": \"model\"}}, \"index\": 0}}]}}{newline}{newline}";

        [Theory]
        [InlineData("\r\n")]
        [InlineData("\n")]
        [InlineData("\r")]
        public async Task Streams_with_any_line_ending_comment_lines_and_one_byte_reads_arrive_intact(string newline)
        {
            string body = ": a comment the service might send" + newline + Event("héllo ", newline) + ": keep-alive" + newline + newline + Event("wörld 🚀", newline);
            foreach (int readSize in new[] { 1, 2, 3, 5, 4096 })
            {
                var chunks = await Stream(body, readSize);
                Assert.Equal("héllo wörld 🚀", string.Concat(chunks.Select(c => c.TextOrEmpty)));
            }
        }

        [Fact]
        public async Task Every_split_point_of_a_multi_byte_character_is_decoded_correctly()
        {
            string body = Event("日本語 🚀 ok", "\r\n");
            int length = Encoding.UTF8.GetByteCount(body);
            for (int readSize = 1; readSize <= Math.Min(length, 40); readSize++)
                Assert.Equal("日本語 🚀 ok", Assert.Single(await Stream(body, readSize)).TextOrEmpty);
        }

        [Fact]
        public async Task Unknown_fields_and_enum_values_are_kept_not_rejected()
        {
            const string json = """
            {"candidates": [{"content": {"parts": [{"text": "hi", "futurePartFlag": true}], "role": "model"},
              "finishReason": "SOME_FUTURE_REASON", "safetyRatings": [{"category": "HARM_CATEGORY_FUTURE", "probability": "VERY_LOW"}],
              "newCandidateField": {"nested": [1, 2]}}],
             "promptFeedback": {"blockReason": "NEW_BLOCK_REASON_NOT_BLOCKING_HERE", "safetyRatings": []},
             "usageMetadata": {"promptTokenCount": 1, "futureTokenCount": 5}, "brandNewTopLevel": "x"}
            """;
            using var client = new CannedHandler(Encoding.UTF8.GetBytes(json), "application/json; charset=UTF-8").Client();
            var reply = await client.Models.GenerateContentAsync("m", s_request);
            Assert.Equal("hi", reply.Text);
            Assert.Equal("SOME_FUTURE_REASON", reply.FinishReason);
            Assert.Equal("HARM_CATEGORY_FUTURE", reply.Candidates[0].SafetyRatings[0].Category);
            Assert.True(reply.AdditionalProperties.ContainsKey("brandNewTopLevel"));
            Assert.True(reply.Candidates[0].AdditionalProperties.ContainsKey("newCandidateField"));
            Assert.True(reply.UsageMetadata.AdditionalProperties.ContainsKey("futureTokenCount"));
            string written = System.Text.Json.JsonSerializer.Serialize(reply, GenAIJsonContext.Default.GenerateContentResponse);
            Assert.Contains("\"futurePartFlag\":true", written);
        }

        [Fact]
        public async Task Empty_candidates_and_missing_usage_read_fine_and_Text_explains_itself()
        {
            using var client = new CannedHandler(Encoding.UTF8.GetBytes("{\"candidates\": []}"), "application/json").Client();
            var reply = await client.Models.GenerateContentAsync("m", s_request);
            Assert.Empty(reply.Candidates);
            Assert.Null(reply.UsageMetadata);
            Assert.Equal("", reply.TextOrEmpty);
            Assert.Null(reply.FinishReason);
            var error = Assert.Throws<ResponseHasNoTextException>(() => reply.Text);
            Assert.Contains("no candidates", error.Message);
        }

        [Fact]
        public async Task An_empty_object_and_a_stream_of_chunks_without_usage_aggregate_without_error()
        {
            var chunks = await Stream("data: {}\n\n" + Event("a", "\n") + "data: {\"candidates\": []}\n\n", 7);
            var aggregator = new StreamAggregator();
            foreach (var chunk in chunks) aggregator.Add(chunk);
            var whole = aggregator.ToResponse();
            Assert.Equal("a", whole.TextOrEmpty);
            Assert.Null(whole.UsageMetadata);
        }

        [Fact]
        public async Task A_10_MB_reply_is_read_whole_unary_and_as_one_streamed_event()
        {
            string big = new string('x', 10 * 1024 * 1024);
            string json = "{\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"" + big + "\"}], \"role\": \"model\"}}]}";
            using (var client = new CannedHandler(Encoding.UTF8.GetBytes(json), "application/json", readSize: 8192).Client())
                Assert.Equal(big.Length, (await client.Models.GenerateContentAsync("m", s_request)).Text.Length);

            var chunks = await Stream("data: " + json + "\r\n\r\n", readSize: 65536);
            Assert.Equal(big.Length, Assert.Single(chunks).TextOrEmpty.Length);
        }

        [Fact]
        public async Task The_json_array_stream_form_is_read_too()
        {
            string body = "[{\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"a\"}]}}]}\n,\r\n{\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"b\"}]}}]}\n]";
            using var client = new CannedHandler(Encoding.UTF8.GetBytes(body), "application/json", readSize: 3).Client();
            var chunks = new List<GenerateContentResponse>();
            await foreach (var chunk in client.Models.StreamGenerateContentAsync("m", s_request)) chunks.Add(chunk);
            Assert.Equal("ab", string.Concat(chunks.Select(c => c.TextOrEmpty)));
        }

        [Fact]
        public async Task Leftover_text_at_the_end_of_a_stream_is_a_typed_error_after_the_good_chunks()
        {
            using var client = new CannedHandler(Encoding.UTF8.GetBytes(Event("ok", "\n") + "<html>proxy error</html>"), "text/event-stream").Client();
            var chunks = new List<GenerateContentResponse>();
            var error = await Assert.ThrowsAsync<StreamInterruptedException>(async () =>
            {
                await foreach (var chunk in client.Models.StreamGenerateContentAsync("m", s_request)) chunks.Add(chunk);
            });
            Assert.Single(chunks);
            Assert.IsType<ResponseParseException>(error.InnerException);
            Assert.Contains("proxy error", error.Message);
        }
    }
}
