using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using CsCheck;
using GenAI.Core.Streaming;
using GenAI.Core.Tests.TestSupport;

namespace GenAI.Core.Tests.Fuzz
{
    /// <summary>The SSE reader on random bytes and on well-formed streams, split into random reads.</summary>
    public class SseReaderFuzz
    {
        private static readonly string[] s_pieces =
        {
            "data:", "data: ", ":", " ", "\r", "\n", "\r\n", "\n\n", "\r\n\r\n", "{", "}", "\"", "x", "é", "🚀", "event: e", "id: 1", "retry: 5",
            "data: {\"a\":1}", "{\"error\": {\"code\": 503}}",
        };

        private static readonly Gen<byte[]> s_noise = FuzzGen.Weighted(
            (3, Gen.OneOf(s_pieces).Array[0, 40].Select(p => Encoding.UTF8.GetBytes(string.Concat(p)))),
            (1, Gen.Byte.Array[0, 200]));

        internal static List<string> ReadAll(byte[] body, int readSize)
        {
            var events = new List<string>();
            using var reader = new SseReader(new ChunkedStream(body, readSize));
            while (reader.MoveNextAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult())
                events.Add(Encoding.UTF8.GetString(reader.Current.Span));
            return events;
        }

        [Fact]
        public void Random_bytes_in_random_reads_end_cleanly_or_raise_only_stray_content()
        {
            int clean = 0;
            Gen.Select(s_noise, Gen.Int[1, 64]).Sample((body, readSize) =>
            {
                try
                {
                    Assert.All(ReadAll(body, readSize), e => Assert.NotNull(e));
                    Interlocked.Increment(ref clean);
                }
                catch (SseStrayContentException) { /* the documented outcome for text outside data lines */ }
            }, iter: FuzzBudget.Iterations(25_000));
            Assert.True(clean > 0, "no random body ended cleanly, so the reading path was never exercised to its end");
        }

        private static readonly Gen<string> s_payload = Gen.String[0, 30].Select(s => s.Replace("\r", "").Replace("\n", ""));

        [Fact]
        public void Well_formed_events_come_out_exactly_with_any_line_ending_comments_and_read_size()
        {
            var streams = Gen.Select(s_payload.Array[1, 3].Array[0, 8], Gen.OneOf("\n", "\r\n", "\r"), Gen.Bool.Array[9], Gen.Int[1, 32]);
            streams.Sample((events, newline, comments, readSize) =>
            {
                var body = new StringBuilder();
                for (int e = 0; e < events.Length; e++)
                {
                    if (comments[e]) body.Append(": comment ").Append(e).Append(newline);
                    foreach (string line in events[e]) body.Append("data: ").Append(line).Append(newline);
                    body.Append(newline);
                }
                var expected = events.Select(lines => string.Join("\n", lines)).ToList();
                var actual = ReadAll(Encoding.UTF8.GetBytes(body.ToString()), readSize);
                Assert.Equal(expected, actual);
            }, iter: FuzzBudget.Iterations(15_000));
        }
    }
}
