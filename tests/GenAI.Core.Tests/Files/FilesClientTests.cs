using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using GenAI.Core.Errors;
using GenAI.Core.Files;
using GenAI.Core.Models;
using GenAI.Core.Protocol;
using GenAI.Emulator;

namespace GenAI.Core.Tests.Files
{
    public sealed class FilesClientTests : IAsyncLifetime
    {
        private EmulatorHost _emulator;
        private GenAIClient _client;
        private readonly List<string> _temp = new List<string>();

        public async Task InitializeAsync()
        {
            _emulator = await EmulatorHost.StartAsync(new EmulatorOptions { ApiKey = "emulator-key", Port = 0, FileProcessingDelay = TimeSpan.FromMilliseconds(300) });
            _client = new GenAIClient(new GenAIClientOptions { BaseUri = _emulator.BaseUri, ApiKey = "emulator-key" });
        }

        public async Task DisposeAsync()
        {
            _client.Dispose();
            await _emulator.DisposeAsync();
            foreach (var path in _temp) File.Delete(path);
        }

        private FileInfo TempFile(string extension, int size)
        {
            var path = Path.Combine(Path.GetTempPath(), "genai-files-" + Guid.NewGuid().ToString("N") + extension);
            var bytes = new byte[size];
            new Random(size).NextBytes(bytes);
            File.WriteAllBytes(path, bytes);
            _temp.Add(path);
            return new FileInfo(path);
        }

        private sealed class Recorder : IProgress<UploadProgress>
        {
            public List<UploadProgress> Reports { get; } = new List<UploadProgress>();

            public void Report(UploadProgress value) { lock (Reports) Reports.Add(value); }
        }

        [Fact]
        public async Task A_25_MB_file_is_uploaded_resumably_in_8_MiB_chunks_and_becomes_active()
        {
            var file = TempFile(".mp4", 25 * 1024 * 1024);
            var progress = new Recorder();
            var uploaded = await _client.Files.UploadFileAsync(file, progress: progress);

            Assert.Equal("video/mp4", uploaded.MimeType);
            Assert.Equal(file.Name, uploaded.DisplayName);
            Assert.Equal(file.Length, uploaded.SizeBytes);
            var start = Assert.Single(_emulator.Requests, r => r.Path == "/upload/v1beta/files" && !r.Query.Contains("upload_id"));
            Assert.Equal("resumable", start.Headers["X-Goog-Upload-Protocol"]);
            Assert.Equal(file.Length.ToString(), start.Headers["X-Goog-Upload-Header-Content-Length"]);
            Assert.Equal("***", start.Headers["x-goog-api-key"]);
            var chunks = _emulator.Requests.Where(r => r.Query.Contains("upload_id")).ToList();
            Assert.Equal(new long[] { 8388608, 8388608, 8388608, 1048576 }, chunks.Select(c => c.BodyLength));
            Assert.Equal(new[] { "upload", "upload", "upload", "upload, finalize" }, chunks.Select(c => c.Headers["X-Goog-Upload-Command"]));
            Assert.Equal(new[] { "0", "8388608", "16777216", "25165824" }, chunks.Select(c => c.Headers["X-Goog-Upload-Offset"]));
            Assert.Equal(new long[] { 0, 8388608, 16777216, 25165824, 26214400 }, progress.Reports.Select(p => p.BytesSent));
            Assert.All(progress.Reports, p => Assert.Equal(file.Length, p.TotalBytes));

            Assert.Equal("PROCESSING", uploaded.State);
            var active = await _client.Files.WaitUntilActiveAsync(uploaded);
            Assert.Equal("ACTIVE", active.State);
            Assert.True(_emulator.Requests.Count(r => r.Method == "GET" && r.Path == "/v1beta/" + uploaded.Name) >= 1);
        }

