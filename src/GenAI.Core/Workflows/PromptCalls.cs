using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using GenAI.Core.Chats;
using GenAI.Core.Files;
using GenAI.Core.Input;
using GenAI.Core.Models;
using GenAI.Core.Protocol;
using GenAI.Core.Tools;
using GenAI.Core.Transport;

namespace GenAI.Core.Workflows
{
    /// <summary>
    /// The calls that send a prompt (generate, stream, count tokens, a chat turn), each first moving inline data
    /// that would take the request over the service's size limit to the Files API
    /// (https://ai.google.dev/gemini-api/docs/files), reporting each upload to <c>uploads</c>.
    /// </summary>
    public sealed class PromptCalls
    {
        private readonly ModelsClient _models;
        private readonly FilesClient _files;

        internal PromptCalls(ModelsClient models, FilesClient files)
        {
            _models = models;
            _files = files;
        }

        public async Task<GenerateContentResponse> GenerateContentAsync(GenerativeModel model, IReadOnlyList<Content> contents, CallOverrides? overrides = null,
            IProgress<UploadProgress>? uploads = null, RequestOptions? options = null, CancellationToken cancellationToken = default)
        {
            var sent = await MoveAsync(contents, InlineLimits.MaxRequestBytes, uploads, options, cancellationToken).ConfigureAwait(false);
            return await _models.GenerateContentAsync(model, sent, overrides, options, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Generates with automatic function calling (see <see cref="ModelsClient.GenerateContentAsync(GenerativeModel, IReadOnlyList{Content}, AutomaticFunctionCalling, CallOverrides, RequestOptions, CancellationToken)"/>).</summary>
        public async Task<FunctionCallingResult> GenerateContentAsync(GenerativeModel model, IReadOnlyList<Content> contents, AutomaticFunctionCalling calling,
            CallOverrides? overrides = null, IProgress<UploadProgress>? uploads = null, RequestOptions? options = null, CancellationToken cancellationToken = default)
        {
            var sent = await MoveAsync(contents, InlineLimits.MaxRequestBytes, uploads, options, cancellationToken).ConfigureAwait(false);
            return await _models.GenerateContentAsync(model, sent, calling, overrides, options, cancellationToken).ConfigureAwait(false);
        }

        public async IAsyncEnumerable<GenerateContentResponse> StreamGenerateContentAsync(GenerativeModel model, IReadOnlyList<Content> contents, CallOverrides? overrides = null,
            IProgress<UploadProgress>? uploads = null, RequestOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var sent = await MoveAsync(contents, InlineLimits.MaxRequestBytes, uploads, options, cancellationToken).ConfigureAwait(false);
            await foreach (var chunk in _models.StreamGenerateContentAsync(model, sent, overrides, options, cancellationToken).ConfigureAwait(false))
                yield return chunk;
        }

        public async Task<CountTokensResponse> CountTokensAsync(GenerativeModel model, IReadOnlyList<Content> contents, CallOverrides? overrides = null,
            IProgress<UploadProgress>? uploads = null, RequestOptions? options = null, CancellationToken cancellationToken = default)
        {
            var sent = await MoveAsync(contents, InlineLimits.MaxRequestBytes, uploads, options, cancellationToken).ConfigureAwait(false);
            return await _models.CountTokensAsync(model, sent, overrides, options, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// Sends the next message of <paramref name="session"/>. The history goes with every send, so the message may
        /// use inline only what the history leaves of the limit; the session keeps the message as sent (file URIs, not bytes).
        /// </summary>
        public async Task<GenerateContentResponse> SendAsync(ChatSession session, Content message, CallOverrides? overrides = null,
            IProgress<UploadProgress>? uploads = null, RequestOptions? options = null, CancellationToken cancellationToken = default)
        {
            var sent = await MoveAsync(session, message, uploads, options, cancellationToken).ConfigureAwait(false);
            return await session.SendAsync(_models, sent, overrides, options, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Sends the next message of <paramref name="session"/> with automatic function calling.</summary>
        public async Task<FunctionCallingResult> SendAsync(ChatSession session, Content message, AutomaticFunctionCalling calling, CallOverrides? overrides = null,
            IProgress<UploadProgress>? uploads = null, RequestOptions? options = null, CancellationToken cancellationToken = default)
        {
            var sent = await MoveAsync(session, message, uploads, options, cancellationToken).ConfigureAwait(false);
            return await session.SendAsync(_models, sent, calling, overrides, options, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Streams the reply to the next message of <paramref name="session"/>; the turn enters the history when the stream completes.</summary>
        public async IAsyncEnumerable<GenerateContentResponse> StreamAsync(ChatSession session, Content message, CallOverrides? overrides = null,
            IProgress<UploadProgress>? uploads = null, RequestOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var sent = await MoveAsync(session, message, uploads, options, cancellationToken).ConfigureAwait(false);
            await foreach (var chunk in session.StreamAsync(_models, sent, overrides, options, cancellationToken).ConfigureAwait(false))
                yield return chunk;
        }

        private async Task<Content> MoveAsync(ChatSession session, Content message, IProgress<UploadProgress>? uploads, RequestOptions? options, CancellationToken cancellationToken)
        {
            if (session == null) throw new ArgumentNullException(nameof(session));
            var moved = await MoveAsync(new[] { message }, InlineLimits.MaxRequestBytes - session.RepeatedRequestBytes, uploads, options, cancellationToken).ConfigureAwait(false);
            return moved[0];
        }

        private Task<IReadOnlyList<Content>> MoveAsync(IReadOnlyList<Content> contents, long maxRequestBytes, IProgress<UploadProgress>? uploads, RequestOptions? options,
            CancellationToken cancellationToken) =>
            _files.MoveLargeInlineDataToFilesAsync(contents, maxRequestBytes, uploads, options, cancellationToken);
    }
}
