using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using GenAI.Core.Errors;
using GenAI.Core.Streaming;
using GenAI.Core.Tests.TestSupport;
using GenAI.Core.Transport;

namespace GenAI.Core.Tests.Reliability
{
    /// <summary>A hostile or broken server cannot make the client hold unbounded data or page for ever.</summary>
    public class BoundedMemoryTests
    {
        [Fact]
        public async Task An_SSE_line_longer_than_the_cap_stops_the_read()
        {
            byte[] endless = Encoding.ASCII.GetBytes("data: " + new string('a', 10_000));   // no line end in sight
            using var reader = new SseReader(new MemoryStream(endless), maxEventBytes: 4096);
            var error = await Assert.ThrowsAsync<SseEventTooLargeException>(async () => await reader.MoveNextAsync(CancellationToken.None));
            Assert.Equal(4096, error.LimitBytes);
        }

        [Fact]
        public async Task An_SSE_event_of_many_data_lines_over_the_cap_stops_the_read()
        {
            string lines = string.Concat(Enumerable.Repeat("data: " + new string('b', 500) + "\n", 20)) + "\n";
            using var reader = new SseReader(new MemoryStream(Encoding.ASCII.GetBytes(lines)), maxEventBytes: 4096);
            await Assert.ThrowsAsync<SseEventTooLargeException>(async () => await reader.MoveNextAsync(CancellationToken.None));
        }

        [Fact]
        public async Task Events_under_the_cap_read_as_before()
        {
            using var reader = new SseReader(new MemoryStream(Encoding.ASCII.GetBytes("data: {\"a\":1}\n\n")), maxEventBytes: 4096);
            Assert.True(await reader.MoveNextAsync(CancellationToken.None));
            Assert.Equal("{\"a\":1}", Encoding.ASCII.GetString(reader.Current.ToArray()));
        }

        [Fact]
        public async Task An_error_body_over_the_cap_is_a_typed_error_not_an_allocation()
        {
            byte[] huge = Encoding.ASCII.GetBytes("{\"error\": {\"message\": \"" + new string('x', ResponseBody.MaxErrorBytes + 10) + "\"}}");
            using var client = new CannedHandler(huge, "application/json", status: HttpStatusCode.InternalServerError).Client();
            var error = await Assert.ThrowsAsync<ResponseTooLargeException>(() =>
                client.Models.GenerateContentAsync("gemini-2.5-flash", EmulatorFixture.Prompt("x"), new RequestOptions { MaxRetries = 0 }));
            Assert.Equal("ResponseTooLarge", error.ErrorCode);
            Assert.Contains("1 MiB", error.Message);
        }

        [Fact]
        public async Task A_capped_stream_counts_every_read()
        {
            using var capped = new CappedStream(new MemoryStream(new byte[5000]), 4096, "models.get");
            var buffer = new byte[1000];
            int total = 0;
            for (int i = 0; i < 4; i++) total += await capped.ReadAsync(buffer, 0, buffer.Length);
            Assert.Equal(4000, total);
            await Assert.ThrowsAsync<ResponseTooLargeException>(() => capped.ReadAsync(buffer, 0, buffer.Length));
        }

        [Fact]
        public async Task Paging_stops_on_a_repeated_page_token()
        {
            // Every page says "there is another page, token t1": without a check the listing never ends.
            byte[] page = Encoding.ASCII.GetBytes("{\"models\": [{\"name\": \"models/a\"}], \"nextPageToken\": \"t1\"}");
            using var client = new CannedHandler(page, "application/json").Client();
            int listed = 0;
            var error = await Assert.ThrowsAsync<ResponseParseException>(async () =>
            {
                await foreach (var _ in client.Models.ListAsync()) if (++listed > 100) break;
            });
            Assert.Equal(2, listed);
            Assert.Contains("page token it had already returned", error.Message);
        }
    }
}