        [Fact]
        public async Task Uploading_and_waiting_reports_the_bytes_then_the_processing_then_the_end()
        {
            var progress = new Recorder();
            var file = await _client.Files.UploadAndWaitAsync(new BytesBlobSource(new byte[10]), new FileUploadOptions("image/png") { DisplayName = "ten" }, progress: progress);
            Assert.Equal("ACTIVE", file.State);
            Assert.Equal(new[] { UploadStage.Uploading, UploadStage.Uploading, UploadStage.Processing, UploadStage.Done }, progress.Reports.Select(p => p.Stage));
            Assert.All(progress.Reports, p => Assert.Equal("ten", p.Description));

            var quick = new Recorder();
            var unprocessed = await _client.Files.UploadAndWaitAsync(new BytesBlobSource(new byte[10]), new FileUploadOptions("image/png"), wait: false, progress: quick);
            Assert.Equal("PROCESSING", unprocessed.State);
            Assert.Equal(UploadStage.Done, quick.Reports[^1].Stage);
            Assert.DoesNotContain(quick.Reports, p => p.Stage == UploadStage.Processing);
        }

        [Fact]
        public async Task Chunks_follow_the_servers_granularity()
        {
            var uploader = new ResumableUploader(new GenAIClientOptions { BaseUri = _emulator.BaseUri, ApiKey = "emulator-key" }) { ChunkSize = 600_000 };
            using var client = new GenAIClient(new GenAIClientOptions { BaseUri = _emulator.BaseUri, ApiKey = "emulator-key" }, uploader: uploader);
            var file = TempFile(".png", 700_000);
            await client.Files.UploadFileAsync(file);
            var sizes = _emulator.Requests.Where(r => r.Query.Contains("upload_id")).Select(r => r.BodyLength).ToArray();
            Assert.Equal(new long[] { 524288, 175712 }, sizes);   // 600 000 rounded down to 2 × 262 144
        }

        [Fact]
        public async Task A_request_over_the_inline_limit_moves_its_largest_files_to_the_Files_API()
        {
            var big = TempFile(".png", 16 * 1024 * 1024);
            var small = TempFile(".jpg", 1000);
            var contents = new List<Content> { new Content("user", new[] { Part.FromText("Describe"), new Part { InlineData = new Blob(new FileBlobSource(big.FullName, big.Length), "image/png") },
                new Part { InlineData = new Blob(new FileBlobSource(small.FullName, small.Length), "image/jpeg") } }) };

            var sent = await _client.Files.MoveLargeInlineDataToFilesAsync(contents);

            var parts = Assert.Single(sent).Parts;
            Assert.Equal("Describe", parts[0].Text);
            Assert.StartsWith(_emulator.BaseUri + "v1beta/files/", parts[1].FileData!.FileUri);
            Assert.Equal("image/png", parts[1].FileData.MimeType);
            Assert.NotNull(parts[2].InlineData);   // the small one stays inline
            Assert.NotNull(contents[0].Parts[1].InlineData);   // the caller's contents are unchanged

            var reply = await _client.Models.GenerateContentAsync(new GenerativeModel("echo"), sent);
            Assert.Equal($"Echo: Describe [fileData image/png {parts[1].FileData.FileUri}] [inlineData image/jpeg 1000 bytes]", reply.Text);
        }

        [Fact]
        public async Task A_request_within_the_limit_is_left_alone()
        {
            var contents = new List<Content> { new Content("user", new[] { Part.FromBytes(new byte[1000], "image/png") }) };
            Assert.Same(contents, await _client.Files.MoveLargeInlineDataToFilesAsync(contents));
            Assert.Empty(_emulator.Requests);
        }

