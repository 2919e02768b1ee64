using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using GenAI.Core.Errors;
using GenAI.Core.Models;
using GenAI.Core.Protocol;
using GenAI.Core.Streaming;
using GenAI.Core.Transport;

namespace GenAI.Core.Chats
{
    /// <summary>
    /// A conversation (the seed's <c>ChatSession</c>). A turn enters <see cref="History"/> only after a
    /// complete reply that was neither blocked nor stopped for safety/recitation; a failed turn leaves
    /// it unchanged. Sends are serialised, so one session used from several threads stays coherent.
    /// The session holds no connection: each send is given the client to use.
    /// </summary>
    public sealed class ChatSession
    {
        private readonly List<Content> _history;
        private readonly SemaphoreSlim _turnLock = new SemaphoreSlim(1, 1);

        public ChatSession(GenerativeModel model, IEnumerable<Content>? history = null)
        {
            Model = model ?? throw new ArgumentNullException(nameof(model));
            if ((model.GenerationConfig?.CandidateCount ?? 1) > 1)
                throw new InvalidInputException("ChatMultipleCandidates", "A chat session needs exactly one candidate per reply; the model's CandidateCount is greater than 1.",
                    recommendedAction: "Remove CandidateCount from the model's generation config, or use Invoke-GenerateContent for several candidates.");
            _history = history?.Select(CopyContent).ToList() ?? new List<Content>();
        }

        public GenerativeModel Model { get; }

        /// <summary>A copy of the committed turns, oldest first.</summary>
        public IReadOnlyList<Content> History
        {
            get { lock (_history) return _history.Select(CopyContent).ToList(); }
        }

        /// <summary>The last complete reply (also set when it was refused entry to the history).</summary>
        public GenerateContentResponse? Last { get; private set; }

        public int TurnCount { get { lock (_history) return _history.Count; } }

        public async Task<GenerateContentResponse> SendAsync(ModelsClient models, Content message, CallOverrides? overrides = null,
            RequestOptions? options = null, CancellationToken cancellationToken = default)
        {
            var userTurn = PrepareUserTurn(message, overrides);
            await _turnLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var contents = Snapshot();
                contents.Add(userTurn);
                var response = await models.GenerateContentAsync(Model, contents, overrides, options, cancellationToken).ConfigureAwait(false);
                Last = response;
                Commit(userTurn, response);
                return response;
            }
            finally
            {
                _turnLock.Release();
            }
        }

        /// <summary>
        /// Yields chunks as they arrive; the aggregated reply is committed only when the stream completes
        /// normally. On any error the chunks already yielded stay with the caller and history is unchanged.
        /// </summary>
        public async IAsyncEnumerable<GenerateContentResponse> StreamAsync(ModelsClient models, Content message, CallOverrides? overrides = null,
            RequestOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var userTurn = PrepareUserTurn(message, overrides);
            await _turnLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var contents = Snapshot();
                contents.Add(userTurn);
                var aggregator = new StreamAggregator();
                await foreach (var chunk in models.StreamGenerateContentAsync(Model, contents, overrides, options, cancellationToken).ConfigureAwait(false))
                {
                    aggregator.Add(chunk);
                    string? blockReason = chunk.PromptFeedback?.BlockReason;
                    if (!string.IsNullOrEmpty(blockReason))
                    {
                        Last = aggregator.ToResponse();
                        throw new PromptBlockedException(blockReason!, Last);
                    }
                    yield return chunk;
                }
                var response = aggregator.ToResponse();
                Last = response;
                Commit(userTurn, response);
            }
            finally
            {
                _turnLock.Release();
            }
        }

        /// <summary>Removes the last user/model pair and returns it (the seed's <c>rewind</c>); null when empty.</summary>
        public IReadOnlyList<Content>? Rewind()
        {
            _turnLock.Wait();
            try
            {
                lock (_history)
                {
                    if (_history.Count < 2) return null;
                    var pair = _history.Skip(_history.Count - 2).ToList();
                    _history.RemoveRange(_history.Count - 2, 2);
                    return pair;
                }
            }
            finally
            {
                _turnLock.Release();
            }
        }

        private static Content PrepareUserTurn(Content message, CallOverrides? overrides)
        {
            if (message == null || message.Parts.Count == 0)
                throw new InvalidInputException("EmptyPrompt", "The message is empty: there is nothing to send.",
                    recommendedAction: "Pass text or files to -Message, or pipe them in.");
            if ((overrides?.GenerationConfig?.CandidateCount ?? 1) > 1)
                throw new InvalidInputException("ChatMultipleCandidates", "A chat turn can only have one candidate.",
                    recommendedAction: "Drop -CandidateCount, or use Invoke-GenerateContent for several candidates.");
            var copy = CopyContent(message);
            if (string.IsNullOrEmpty(copy.Role)) copy.Role = "user";
            return copy;
        }

        private List<Content> Snapshot()
        {
            lock (_history) return _history.ToList();
        }

        private void Commit(Content userTurn, GenerateContentResponse response)
        {
            var problem = ResponseChecks.FindProblem(response);
            if (problem != null) throw problem;
            var candidates = response.Candidates;
            if (candidates == null || candidates.Count == 0)
                throw new ResponseHasNoTextException("The reply has no candidates, so the turn was not added to the history.", response);
            if (candidates.Count > 1)
                throw new InvalidInputException("ChatMultipleCandidates", "The reply has several candidates; a chat turn can only have one.");
            var candidate = candidates[0];
            var modelTurn = CopyContent(candidate.Content ?? new Content());
            if (string.IsNullOrEmpty(modelTurn.Role)) modelTurn.Role = "model";
            lock (_history)
            {
                _history.Add(userTurn);
                _history.Add(modelTurn);
            }
        }

        private static Content CopyContent(Content content) =>
            new Content(content.Role, content.Parts.ToList()) { AdditionalProperties = content.AdditionalProperties };

        public override string ToString() => $"{Model.Name}, {TurnCount / 2} turn(s)";
    }
}
