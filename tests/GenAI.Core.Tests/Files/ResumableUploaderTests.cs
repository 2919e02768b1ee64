using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using GenAI.Core.Errors;
using GenAI.Core.Files;
using GenAI.Core.Protocol;
using GenAI.Core.Tests.TestSupport;
using GenAI.Core.Transport;

namespace GenAI.Core.Tests.Files
{
    /// <summary>
    /// Uploads under failure: every request of the resumable protocol is retried under the client's retry policy,
    /// and a chunk whose request failed resumes from what the service reports it holds.
    /// </summary>
    public sealed class ResumableUploaderTests : IClassFixture<InProcessEmulator>
    {
        private const int Granularity = 262_144;
        private readonly InProcessEmulator _emulator;

        public ResumableUploaderTests(InProcessEmulator emulator)
        {
            _emulator = emulator;
        }

        private GenAIClientOptions Options(int maxRetries = 3) => new GenAIClientOptions
        {
            BaseUri = _emulator.Host.BaseUri,
            ApiKey = InProcessEmulator.ApiKey,
            Retry = new RetryPolicy { InitialDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromMilliseconds(20) },
            Defaults = new RequestOptions { MaxRetries = maxRetries },
        };

        // Three chunks of one granule each, then a short last one.
        private static byte[] Data()
        {
            var bytes = new byte[3 * Granularity + 1000];
            new Random(7).NextBytes(bytes);
            return bytes;
        }

        // The service's sha256Hash: base64 of the lower-case hex digest.
        private static string ExpectedHash(byte[] data)
        {
            using var sha = SHA256.Create();
            string hex = string.Concat(sha.ComputeHash(data).Select(b => b.ToString("x2")));
            return Convert.ToBase64String(Encoding.ASCII.GetBytes(hex));
        }

        private async Task<(GenAIFile File, List<string> Log)> UploadAsync(string displayName, byte[] data, int maxRetries = 3)
        {
            var log = new List<string>();
            using var uploader = new ResumableUploader(Options(maxRetries)) { ChunkSize = Granularity };
            var options = new RequestOptions { Log = (_, message) => { lock (log) log.Add(message); } };
            var file = await uploader.UploadAsync(new BytesBlobSource(data), new FileUploadOptions("application/octet-stream") { DisplayName = displayName }, null, options, CancellationToken.None);
            return (file, log);
        }

        private List<string> ChunkCommands(string displayName)
        {
            string startId = _emulator.Host.Requests
                .Where(r => r.Path == "/upload/v1beta/files" && !r.Query.Contains("upload_id") && r.Body.Contains(displayName))
                .Select(r => r.Sequence).Single().ToString();
            return _emulator.Host.Requests
                .Where(r => r.Query.Contains("upload_id") && r.Sequence > long.Parse(startId))
                .OrderBy(r => r.Sequence)
                .Select(r => r.Headers["X-Goog-Upload-Command"] + (r.Headers.TryGetValue("X-Goog-Upload-Offset", out var offset) ? " @" + offset : ""))
                .ToList();
        }

        [Fact]
        public async Task Refused_chunks_are_retried_and_the_file_arrives_whole()
        {
            string name = InProcessEmulator.Tagged("fault-503x2");
            var data = Data();
            var (file, log) = await UploadAsync(name, data);

            Assert.Equal(data.Length, file.SizeBytes);
            Assert.Equal(ExpectedHash(data), file.Sha256Hash);
            Assert.Equal(2, log.Count(m => m.StartsWith("media.upload (bytes 0-262144 of 787432)", StringComparison.Ordinal) && m.Contains("Retry")));
            // Each retry asks first: the refused request stored nothing, so the same bytes go again.
            Assert.Equal(new[] { "upload @0", "query", "upload @0", "query", "upload @0", "upload @262144", "upload @524288", "upload, finalize @786432" }, ChunkCommands(name));
        }

        [Fact]
        public async Task A_chunk_whose_reply_was_lost_is_not_sent_twice()
        {
            string name = InProcessEmulator.Tagged("fault-reset");
            var data = Data();
            var (file, log) = await UploadAsync(name, data);

            Assert.Equal(ExpectedHash(data), file.Sha256Hash);
            Assert.Contains(log, m => m.Contains("Retry 1 of 3"));
            Assert.DoesNotContain(log, m => m.Contains(".. "));   // the failure's own full stop is not doubled
            // The query says the first granule arrived: the upload goes on at the next one.
            Assert.Equal(new[] { "upload @0", "query", "upload @262144", "upload @524288", "upload, finalize @786432" }, ChunkCommands(name));
        }

        [Fact]
        public async Task An_upload_that_keeps_failing_gives_up_after_the_retries_with_the_services_error()
        {
            string name = InProcessEmulator.Tagged("fault-500");
            var error = await Assert.ThrowsAsync<ApiException>(() => UploadAsync(name, Data(), maxRetries: 2));
            Assert.Equal(500, error.HttpStatus);
            Assert.Equal(3, error.Attempts);
        }

