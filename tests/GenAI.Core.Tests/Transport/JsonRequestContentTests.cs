using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using GenAI.Core.Errors;
using GenAI.Core.Protocol;
using GenAI.Core.Transport;

namespace GenAI.Core.Tests.Transport
{
    public sealed class JsonRequestContentTests : IDisposable
    {
        private readonly string _path = Path.Combine(Path.GetTempPath(), "genai-body-" + Guid.NewGuid().ToString("N") + ".png");

        public void Dispose() => File.Delete(_path);

        private static GenerateContentRequest RequestWith(params Part[] parts) => new GenerateContentRequest
        {
            Contents = { new Content("user", parts) },
            SystemInstruction = new Content(null, new[] { Part.FromText("be brief") }),
        };

        [Theory]
        [InlineData(0)]
        [InlineData(1)]
        [InlineData(2)]
        [InlineData(49151)]
        [InlineData(49152)]
        [InlineData(49153)]
        [InlineData(300_001)]
        public async Task The_streamed_body_equals_the_fully_serialised_request(int size)
        {
            var bytes = new byte[size];
            new Random(size).NextBytes(bytes);
            File.WriteAllBytes(_path, bytes);
            var request = RequestWith(Part.FromText("Describe"), new Part { InlineData = new Blob(new FileBlobSource(_path, size), "image/png") },
                Part.FromBytes(new byte[] { 1, 2, 3 }, "image/webp"));

            using var content = JsonRequestContent.Create(request, GenAIJsonContext.Default.GenerateContentRequest);
            byte[] body = await content.ReadAsByteArrayAsync();

            var expected = JsonSerializer.SerializeToUtf8Bytes(request, GenAIJsonContext.Default.GenerateContentRequest);   // Data getter materialises
            using (var expectedJson = JsonDocument.Parse(expected))
            using (var actualJson = JsonDocument.Parse(body))
                Assert.Equal(Canonical(expectedJson.RootElement), Canonical(actualJson.RootElement));   // base64 goes unescaped ('+', '/')
            Assert.Equal(body.Length, content.Headers.ContentLength);
            Assert.Equal("application/json", content.Headers.ContentType!.MediaType);
            using var json = JsonDocument.Parse(body);
            var data = json.RootElement.GetProperty("contents")[0].GetProperty("parts")[1].GetProperty("inlineData").GetProperty("data").GetString();
            Assert.Equal(bytes, Convert.FromBase64String(data!));
        }

        private static string Canonical(JsonElement element) => element.ValueKind switch
        {
            JsonValueKind.Object => "{" + string.Join(",", element.EnumerateObject().Select(p => p.Name + ":" + Canonical(p.Value))) + "}",
            JsonValueKind.Array => "[" + string.Join(",", element.EnumerateArray().Select(Canonical)) + "]",
            JsonValueKind.String => "'" + element.GetString() + "'",
            _ => element.GetRawText(),
        };

        [Fact]
        public async Task The_callers_request_is_not_modified_and_can_be_sent_twice()
        {
            File.WriteAllBytes(_path, new byte[] { 5, 6, 7 });
            var part = new Part { InlineData = new Blob(new FileBlobSource(_path, 3), "image/png") };
            var request = RequestWith(part);
            using var first = JsonRequestContent.Create(request, GenAIJsonContext.Default.GenerateContentRequest);
            var a = await first.ReadAsStringAsync();
            Assert.Same(part, request.Contents[0].Parts[0]);
            Assert.NotNull(part.InlineData!.Source);
            using var second = JsonRequestContent.Create(request, GenAIJsonContext.Default.GenerateContentRequest);
            Assert.Equal(a, await second.ReadAsStringAsync());
            Assert.Contains("\"data\":\"BQYH\"", a);
        }

        [Fact]
        public async Task A_file_that_changed_size_since_it_was_added_is_FileChanged()
        {
            File.WriteAllBytes(_path, new byte[10]);
            var request = RequestWith(new Part { InlineData = new Blob(new FileBlobSource(_path, 10), "image/png") });
            File.WriteAllBytes(_path, new byte[4]);
            using var shrunk = JsonRequestContent.Create(request, GenAIJsonContext.Default.GenerateContentRequest);
            var error = await Assert.ThrowsAsync<InvalidInputException>(() => shrunk.ReadAsByteArrayAsync());
            Assert.Equal("FileChanged", error.ErrorCode);

            File.WriteAllBytes(_path, new byte[20]);
            using var grown = JsonRequestContent.Create(request, GenAIJsonContext.Default.GenerateContentRequest);
            Assert.Equal("FileChanged", (await Assert.ThrowsAsync<InvalidInputException>(() => grown.ReadAsByteArrayAsync())).ErrorCode);
        }

        [Fact]
        public void Count_tokens_and_cached_content_requests_stream_their_blobs_too()
        {
            var blob = Part.FromBytes(new byte[] { 1 }, "image/png");
            var count = new CountTokensRequest { GenerateContentRequest = RequestWith(blob) };
            var cache = new CachedContent { Contents = new() { new Content("user", new[] { blob }) } };
            var blobs = new LazyBlobs();
            var countCopy = blobs.Substitute(count);
            var cacheCopy = blobs.Substitute(cache);
            Assert.Equal(2, blobs.Sources.Count);
            Assert.Equal(blobs.MarkerOf(0), countCopy.GenerateContentRequest!.Contents[0].Parts[0].InlineData!.Data);
            Assert.Equal(blobs.MarkerOf(1), cacheCopy.Contents![0].Parts[0].InlineData!.Data);
            Assert.NotNull(blob.InlineData!.Source);
            Assert.Same(count.GenerateContentRequest.SystemInstruction, countCopy.GenerateContentRequest.SystemInstruction);
        }
    }
}
