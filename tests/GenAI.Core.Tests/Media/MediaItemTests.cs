using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using GenAI.Core.Media;
using GenAI.Core.Protocol;
using Xunit;

namespace GenAI.Core.Tests.Media
{
    public class MediaItemTests
    {
        private static Part Inline(string mimeType, byte[] data) => new Part { InlineData = new Blob { MimeType = mimeType, Data = Convert.ToBase64String(data) } };

        [Theory]
        [InlineData("audio/L16;codec=pcm;rate=24000", 24000, 1, 16)]
        [InlineData("audio/L16; rate=16000; channels=2", 16000, 2, 16)]
        [InlineData("audio/pcm", 24000, 1, 16)]
        public void Pcm_mime_types_give_their_rate_channels_and_bits(string mimeType, int rate, int channels, int bits)
        {
            var format = PcmFormat.TryParse(mimeType)!;
            Assert.Equal((rate, channels, bits), (format.SampleRate, format.Channels, format.BitsPerSample));
        }

        [Theory]
        [InlineData("audio/wav")]
        [InlineData("image/png")]
        [InlineData("")]
        public void Other_types_are_not_pcm(string mimeType) => Assert.Null(PcmFormat.TryParse(mimeType));

        [Fact]
        public void Pcm_is_wrapped_in_a_canonical_wav_header_and_consecutive_parts_are_joined()
        {
            var parts = new List<Part> { Inline("audio/L16;codec=pcm;rate=24000", new byte[] { 1, 2, 3, 4 }), Inline("audio/L16;codec=pcm;rate=24000", new byte[] { 5, 6 }) };
            var item = Assert.Single(MediaItem.FromParts(parts, "resp", includeThoughts: false));
            Assert.Equal("resp-0.wav", item.Name);
            byte[] wav = item.Data;
            Assert.Equal("RIFF", Encoding.ASCII.GetString(wav, 0, 4));
            Assert.Equal(36 + 6, BitConverter.ToInt32(wav, 4));
            Assert.Equal("WAVEfmt ", Encoding.ASCII.GetString(wav, 8, 8));
            Assert.Equal(24000, BitConverter.ToInt32(wav, 24));
            Assert.Equal(48000, BitConverter.ToInt32(wav, 28));
            Assert.Equal(6, BitConverter.ToInt32(wav, 40));
            Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 6 }, wav[44..]);
        }

        [Fact]
        public void An_odd_pcm_length_gets_a_pad_byte_outside_the_data_size()
        {
            var item = Assert.Single(MediaItem.FromParts(new[] { Inline("audio/L16;rate=8000", new byte[] { 9, 9, 9 }) }, "x", false));
            Assert.Equal(3, BitConverter.ToInt32(item.Data, 40));
            Assert.Equal(36 + 4, BitConverter.ToInt32(item.Data, 4));
            Assert.Equal(44 + 4, item.Data.Length);
        }

        [Fact]
        public void Audio_that_is_already_wav_is_kept_as_sent()
        {
            var stream = new MemoryStream();
            WaveFile.Write(stream, PcmFormat.TryParse("audio/L16")!, new byte[] { 1, 2 });
            var item = Assert.Single(MediaItem.FromParts(new[] { Inline("audio/L16", stream.ToArray()) }, "x", false));
            Assert.Equal(stream.ToArray(), item.Data);
        }

        [Fact]
        public void Names_come_from_the_response_id_candidate_and_part_index_and_thought_images_are_skipped()
        {
            var response = new GenerateContentResponse
            {
                ResponseId = "abc",
                Candidates = new List<Candidate>
                {
                    new Candidate { Index = 0, Content = new Content("model", new[] { Part.FromText("hi"), Inline("image/png", new byte[] { 1 }) }) },
                    new Candidate { Index = 1, Content = new Content("model", new[] { new Part { Thought = true, InlineData = new Blob { MimeType = "image/png", Data = "AQ==" } }, Inline("image/jpeg", new byte[] { 2 }) }) },
                },
            };
            var items = MediaItem.From(response, includeThoughts: false);
            Assert.Equal(new[] { "abc-1.png", "abc-1-1.jpg" }, items.ConvertAll(i => i.Name));
            Assert.Equal(3, MediaItem.From(response, includeThoughts: true).Count);
        }

        [Fact]
        public void Url_safe_base64_without_padding_is_read() =>
            Assert.Equal(new byte[] { 0xFB, 0xFF }, MediaItem.Decode(new Blob { MimeType = "image/png", Data = "-_8" }));
    }
}
