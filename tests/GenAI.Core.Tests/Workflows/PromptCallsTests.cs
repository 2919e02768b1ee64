using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using GenAI.Core.Chats;
using GenAI.Core.Files;
using GenAI.Core.Models;
using GenAI.Core.Protocol;
using GenAI.Emulator;

namespace GenAI.Core.Tests.Workflows
{
    /// <summary>Generate, stream, count and chat turns that first move inline data over the request limit to the Files API.</summary>
    public sealed class PromptCallsTests : IAsyncLifetime
    {
        private const string Key = "emulator-key";
        private EmulatorHost _emulator = null!;
        private GenAIClient _client = null!;
        private readonly List<string> _temp = new List<string>();

        public async Task InitializeAsync()
        {
            _emulator = await EmulatorHost.StartAsync(new EmulatorOptions { ApiKey = Key, Port = 0, FileProcessingDelay = TimeSpan.FromMilliseconds(50) });
            _client = new GenAIClient(new GenAIClientOptions { BaseUri = _emulator.BaseUri, ApiKey = Key });
        }

        public async Task DisposeAsync()
        {
            _client.Dispose();
            await _emulator.DisposeAsync();
            foreach (var path in _temp) File.Delete(path);
        }

        private Part FilePart(string extension, int size, string mimeType)
        {
            var path = Path.Combine(Path.GetTempPath(), "genai-prompt-" + Guid.NewGuid().ToString("N") + extension);
            File.WriteAllBytes(path, new byte[size]);
            _temp.Add(path);
            return new Part { InlineData = new Blob(new FileBlobSource(path, size), mimeType) };
        }

        private List<Content> LargePrompt() =>
            new List<Content> { new Content("user", new[] { Part.FromText("Describe"), FilePart(".png", 16 * 1024 * 1024, "image/png") }) };

        private int Uploads => _emulator.Requests.Count(r => r.Path == "/upload/v1beta/files" && !r.Query.Contains("upload_id"));

        private sealed class Recorder : IProgress<UploadProgress>
        {
            public List<UploadProgress> Reports { get; } = new List<UploadProgress>();

            public void Report(UploadProgress value) { lock (Reports) Reports.Add(value); }
        }

        [Fact]
        public async Task Generate_uploads_a_file_over_the_limit_reports_it_and_sends_its_uri()
        {
            var progress = new Recorder();
            var reply = await _client.Prompts.GenerateContentAsync(new GenerativeModel("echo"), LargePrompt(), uploads: progress);

            Assert.Matches(@"^Echo: Describe \[fileData image/png http://127\.0\.0\.1:\d+/v1beta/files/[^ ]+\]$", reply.Text);
            Assert.Equal(UploadStage.Done, progress.Reports.Last().Stage);
            Assert.Equal(1, Uploads);
        }

        [Fact]
        public async Task Stream_uploads_first_then_yields_the_chunks()
        {
            var progress = new Recorder();
            var chunks = new List<GenerateContentResponse>();
            await foreach (var chunk in _client.Prompts.StreamGenerateContentAsync(new GenerativeModel("echo"), LargePrompt(), uploads: progress))
            {
                Assert.Equal(UploadStage.Done, progress.Reports.Last().Stage);   // every upload is done before the first chunk
                chunks.Add(chunk);
            }

            Assert.NotEmpty(chunks);
            Assert.Contains("[fileData image/png ", string.Concat(chunks.Select(c => c.Text)));
        }

        [Fact]
        public async Task Count_tokens_counts_the_uploaded_file_by_its_uri()
        {
            var count = await _client.Prompts.CountTokensAsync(new GenerativeModel("echo"), LargePrompt());

            Assert.True(count.TotalTokens > 0);
            Assert.Equal(1, Uploads);
        }

        [Fact]
        public async Task A_prompt_within_the_limit_is_sent_inline_without_uploads()
        {
            var prompt = new List<Content> { new Content("user", new[] { Part.FromText("Describe"), FilePart(".png", 1000, "image/png") }) };
            var reply = await _client.Prompts.GenerateContentAsync(new GenerativeModel("echo"), prompt);

            Assert.Equal("Echo: Describe [inlineData image/png 1000 bytes]", reply.Text);
            Assert.Equal(0, Uploads);
        }

        [Fact]
        public async Task A_chat_message_that_fits_alone_is_uploaded_when_the_history_takes_the_room_and_the_history_keeps_its_uri()
        {
            // 14 MiB inline in the history is about 18.7 MB as base64: a 2 MiB attachment no longer fits beside it.
            var history = new[]
            {
                new Content("user", new[] { Part.FromBytes(new byte[14 * 1024 * 1024], "image/png") }),
                new Content("model", new[] { Part.FromText("A black square.") }),
            };
            var session = new ChatSession(new GenerativeModel("echo"), history);
            var message = new Content("user", new[] { Part.FromText("And this?"), FilePart(".jpg", 2 * 1024 * 1024, "image/jpeg") });

            var reply = await _client.Prompts.SendAsync(session, message);

            Assert.StartsWith("Echo: And this? [fileData image/jpeg ", reply.Text);
            Assert.Equal(1, Uploads);
            var sent = session.History[2];
            Assert.Equal("user", sent.Role);
            Assert.NotNull(sent.Parts[1].FileData);
            Assert.NotNull(message.Parts[1].InlineData);   // the caller's message is unchanged
        }

        [Fact]
        public async Task A_streamed_chat_turn_uploads_first_and_enters_the_history_when_complete()
        {
            var session = new ChatSession(new GenerativeModel("echo"));
            var message = new Content("user", new[] { Part.FromText("Look"), FilePart(".png", 21 * 1024 * 1024, "image/png") });

            var chunks = new List<GenerateContentResponse>();
            await foreach (var chunk in _client.Prompts.StreamAsync(session, message)) chunks.Add(chunk);

            Assert.NotEmpty(chunks);
            Assert.Equal(2, session.HistoryCount);
            Assert.NotNull(session.History[0].Parts[1].FileData);
            Assert.Equal(1, Uploads);
        }
    }
}
