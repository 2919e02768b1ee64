using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using GenAI.Core.Errors;
using GenAI.Core.Input;
using GenAI.Core.Models;
using GenAI.Core.Protocol;
using GenAI.Core.Streaming;
using GenAI.Core.Tools;
using GenAI.Core.Transport;

namespace GenAI.Core.Chats
{
    /// <summary>
    /// A conversation (like the Google Gen AI SDKs' chat sessions, https://ai.google.dev/gemini-api/docs/text-generation#multi-turn-conversations). A turn enters <see cref="History"/>
    /// only after a complete reply that was neither blocked nor stopped for a reason other than
    /// STOP/MAX_TOKENS; a failed, interrupted or cancelled turn leaves it unchanged. Sends from several
    /// threads are serialised, so one session keeps its turns in coherent pairs; but a send made on the
    /// thread whose turn is in flight (inside the pipeline reading a stream, or from a function the model
    /// called) fails at once with <see cref="ChatBusyException"/> rather than waiting on itself, as do
    /// undo and history assignment during any turn.
    /// History is copied in and out: callers never hold the session's own objects.
    /// The session holds no connection: each send is given the client to use.
    /// </summary>
    public sealed class ChatSession
    {
        /// <summary>Appended to the message of every error that ends a turn after the request was sent.</summary>
        public const string TurnNotCommitted = "The turn was not added to the chat history.";

        private readonly List<Content> _history;
        private readonly object _historyLock = new object();
        private readonly SemaphoreSlim _turnLock = new SemaphoreSlim(1, 1);
        private GenerateContentResponse? _last;
        private int _turnThread;          // the managed thread whose turn is in flight; 0 when none
        private string? _inFlight;        // what that turn is, for ChatBusy messages

        private GenerativeModel _model;

        public ChatSession(GenerativeModel model, IEnumerable<Content>? history = null)
        {
            _model = CheckModel(model);
            _history = CopyHistory(history);
        }

        /// <summary>The model of the next turn; replacing it (Enter-GenAIChat's /model) keeps the history.</summary>
        public GenerativeModel Model
        {
            get => Volatile.Read(ref _model);
            set => Volatile.Write(ref _model, CheckModel(value));
        }

        private static GenerativeModel CheckModel(GenerativeModel model)
        {
            if (model == null) throw new ArgumentNullException(nameof(model));
            if ((model.GenerationConfig?.CandidateCount ?? 1) > 1)
                throw new InvalidInputException(ErrorCodes.ChatMultipleCandidates, "A chat session needs exactly one candidate per reply; the model's CandidateCount is greater than 1.",
                    recommendedAction: "Remove candidateCount from the model's generation config, or generate outside a chat for several candidates.");
            return model;
        }

        /// <summary>
        /// A read-only copy of the committed contents, oldest first. Assigning replaces the history with a deep
        /// copy of the given contents (the seed's <c>chat.history = [...]</c>); null empties it. Assigning while a
        /// turn is in flight fails with <see cref="ChatBusyException"/>.
        /// </summary>
        public ChatHistory History
        {
            get { lock (_historyLock) return new ChatHistory(_history.Select(Clone).ToList()); }
            set => ReplaceHistory(value);
        }

        /// <summary>Replaces the committed contents with copies of <paramref name="history"/> (null: none).</summary>
        public void ReplaceHistory(IEnumerable<Content>? history)
        {
            var copy = CopyHistory(history);
            if (!_turnLock.Wait(0)) throw Busy("replace the chat history");
            try
            {
                lock (_historyLock)
                {
                    _history.Clear();
                    _history.AddRange(copy);
                    Volatile.Write(ref _last, null);
                }
            }
            finally
            {
                _turnLock.Release();
            }
        }

        /// <summary>The reply of the last turn that entered the history; null after <see cref="Rewind"/> or before the first turn.</summary>
        public GenerateContentResponse? Last => Volatile.Read(ref _last);

        /// <summary>
        /// What every send repeats before the new message: the history and the system instruction (text in UTF-8,
        /// inline data in base64). A message may use only the rest of the request size limit inline.
        /// </summary>
        public long RepeatedRequestBytes
        {
            get { lock (_historyLock) return InlineLimits.ContentBytes(_history) + InlineLimits.ContentBytes(new[] { Model.SystemInstruction }); }
        }

        /// <summary>How many contents the history holds.</summary>
        public int HistoryCount
        {
            get { lock (_historyLock) return _history.Count; }
        }

        /// <summary>How many user messages the history holds (function-response turns not counted).</summary>
        public int TurnCount
        {
            get { lock (_historyLock) return _history.Count(IsUserMessage); }
        }

        /// <summary>A copy of the newest model content in the history, or null.</summary>
        public Content? LastReply
        {
            get
            {
                lock (_historyLock)
                {
                    var reply = _history.LastOrDefault(c => c.Role == "model");
                    return reply == null ? null : Clone(reply);
                }
            }
        }