        [Fact]
        public async Task Files_are_listed_across_pages_fetched_by_name_and_deleted()
        {
            var names = new List<string>();
            for (int i = 0; i < 3; i++)
                names.Add((await _client.Files.UploadAsync(new BytesBlobSource(new byte[] { (byte)i }), new FileUploadOptions("text/plain") { DisplayName = "f" + i })).Name);

            var listed = new List<GenAIFile>();
            await foreach (var file in _client.Files.ListAsync(pageSize: 2)) listed.Add(file);
            Assert.Equal(names.OrderBy(n => n), listed.Select(f => f.Name).OrderBy(n => n));
            Assert.Equal(2, _emulator.Requests.Count(r => r.Method == "GET" && r.Path == "/v1beta/files"));

            var one = await _client.Files.GetAsync(names[0].Substring("files/".Length));
            Assert.Equal("f0", one.DisplayName);
            await _client.Files.DeleteAsync(names[0]);
            var error = await Assert.ThrowsAsync<ApiException>(() => _client.Files.GetAsync(names[0]));
            Assert.Equal(403, error.HttpStatus);
        }

        [Fact]
        public async Task A_named_upload_keeps_its_name()
        {
            var file = await _client.Files.UploadAsync(new BytesBlobSource(new byte[] { 1 }), new FileUploadOptions("image/png") { Name = "my-chosen-id" });
            Assert.Equal("files/my-chosen-id", file.Name);
        }

        [Theory]
        [InlineData("abc", "files/abc")]
        [InlineData("files/abc", "files/abc")]
        [InlineData("https://generativelanguage.googleapis.com/v1beta/files/abc", "files/abc")]
        public void File_names_are_normalised(string input, string expected) => Assert.Equal(expected, FilesClient.NormalizeName(input));

        [Fact]
        public void A_custom_endpoint_receives_the_upload_too()
        {
            var upload = new Uri("https://generativelanguage.googleapis.com/upload/v1beta/files?upload_id=xyz&upload_protocol=resumable");
            using var proxied = new ResumableUploader(new GenAIClientOptions { BaseUri = new Uri("https://proxy.example/gemini") });
            Assert.Equal("https://proxy.example/gemini/upload/v1beta/files?upload_id=xyz&upload_protocol=resumable", proxied.RebaseUploadUri(upload).AbsoluteUri);
            using var direct = new ResumableUploader(new GenAIClientOptions());
            Assert.Same(upload, direct.RebaseUploadUri(upload));
        }

        [Fact]
        public async Task A_chunk_reply_without_status_is_retried_then_the_upload_completes()
        {
            var handler = new ScriptedUploadHandler();
            var options = new GenAIClientOptions { BaseUri = new Uri("https://upload.test/"), ApiKey = "k" };
            using var uploader = new ResumableUploader(options, new HttpClient(handler)) { Delay = (_, _) => Task.CompletedTask };
            var file = await uploader.UploadAsync(new BytesBlobSource(new byte[] { 1, 2, 3 }), new FileUploadOptions("image/png"), null, GenAI.Core.Transport.RequestOptions.Default, CancellationToken.None);
            Assert.Equal("files/done", file.Name);
            Assert.Equal(2, handler.ChunkAttempts);
        }

        [Fact]
        public async Task A_file_that_failed_processing_is_FileProcessingFailed()
        {
            var failed = new GenAIFile { Name = "files/x", State = "FAILED", Error = new ErrorStatus { Code = 400, Message = "not a video" } };
            var error = await Assert.ThrowsAsync<FilesException>(() => _client.Files.WaitUntilActiveAsync(failed));
            Assert.Equal("FileProcessingFailed", error.ErrorCode);
            Assert.Contains("not a video", error.Message);
        }

        private sealed class ScriptedUploadHandler : HttpMessageHandler
        {
            public int ChunkAttempts { get; private set; }

            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("") };
                if (!request.RequestUri!.Query.Contains("upload_id"))
                {
                    response.Headers.Add("X-Goog-Upload-URL", "https://upload.test/upload/v1beta/files?upload_id=1");
                    response.Headers.Add("X-Goog-Upload-Status", "active");
                    return Task.FromResult(response);
                }
                if (++ChunkAttempts == 1) return Task.FromResult(response);   // no status header: must be retried
                response.Headers.Add("X-Goog-Upload-Status", "final");
                response.Content = new StringContent("{\"file\": {\"name\": \"files/done\", \"state\": \"ACTIVE\"}}");
                return Task.FromResult(response);
            }
        }
    }
}