        [Fact]
        public async Task The_total_time_limit_covers_the_whole_upload()
        {
            string name = InProcessEmulator.Tagged("fault-500");
            var options = Options(maxRetries: 1000);
            options.Retry.InitialDelay = options.Retry.MaxDelay = TimeSpan.FromMilliseconds(100);
            using var uploader = new ResumableUploader(options) { ChunkSize = Granularity };
            var error = await Assert.ThrowsAsync<RequestTimeoutException>(() => uploader.UploadAsync(new BytesBlobSource(Data()),
                new FileUploadOptions("application/octet-stream") { DisplayName = name }, null, new RequestOptions { Deadline = TimeSpan.FromSeconds(1) }, CancellationToken.None));
            Assert.True(error.IsOverall);
            Assert.Contains("media.upload", error.Message);
        }

        [Fact]
        public async Task A_refused_start_is_retried()
        {
            var handler = new ScriptedUploadHandler { StartFailures = 1 };
            using var uploader = new ResumableUploader(new GenAIClientOptions { BaseUri = new Uri("https://upload.test/"), ApiKey = "k", Retry = Options().Retry }, new HttpClient(handler));
            var file = await uploader.UploadAsync(new BytesBlobSource(new byte[] { 1, 2, 3 }), new FileUploadOptions("image/png"), null, RequestOptions.Default, CancellationToken.None);
            Assert.Equal("files/done", file.Name);
            Assert.Equal(2, handler.Starts);
        }

        [Fact]
        public async Task A_chunk_that_arrived_in_part_is_finished_with_its_missing_bytes_only()
        {
            var handler = new ScriptedUploadHandler { FailFirstChunk = true, ReceivedOnQuery = 2 };
            using var uploader = new ResumableUploader(new GenAIClientOptions { BaseUri = new Uri("https://upload.test/"), ApiKey = "k", Retry = Options().Retry }, new HttpClient(handler));
            var file = await uploader.UploadAsync(new BytesBlobSource(new byte[] { 1, 2, 3, 4, 5 }), new FileUploadOptions("image/png"), null, RequestOptions.Default, CancellationToken.None);
            Assert.Equal("files/done", file.Name);
            Assert.Equal(new[] { "upload, finalize @0 (5 bytes)", "query", "upload, finalize @2 (3 bytes)" }, handler.Chunks);
        }

        [Fact]
        public async Task A_service_that_holds_bytes_outside_the_chunk_stops_the_upload_with_a_clear_error()
        {
            var handler = new ScriptedUploadHandler { FailFirstChunk = true, ReceivedOnQuery = 9 };
            using var uploader = new ResumableUploader(new GenAIClientOptions { BaseUri = new Uri("https://upload.test/"), ApiKey = "k", Retry = Options().Retry }, new HttpClient(handler));
            var error = await Assert.ThrowsAsync<FilesException>(() => uploader.UploadAsync(new BytesBlobSource(new byte[] { 1, 2, 3, 4, 5 }),
                new FileUploadOptions("image/png"), null, RequestOptions.Default, CancellationToken.None));
            Assert.Equal("UploadFailed", error.ErrorCode);
            Assert.Contains("holds 9 bytes", error.Message);
            Assert.Contains("Upload the file again", error.RecommendedAction);
            Assert.Equal(2, handler.Chunks.Count);   // not retried: asking again would not change the answer
        }

        private sealed class ScriptedUploadHandler : HttpMessageHandler
        {
            public int StartFailures { get; set; }

            public bool FailFirstChunk { get; set; }

            public long ReceivedOnQuery { get; set; }

            public int Starts { get; private set; }

            public List<string> Chunks { get; } = new List<string>();

            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("") };
                if (!request.RequestUri!.Query.Contains("upload_id"))
                {
                    if (++Starts <= StartFailures)
                        return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = new StringContent("{\"error\": {\"code\": 503, \"message\": \"busy\", \"status\": \"UNAVAILABLE\"}}") };
                    response.Headers.Add("X-Goog-Upload-URL", "https://upload.test/upload/v1beta/files?upload_id=1");
                    response.Headers.Add("X-Goog-Upload-Status", "active");
                    return response;
                }
                string command = string.Join(",", request.Headers.GetValues("X-Goog-Upload-Command"));
                if (command == "query")
                {
                    Chunks.Add("query");
                    response.Headers.Add("X-Goog-Upload-Status", "active");
                    response.Headers.Add("X-Goog-Upload-Size-Received", ReceivedOnQuery.ToString());
                    return response;
                }
                byte[] body = await request.Content!.ReadAsByteArrayAsync();
                Chunks.Add($"{command} @{request.Headers.GetValues("X-Goog-Upload-Offset").Single()} ({body.Length} bytes)");
                if (FailFirstChunk && Chunks.Count == 1) throw new HttpRequestException("connection reset");
                response.Headers.Add("X-Goog-Upload-Status", "final");
                response.Content = new StringContent("{\"file\": {\"name\": \"files/done\", \"state\": \"ACTIVE\"}}");
                return response;
            }
        }
    }
}