        /// <summary>Whether sends run function calls automatically by default (the seed's <c>enable_automatic_function_calling</c>).</summary>
        public bool AutomaticFunctionCalling { get; set; }

        /// <summary>Function calls run per turn at most when calling automatically.</summary>
        public int MaximumFunctionCalls { get; set; } = Tools.AutomaticFunctionCalling.DefaultMaximumCalls;

        public async Task<GenerateContentResponse> SendAsync(ModelsClient models, Content message, CallOverrides? overrides = null,
            RequestOptions? options = null, CancellationToken cancellationToken = default)
        {
            if (models == null) throw new ArgumentNullException(nameof(models));
            var userTurn = PrepareUserTurn(message, overrides);
            await EnterTurnAsync("the reply to " + Describe(userTurn), cancellationToken).ConfigureAwait(false);
            try
            {
                var contents = Snapshot();
                contents.Add(userTurn);
                var response = await models.GenerateContentAsync(Model, contents, overrides, options, cancellationToken).ConfigureAwait(false);
                Commit(userTurn, response);
                return response;
            }
            finally
            {
                ExitTurn();
            }
        }

        /// <summary>
        /// Sends with automatic function calling (https://ai.google.dev/gemini-api/docs/function-calling#automatic_function_calling_python_only): the model's functionCall turns and the
        /// functionResponse turns answering them enter the history with the final reply. Any failure
        /// inside the loop (a blocked or stopped reply, a handler error) discards all of the turn's contents.
        /// </summary>
        public async Task<FunctionCallingResult> SendAsync(ModelsClient models, Content message, Tools.AutomaticFunctionCalling calling,
            CallOverrides? overrides = null, RequestOptions? options = null, CancellationToken cancellationToken = default)
        {
            if (calling == null) throw new ArgumentNullException(nameof(calling));
            var userTurn = PrepareUserTurn(message, overrides);
            await EnterTurnAsync("the reply (with function calling) to " + Describe(userTurn), cancellationToken).ConfigureAwait(false);
            try
            {
                var contents = Snapshot();
                int committed = contents.Count;
                contents.Add(userTurn);
                var result = await FunctionCallingLoop.RunAsync(models, Model, contents, overrides, options, calling, raiseOnProblem: true, cancellationToken).ConfigureAwait(false);
                Commit(result.Contents.Skip(committed).ToList(), result.Response);
                return result;
            }
            finally
            {
                ExitTurn();
            }
        }

        /// <summary>
        /// Yields chunks as they arrive; the aggregated reply is committed only when the stream completes
        /// normally. On any error the chunks already yielded stay with the caller and history is unchanged;
        /// a mid-stream failure is a <see cref="StreamInterruptedException"/> carrying the partial aggregate.
        /// A consumer that stops early (disposes the enumerator) leaves history unchanged too.
        /// </summary>
        public async IAsyncEnumerable<GenerateContentResponse> StreamAsync(ModelsClient models, Content message, CallOverrides? overrides = null,
            RequestOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            if (models == null) throw new ArgumentNullException(nameof(models));
            var userTurn = PrepareUserTurn(message, overrides);
            await EnterTurnAsync("the streamed reply to " + Describe(userTurn), cancellationToken).ConfigureAwait(false);
            try
            {
                var contents = Snapshot();
                contents.Add(userTurn);
                var aggregator = new StreamAggregator();
                var chunks = models.StreamGenerateContentAsync(Model, contents, overrides, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
                try
                {
                    while (true)
                    {
                        bool hasNext;
                        try
                        {
                            hasNext = await chunks.MoveNextAsync().ConfigureAwait(false);
                        }
                        catch (StreamInterruptedException interrupted)
                        {
                            throw new StreamInterruptedException(interrupted.ChunksReceived, aggregator.ToResponse(), interrupted.InnerException ?? interrupted, TurnNotCommitted);
                        }
                        if (!hasNext) break;
                        var chunk = chunks.Current;
                        aggregator.Add(chunk);
                        string? blockReason = chunk.PromptFeedback?.BlockReason;
                        if (!string.IsNullOrEmpty(blockReason))
                            throw new PromptBlockedException(blockReason!, aggregator.ToResponse(), TurnNotCommitted);
                        yield return chunk;
                    }
                }
                finally
                {
                    await chunks.DisposeAsync().ConfigureAwait(false);
                }
                Commit(userTurn, aggregator.ToResponse());
            }
            finally
            {
                ExitTurn();
            }
        }

        /// <summary>
        /// Removes the last two contents (the last user/model pair) and returns them, oldest first (the
        /// seed's <c>rewind</c>); null, with nothing removed, when the history holds fewer than two.
        /// Fails at once with <see cref="ChatBusyException"/> while a turn is in flight: the pair it would
        /// remove is not yet the last one.
        /// </summary>
        public IReadOnlyList<Content>? Rewind()
        {
            if (!_turnLock.Wait(0)) throw Busy("undo the last message");
            try
            {
                lock (_historyLock)
                {
                    if (_history.Count < 2) return null;
                    var pair = _history.Skip(_history.Count - 2).ToList();
                    _history.RemoveRange(_history.Count - 2, 2);
                    Volatile.Write(ref _last, null);
                    return pair;
                }
            }
            finally
            {
                _turnLock.Release();
            }
        }

        /// <summary>
        /// Waits for the turn lock, unless the caller's own thread holds it: that turn cannot complete while its
        /// thread waits here (a send inside the pipeline reading a stream, or from a called function), so waiting
        /// would hang for ever. Other threads wait their turn. Only dedicated threads (a PowerShell pipeline's)
        /// own a turn: a thread-pool thread is lent to other work while its turn awaits the service.
        /// </summary>
        private async Task EnterTurnAsync(string what, CancellationToken cancellationToken)
        {
            int callerThread = Thread.CurrentThread.IsThreadPoolThread ? 0 : Environment.CurrentManagedThreadId;
            if (callerThread != 0 && Volatile.Read(ref _turnThread) == callerThread) throw Busy("send another message");
            await _turnLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _inFlight, what + " (started " + DateTime.Now.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + ")");
            Volatile.Write(ref _turnThread, callerThread);
        }

