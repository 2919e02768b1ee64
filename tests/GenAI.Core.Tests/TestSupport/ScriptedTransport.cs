using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using GenAI.Core.Protocol;
using GenAI.Core.Transport;

namespace GenAI.Core.Tests.TestSupport
{
    /// <summary>
    /// A fake wire transport that plays scripted attempts in order: each attempt either fails before
    /// replying, or yields its chunks (a unary call gets the first) and then optionally fails.
    /// </summary>
    public sealed class ScriptedTransport : ITransport
    {
        private readonly ConcurrentQueue<Attempt> _script = new ConcurrentQueue<Attempt>();

        public int Calls;

        public List<RequestOptions> SeenOptions { get; } = new List<RequestOptions>();

        public ScriptedTransport Fail(Exception error) { _script.Enqueue(new Attempt(Array.Empty<GenerateContentResponse>(), error, hang: false)); return this; }

        public ScriptedTransport Reply(params string[] chunkTexts) { _script.Enqueue(new Attempt(Chunks(chunkTexts), null, hang: false)); return this; }

        public ScriptedTransport ReplyThenFail(Exception error, params string[] chunkTexts) { _script.Enqueue(new Attempt(Chunks(chunkTexts), error, hang: false)); return this; }

        /// <summary>An attempt that waits until its token is cancelled.</summary>
        public ScriptedTransport Hang() { _script.Enqueue(new Attempt(Array.Empty<GenerateContentResponse>(), null, hang: true)); return this; }

        public static GenerateContentResponse Chunk(string text) => new GenerateContentResponse
        {
            Candidates = new List<Candidate> { new Candidate { Content = new Content("model", new[] { new Part { Text = text } }) } },
        };

        private static GenerateContentResponse[] Chunks(string[] texts) => Array.ConvertAll(texts, Chunk);

        private Attempt Next(RequestOptions options)
        {
            Interlocked.Increment(ref Calls);
            lock (SeenOptions) SeenOptions.Add(options);
            if (!_script.TryDequeue(out var attempt)) throw new InvalidOperationException("The script has no more attempts.");
            return attempt;
        }

        public async Task<GenerateContentResponse> GenerateContentAsync(string model, GenerateContentRequest request, RequestOptions options, CancellationToken cancellationToken)
        {
            var attempt = Next(options);
            await Task.Yield();
            if (attempt.Hang) await Task.Delay(Timeout.Infinite, cancellationToken);
            if (attempt.Chunks.Length > 0) return attempt.Chunks[0];
            throw attempt.Error!;
        }

        public async IAsyncEnumerable<GenerateContentResponse> StreamGenerateContentAsync(string model, GenerateContentRequest request, RequestOptions options,
            [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var attempt = Next(options);
            await Task.Yield();
            if (attempt.Hang) await Task.Delay(Timeout.Infinite, cancellationToken);
            foreach (var chunk in attempt.Chunks)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return chunk;
            }
            if (attempt.Error != null) throw attempt.Error;
        }

        public Task<CountTokensResponse> CountTokensAsync(string model, CountTokensRequest request, RequestOptions options, CancellationToken cancellationToken) =>
            GenerateContentAsync(model, null, options, cancellationToken).ContinueWith(t => new CountTokensResponse { TotalTokens = t.GetAwaiter().GetResult().TextOrEmpty.Length },
                TaskScheduler.Default);

        public Task<Model> GetModelAsync(string name, RequestOptions options, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<ListModelsResponse> ListModelsAsync(int? pageSize, string pageToken, RequestOptions options, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<CachedContent> CreateCachedContentAsync(CachedContent cachedContent, RequestOptions options, CancellationToken cancellationToken) =>
            GenerateContentAsync(null, null, options, cancellationToken).ContinueWith(t => new CachedContent { DisplayName = t.GetAwaiter().GetResult().TextOrEmpty },
                TaskScheduler.Default);
        public Task<CachedContent> GetCachedContentAsync(string name, RequestOptions options, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<ListCachedContentsResponse> ListCachedContentsAsync(int? pageSize, string pageToken, RequestOptions options, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<CachedContent> UpdateCachedContentAsync(CachedContent cachedContent, string updateMask, RequestOptions options, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task DeleteCachedContentAsync(string name, RequestOptions options, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<GenAIFile> GetFileAsync(string name, RequestOptions options, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<ListFilesResponse> ListFilesAsync(int? pageSize, string pageToken, RequestOptions options, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task DeleteFileAsync(string name, RequestOptions options, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<EmbedContentResponse> EmbedContentAsync(string model, EmbedContentRequest request, RequestOptions options, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<BatchEmbedContentsResponse> BatchEmbedContentsAsync(string model, BatchEmbedContentsRequest request, RequestOptions options, CancellationToken cancellationToken) => throw new NotSupportedException();

        public void Dispose() { }

        private sealed class Attempt
        {
            public Attempt(GenerateContentResponse[] chunks, Exception error, bool hang) { Chunks = chunks; Error = error; Hang = hang; }
            public GenerateContentResponse[] Chunks { get; }
            public Exception Error { get; }
            public bool Hang { get; }
        }
    }
}
