using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using GenAI.Core.Embeddings;
using GenAI.Core.Errors;
using GenAI.Core.Protocol;
using GenAI.Core.Tools;
using GenAI.Core.Transport;

namespace GenAI.Core.Models
{
    /// <summary>Generation, token counting and the model catalogue.</summary>
    public sealed class ModelsClient
    {
        private readonly ITransport _transport;

        internal ModelsClient(ITransport transport) { _transport = transport; }

        public Task<GenerateContentResponse> GenerateContentAsync(GenerativeModel model, IReadOnlyList<Content> contents,
            CallOverrides? overrides = null, RequestOptions? options = null, CancellationToken cancellationToken = default)
        {
            RequireContents(contents);
            return GenerateContentAsync(model.Name, model.BuildRequest(contents, overrides), options, cancellationToken);
        }

        /// <summary>
        /// Generates with automatic function calling: function calls the model makes to
        /// <see cref="GenerativeModel.Functions"/> (or the call's) are run by <paramref name="calling"/>'s
        /// handler and answered until the model replies without calls. A blocked or stopped reply ends the loop.
        /// </summary>
        public Task<FunctionCallingResult> GenerateContentAsync(GenerativeModel model, IReadOnlyList<Content> contents, AutomaticFunctionCalling calling,
            CallOverrides? overrides = null, RequestOptions? options = null, CancellationToken cancellationToken = default)
        {
            RequireContents(contents);
            if (calling == null) throw new ArgumentNullException(nameof(calling));
            return FunctionCallingLoop.RunAsync(this, model, contents, overrides, options, calling, raiseOnProblem: false, cancellationToken);
        }

        public Task<GenerateContentResponse> GenerateContentAsync(string model, GenerateContentRequest request,
            RequestOptions? options = null, CancellationToken cancellationToken = default) =>
            _transport.GenerateContentAsync(ModelNames.Normalize(model), request, options ?? RequestOptions.Default, cancellationToken);

        public IAsyncEnumerable<GenerateContentResponse> StreamGenerateContentAsync(GenerativeModel model, IReadOnlyList<Content> contents,
            CallOverrides? overrides = null, RequestOptions? options = null, CancellationToken cancellationToken = default)
        {
            RequireContents(contents);
            return StreamGenerateContentAsync(model.Name, model.BuildRequest(contents, overrides), options, cancellationToken);
        }

        /// <summary>
        /// Yields chunks as they arrive. A failure after the first chunk surfaces as
        /// <see cref="StreamInterruptedException"/> (the chunks already yielded stay valid).
        /// </summary>
        public async IAsyncEnumerable<GenerateContentResponse> StreamGenerateContentAsync(string model, GenerateContentRequest request,
            RequestOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var chunks = _transport.StreamGenerateContentAsync(ModelNames.Normalize(model), request, options ?? RequestOptions.Default, cancellationToken);
            var enumerator = chunks.GetAsyncEnumerator(cancellationToken);
            var streamId = Guid.NewGuid();
            int received = 0;
            try
            {
                while (true)
                {
                    bool hasNext;
                    try
                    {
                        hasNext = await enumerator.MoveNextAsync().ConfigureAwait(false);
                    }
                    catch (GenAIException error) when (received > 0 && !(error is StreamInterruptedException))
                    {
                        throw new StreamInterruptedException(received, null, error);
                    }
                    if (!hasNext) yield break;
                    enumerator.Current.ChunkIndex = received++;
                    enumerator.Current.StreamId = streamId;
                    yield return enumerator.Current;
                }
            }
            finally
            {
                await enumerator.DisposeAsync().ConfigureAwait(false);
            }
        }

        /// <summary>Counts the tokens of the whole request the model would send (system instruction, tools, cache included).</summary>
        public Task<CountTokensResponse> CountTokensAsync(GenerativeModel model, IReadOnlyList<Content> contents,
            CallOverrides? overrides = null, RequestOptions? options = null, CancellationToken cancellationToken = default)
        {
            var request = model.BuildRequest(contents, overrides, defaultLastRoleToUser: false);
            request.Model = model.Name;
            return _transport.CountTokensAsync(model.Name, EmbeddingModels.IsEmbeddingModel(model.Name) ? EmbeddingCount(model.Name, request) : new CountTokensRequest { GenerateContentRequest = request },
                options ?? RequestOptions.Default, cancellationToken);
        }

        public Task<Model> GetAsync(string name, RequestOptions? options = null, CancellationToken cancellationToken = default) =>
            _transport.GetModelAsync(ModelNames.Normalize(name), options ?? RequestOptions.Default, cancellationToken);

        /// <summary>Every model, following all pages lazily.</summary>
        public async IAsyncEnumerable<Model> ListAsync(int? pageSize = null, RequestOptions? options = null,
            [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var tokens = new PageTokens("models.list");
            string? token = null;
            do
            {
                var page = await _transport.ListModelsAsync(pageSize, token, options ?? RequestOptions.Default, cancellationToken).ConfigureAwait(false);
                foreach (var model in page.Models) yield return model;
                token = tokens.Next(page.NextPageToken);
            }
            while (!string.IsNullOrEmpty(token));
        }

        // An embedding model counts the text it would embed: no system instruction, tools or cache go with it.
        private static CountTokensRequest EmbeddingCount(string model, GenerateContentRequest request)
        {
            if (request.SystemInstruction != null || request.Tools != null || request.ToolConfig != null || request.CachedContent != null)
                throw new InvalidInputException(ErrorCodes.EmbeddingModelSettings,
                    $"{model} is an embedding model: only the text it would embed is counted, and a system instruction, tools or a cache do not apply.",
                    model, "Leave out the system instruction, the tools and the cached content, or count with a generative model.");
            return new CountTokensRequest { Contents = request.Contents };
        }

        private static void RequireContents(IReadOnlyList<Content> contents)
        {
            if (Input.BlankPrompt.IsBlank(contents))
                throw new InvalidInputException(ErrorCodes.EmptyPrompt, "The prompt is empty: there is nothing to send.",
                    recommendedAction: "Pass text, files or contents as the prompt.");
        }
    }
}
