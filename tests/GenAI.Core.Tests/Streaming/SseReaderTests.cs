using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using GenAI.Core.Streaming;
using GenAI.Core.Tests.TestSupport;

namespace GenAI.Core.Tests.Streaming
{
    public class SseReaderTests
    {
        private static async Task<List<string>> ReadAll(string body, int chunkSize = 4096)
        {
            var events = new List<string>();
            using var reader = new SseReader(new ChunkedStream(Encoding.UTF8.GetBytes(body), chunkSize));
            while (await reader.MoveNextAsync(CancellationToken.None))
                events.Add(Encoding.UTF8.GetString(reader.Current.Span));
            return events;
        }

        [Theory]
        [InlineData("data: {\"a\":1}\r\n\r\ndata: {\"a\":2}\r\n\r\n")]
        [InlineData("data: {\"a\":1}\n\ndata: {\"a\":2}\n\n")]
        [InlineData("data: {\"a\":1}\r\rdata: {\"a\":2}\r\r")]
        [InlineData("data:{\"a\":1}\n\ndata:{\"a\":2}")]
        [InlineData(": keep-alive\n\ndata: {\"a\":1}\n\n: comment\nevent: message\nid: 7\ndata: {\"a\":2}\n\n")]
        public async Task Reads_events_with_any_line_ending_and_ignores_comments_and_other_fields(string body)
        {
            foreach (int chunkSize in new[] { 1, 2, 3, 7, 4096 })
                Assert.Equal(new[] { "{\"a\":1}", "{\"a\":2}" }, await ReadAll(body, chunkSize));
        }

        [Fact]
        public async Task Joins_multiple_data_lines_with_newline()
        {
            Assert.Equal(new[] { "{\"a\":\n1}" }, await ReadAll("data: {\"a\":\ndata: 1}\n\n"));
        }

        [Fact]
        public async Task Keeps_utf8_sequences_split_across_reads_intact()
        {
            string text = "data: {\"t\":\"héllo 世界 🚀 ok\"}\r\n\r\n";
            var events = await ReadAll(text, chunkSize: 1);
            Assert.Equal("{\"t\":\"héllo 世界 🚀 ok\"}", Assert.Single(events));
        }

        [Fact]
        public async Task Raises_stray_text_such_as_a_mid_stream_error()
        {
            string body = "data: {\"a\":1}\r\n\r\n{\n  \"error\": {\n    \"code\": 503,\n    \"status\": \"UNAVAILABLE\"\n  }\n}\n";
            using var reader = new SseReader(new MemoryStream(Encoding.UTF8.GetBytes(body)));
            Assert.True(await reader.MoveNextAsync(CancellationToken.None));
            var stray = await Assert.ThrowsAsync<SseStrayContentException>(() => reader.MoveNextAsync(CancellationToken.None).AsTask());
            Assert.Contains("\"code\": 503", stray.Content);
        }

        [Fact]
        public async Task Empty_body_has_no_events()
        {
            Assert.Empty(await ReadAll(""));
            Assert.Empty(await ReadAll("\r\n\r\n"));
        }

        [Fact]
        public async Task Handles_events_larger_than_the_initial_buffer()
        {
            string big = new string('x', 100_000);
            var events = await ReadAll($"data: \"{big}\"\n\ndata: 2\n\n", chunkSize: 8192);
            Assert.Equal(2, events.Count);
            Assert.Equal(100_002, events[0].Length);
        }
    }
}