        private void ExitTurn()
        {
            Volatile.Write(ref _turnThread, 0);
            Volatile.Write(ref _inFlight, null);
            _turnLock.Release();
        }

        private ChatBusyException Busy(string operation) =>
            new ChatBusyException(this, operation, Volatile.Read(ref _inFlight) ?? "another turn");

        // "'first 40 characters…'" of a message's text, or its part kinds when it has none.
        private static string Describe(Content message)
        {
            string text = string.Join(" ", message.Parts.Where(p => p.Text != null).Select(p => p.Text));
            text = System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ").Trim();
            if (text.Length == 0) return "a message of " + string.Join(", ", message.Parts.Select(p => p.Kind));
            return "'" + (text.Length > 40 ? text.Substring(0, 40) + "…" : text) + "'";
        }

        private static List<Content> CopyHistory(IEnumerable<Content>? history)
        {
            if (history == null) return new List<Content>();
            var given = history.ToList();
            ChatHistoryValidator.Validate(given!);
            return given.Select(Clone).ToList();
        }

        private static Content PrepareUserTurn(Content message, CallOverrides? overrides)
        {
            if (message == null || Input.BlankPrompt.IsBlank(message))
                throw new InvalidInputException(ErrorCodes.EmptyPrompt, "The message is empty: there is nothing to send.",
                    recommendedAction: "Pass text or files as the message.");
            if ((overrides?.GenerationConfig?.CandidateCount ?? 1) > 1)
                throw new InvalidInputException(ErrorCodes.ChatMultipleCandidates, "A chat turn can only have one candidate.",
                    recommendedAction: "Ask for one candidate, or generate outside a chat for several candidates.");
            var copy = Clone(message);
            if (string.IsNullOrEmpty(copy.Role)) copy.Role = "user";
            return copy;
        }

        private List<Content> Snapshot()
        {
            lock (_historyLock) return _history.ToList();
        }

        private void Commit(Content userTurn, GenerateContentResponse response) => Commit(new[] { userTurn }, response);

        /// <summary>Appends <paramref name="turns"/> (the user turn, plus any function-calling turns) and the reply, if the reply is usable.</summary>
        private void Commit(IReadOnlyList<Content> turns, GenerateContentResponse response)
        {
            var problem = ResponseChecks.FindProblem(response, TurnNotCommitted);
            if (problem != null) throw problem;
            var candidates = response.Candidates;
            if (candidates == null || candidates.Count == 0)
                throw new ResponseHasNoTextException("The reply has no candidates. " + TurnNotCommitted, response);
            if (candidates.Count > 1)
                throw new InvalidInputException(ErrorCodes.ChatMultipleCandidates, "The reply has several candidates; a chat turn can only have one. " + TurnNotCommitted, response);
            var modelTurn = Clone(candidates[0].Content ?? new Content());
            if (string.IsNullOrEmpty(modelTurn.Role)) modelTurn.Role = "model";
            lock (_historyLock)
            {
                _history.AddRange(turns.Select(Clone));
                _history.Add(modelTurn);
                Volatile.Write(ref _last, response);
            }
        }

        private static bool IsUserMessage(Content content) =>
            (content.Role ?? "user") == "user" && !content.Parts.Any(p => p.FunctionResponse != null);

        /// <summary>A deep copy (wire round trip), so no caller can change a committed turn in place.</summary>
        internal static Content Clone(Content content)
        {
            if (content == null) throw new ArgumentNullException(nameof(content));
            var bytes = JsonSerializer.SerializeToUtf8Bytes(content, GenAIJsonContext.Default.Content);
            return JsonSerializer.Deserialize(bytes, GenAIJsonContext.Default.Content)!;
        }

        public override string ToString() => $"{Model.Name}, {TurnCount} turn(s)";
    }
}
