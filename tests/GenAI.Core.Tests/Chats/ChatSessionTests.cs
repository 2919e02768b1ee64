using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GenAI.Core.Chats;
using GenAI.Core.Errors;
using GenAI.Core.Models;
using GenAI.Core.Protocol;
using GenAI.Core.Tests.TestSupport;

namespace GenAI.Core.Tests.Chats
{
    /// <summary>The seed's ChatSession rules (history kept per completed turn) against the in-process emulator.</summary>
    public class ChatSessionTests : IClassFixture<InProcessEmulator>
    {
        private readonly InProcessEmulator _emu;

        public ChatSessionTests(InProcessEmulator emulator) { _emu = emulator; }

        private ModelsClient Models => _emu.Client.Models;

        private static Content User(string text) => Content.FromText(text, null);

        [Fact]
        public void What_every_send_repeats_is_the_history_and_the_system_instruction_as_sent()
        {
            var model = new GenerativeModel("m") { SystemInstruction = new Content(null, new[] { Part.FromText("Be brief.") }) };
            var history = new[]
            {
                new Content("user", new[] { Part.FromText("héllo"), Part.FromBytes(new byte[] { 1, 2, 3, 4 }, "image/png") }),
                new Content("model", new[] { Part.FromText("hi") }),
            };
            var session = new ChatSession(model, history);
            // "Be brief." 9 + "héllo" 6 (UTF-8) + 4 bytes as base64 8 + "hi" 2
            Assert.Equal(25, session.RepeatedRequestBytes);
            Assert.Equal(0, new ChatSession(new GenerativeModel("m")).RepeatedRequestBytes);
        }

        [Fact]
        public async Task Three_turns_build_a_six_content_history_and_each_request_carries_the_whole_history()
        {
            string id = InProcessEmulator.Tagged("echo");
            var chat = new ChatSession(new GenerativeModel(id));
            await chat.SendAsync(Models, User("first"));
            await chat.SendAsync(Models, User("second"));
            var third = await chat.SendAsync(Models, User("third"));

            Assert.Equal("Echo: third", third.Text);
            Assert.Same(third, chat.Last);
            Assert.Equal(new[] { "user", "model", "user", "model", "user", "model" }, chat.History.Select(c => c.Role));
            Assert.Equal(new[] { "first", "Echo: first", "second", "Echo: second", "third", "Echo: third" }, chat.History.Select(c => c.Text));
            Assert.Equal(3, chat.TurnCount);
            Assert.Equal(6, chat.HistoryCount);
            Assert.Equal("Echo: third", chat.LastReply.Text);

            var requests = _emu.RequestsFor(id);
            Assert.Equal(3, requests.Count);
            Assert.Equal(new[] { "first", "Echo: first", "second", "Echo: second", "third" }, InProcessEmulator.ContentTexts(requests[2]));
        }

        [Fact]
        public void History_is_copied_in_and_out()
        {
            var seed = new List<Content> { User("hi"), new Content("model", new[] { Part.FromText("hello") }) };
            var chat = new ChatSession(new GenerativeModel(InProcessEmulator.Tagged("echo")), seed);
            seed[0].Parts[0].Text = "changed after start";
            seed.Add(User("added after start"));

            var copy = chat.History;
            copy[1].Parts[0].Text = "changed by a reader";
            copy[1].Role = "user";

            Assert.Equal(new[] { "hi", "hello" }, chat.History.Select(c => c.Text));
            Assert.Equal("model", chat.History[1].Role);
            Assert.Null(chat.History[0].Role);   // roles are not inferred for a given history (the seed's rule)
        }

        [Fact]
        public async Task The_user_turn_defaults_to_role_user_and_the_reply_to_role_model()
        {
            var chat = new ChatSession(new GenerativeModel(InProcessEmulator.Tagged("echo")));
            var message = User("no role");
            await chat.SendAsync(Models, message);
            Assert.Null(message.Role);   // the caller's object is left alone
            Assert.Equal(new[] { "user", "model" }, chat.History.Select(c => c.Role));
        }

        [Fact]
        public async Task A_blocked_prompt_raises_and_leaves_history_and_Last_unchanged()
        {
            var chat = new ChatSession(new GenerativeModel(InProcessEmulator.Tagged("blocked")), new[] { User("earlier"), new Content("model", new[] { Part.FromText("reply") }) });
            var error = await Assert.ThrowsAsync<PromptBlockedException>(() => chat.SendAsync(Models, User("bad")));
            Assert.Equal("SAFETY", error.BlockReason);
            Assert.Contains("block reason: SAFETY", error.Message);
            Assert.EndsWith(ChatSession.TurnNotCommitted, error.Message);
            Assert.Equal(2, chat.HistoryCount);
            Assert.Null(chat.Last);
        }

        [Theory]
        [InlineData("safety-stop", "SAFETY")]
        [InlineData("recitation", "RECITATION")]
        public async Task A_candidate_stopped_for_an_abnormal_reason_raises_and_leaves_history_unchanged(string scenario, string reason)
        {
            var model = new GenerativeModel(InProcessEmulator.Tagged(scenario));
            var chat = new ChatSession(model);
            var error = await Assert.ThrowsAsync<CandidateStoppedException>(() => chat.SendAsync(Models, User("tell me")));
            Assert.Equal(reason, error.FinishReason);
            Assert.Contains("finish reason " + reason, error.Message);
            Assert.EndsWith(ChatSession.TurnNotCommitted, error.Message);
            Assert.Equal(0, chat.HistoryCount);
            Assert.Null(chat.Last);
        }

        [Theory]
        [InlineData("safety-stop", "SAFETY")]
        [InlineData("recitation", "RECITATION")]
        public async Task A_streamed_turn_stopped_for_an_abnormal_reason_yields_its_chunks_then_raises_without_committing(string scenario, string reason)
        {
            var chat = new ChatSession(new GenerativeModel(InProcessEmulator.Tagged(scenario)));
            var chunks = new List<GenerateContentResponse>();
            var error = await Assert.ThrowsAsync<CandidateStoppedException>(async () =>
            {
                await foreach (var chunk in chat.StreamAsync(Models, User("tell me"))) chunks.Add(chunk);
            });
            Assert.Equal(reason, error.FinishReason);
            Assert.Equal(3, chunks.Count);   // two text chunks, then the one that stops
            Assert.Equal(0, chat.HistoryCount);
        }

        [Fact]
        public async Task A_streamed_turn_commits_the_aggregate_of_its_chunks_only_when_the_stream_completes()
        {
            string id = InProcessEmulator.Tagged("gated");
            var chat = new ChatSession(new GenerativeModel(id));
            var chunks = new List<GenerateContentResponse>();
            await using (var stream = chat.StreamAsync(Models, User("one two three four")).GetAsyncEnumerator())
            {
                Assert.True(await stream.MoveNextAsync());   // the gate holds the last chunk back
                chunks.Add(stream.Current);
                Assert.Equal(0, chat.HistoryCount);
                Assert.Null(chat.Last);
                _emu.Host.ReleaseGate(id);
                while (await stream.MoveNextAsync()) chunks.Add(stream.Current);
            }

            Assert.True(chunks.Count > 1);
            Assert.Equal(2, chat.HistoryCount);
            string aggregated = string.Concat(chunks.Select(c => c.TextOrEmpty));
            Assert.Equal("Echo: one two three four", aggregated);
            Assert.Equal(aggregated, chat.History[1].Text);
            Assert.Single(chat.History[1].Parts);   // adjacent text parts merged, as the seed aggregates
            Assert.Equal(aggregated, chat.Last.Text);
            Assert.Equal("STOP", chat.Last.FinishReason);
        }

        [Fact]
        public async Task A_mid_stream_error_keeps_the_chunks_leaves_history_unchanged_and_says_so()
        {
            var chat = new ChatSession(new GenerativeModel(InProcessEmulator.Tagged("fault-midstream-3")), new[] { User("a"), new Content("model", new[] { Part.FromText("b") }) });
            var chunks = new List<GenerateContentResponse>();
            var error = await Assert.ThrowsAsync<StreamInterruptedException>(async () =>
            {
                await foreach (var chunk in chat.StreamAsync(Models, User("one two three four five six"))) chunks.Add(chunk);
            });

            Assert.Equal(3, chunks.Count);
            Assert.Equal(3, error.ChunksReceived);
            Assert.Contains("after 3 chunk(s)", error.Message);
            Assert.EndsWith(ChatSession.TurnNotCommitted, error.Message);
            Assert.IsType<ApiException>(error.InnerException);
            Assert.Equal(503, ((ApiException)error.InnerException).HttpStatus);
            Assert.Equal(string.Concat(chunks.Select(c => c.TextOrEmpty)), error.Partial.TextOrEmpty);
            Assert.Equal(new[] { "a", "b" }, chat.History.Select(c => c.Text));
            Assert.Null(chat.Last);
        }

        [Fact]
        public async Task A_blocked_streamed_prompt_raises_before_yielding_anything()
        {
            var chat = new ChatSession(new GenerativeModel(InProcessEmulator.Tagged("blocked")));
            int yielded = 0;
            var error = await Assert.ThrowsAsync<PromptBlockedException>(async () =>
            {
                await foreach (var _ in chat.StreamAsync(Models, User("bad"))) yielded++;
            });
            Assert.Equal(0, yielded);
            Assert.EndsWith(ChatSession.TurnNotCommitted, error.Message);
            Assert.Equal(0, chat.HistoryCount);
        }

        [Fact]
        public async Task A_stream_abandoned_by_its_reader_is_not_committed_and_frees_the_session()
        {
            var chat = new ChatSession(new GenerativeModel(InProcessEmulator.Tagged("echo")));
            await foreach (var _ in chat.StreamAsync(Models, User("one two three four five")))
                break;
            Assert.Equal(0, chat.HistoryCount);

            var next = await chat.SendAsync(Models, User("again")).WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal("Echo: again", next.Text);
            Assert.Equal(2, chat.HistoryCount);
        }

        [Fact]
        public async Task A_cancelled_send_leaves_history_unchanged_and_frees_the_session()
        {
            string id = InProcessEmulator.Tagged("gated");
            var chat = new ChatSession(new GenerativeModel(id));
            using var cancel = new CancellationTokenSource();
            var pending = chat.SendAsync(Models, User("held"), cancellationToken: cancel.Token);
            await InProcessEmulator.WaitUntil(() => _emu.RequestsFor(id).Count == 1);
            cancel.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
            Assert.Equal(0, chat.HistoryCount);

            _emu.Host.ReleaseGate(id);
            Assert.Equal("Echo: next", (await chat.SendAsync(Models, User("next"))).Text);
            Assert.Equal(2, chat.HistoryCount);
        }

        [Fact]
        public void Several_candidates_are_refused_when_the_session_starts()
        {
            var model = new GenerativeModel("m") { GenerationConfig = new GenerationConfig { CandidateCount = 2 } };
            var error = Assert.Throws<InvalidInputException>(() => new ChatSession(model));
            Assert.Equal("ChatMultipleCandidates", error.ErrorCode);
        }

        [Fact]
        public async Task Several_candidates_per_call_are_refused_before_anything_is_sent()
        {
            string id = InProcessEmulator.Tagged("echo");
            var chat = new ChatSession(new GenerativeModel(id));
            var overrides = new CallOverrides { GenerationConfig = new GenerationConfig { CandidateCount = 2 } };
            var error = await Assert.ThrowsAsync<InvalidInputException>(() => chat.SendAsync(Models, User("x"), overrides));
            Assert.Equal("ChatMultipleCandidates", error.ErrorCode);
            await Assert.ThrowsAsync<InvalidInputException>(async () => { await foreach (var _ in chat.StreamAsync(Models, User("x"), overrides)) { } });
            Assert.Empty(_emu.RequestsFor(id));
        }

        [Fact]
        public async Task An_empty_message_is_refused()
        {
            var chat = new ChatSession(new GenerativeModel(InProcessEmulator.Tagged("echo")));
            var error = await Assert.ThrowsAsync<InvalidInputException>(() => chat.SendAsync(Models, new Content("user", new Part[0])));
            Assert.Equal("EmptyPrompt", error.ErrorCode);
        }

        [Fact]
        public async Task Rewind_removes_and_returns_exactly_the_last_pair()
        {
            var chat = new ChatSession(new GenerativeModel(InProcessEmulator.Tagged("echo")));
            await chat.SendAsync(Models, User("one"));
            await chat.SendAsync(Models, User("two"));

            var pair = chat.Rewind();
            Assert.Equal(new[] { "two", "Echo: two" }, pair.Select(c => c.Text));
            Assert.Equal(new[] { "user", "model" }, pair.Select(c => c.Role));
            Assert.Equal(new[] { "one", "Echo: one" }, chat.History.Select(c => c.Text));
            Assert.Null(chat.Last);

            Assert.NotNull(chat.Rewind());
            Assert.Null(chat.Rewind());
            Assert.Equal(0, chat.HistoryCount);
        }

        [Fact]
        public void Rewind_leaves_a_single_content_in_place()
        {
            var chat = new ChatSession(new GenerativeModel("m"), new[] { User("alone") });
            Assert.Null(chat.Rewind());
            Assert.Equal(1, chat.HistoryCount);
        }

        [Fact]
        public async Task Parallel_sends_are_serialised_into_intact_pairs()
        {
            const int n = 8;
            var chat = new ChatSession(new GenerativeModel(InProcessEmulator.Tagged("echo")));
            await Task.WhenAll(Enumerable.Range(0, n).Select(i => Task.Run(() => chat.SendAsync(Models, User("message " + i)))));

            var history = chat.History;
            Assert.Equal(2 * n, history.Count);
            for (int k = 0; k < n; k++)
            {
                Assert.Equal("user", history[2 * k].Role);
                Assert.Equal("model", history[2 * k + 1].Role);
                Assert.Equal("Echo: " + history[2 * k].Text, history[2 * k + 1].Text);
            }
            Assert.Equal(n, history.Where(c => c.Role == "user").Select(c => c.Text).Distinct().Count());
        }

        [Fact]
        public async Task A_second_send_waits_for_the_first_and_carries_its_turn()
        {
            string id = InProcessEmulator.Tagged("gated");
            var chat = new ChatSession(new GenerativeModel(id));
            var first = chat.SendAsync(Models, User("first"));
            await InProcessEmulator.WaitUntil(() => _emu.RequestsFor(id).Count == 1);
            var second = Task.Run(() => chat.SendAsync(Models, User("second")));
            Assert.False(first.IsCompleted);
            _emu.Host.ReleaseGate(id);
            await Task.WhenAll(first, second);

            var requests = _emu.RequestsFor(id);
            Assert.Equal(2, requests.Count);
            Assert.Equal(new[] { "first", "Echo: first", "second" }, InProcessEmulator.ContentTexts(requests[1]));
            Assert.Equal(4, chat.HistoryCount);
        }

        // Runs a test body on a dedicated thread, as a PowerShell pipeline runs (xunit runs tests on pool threads).
        private static void OnOwnThread(Action body)
        {
            Exception failure = null;
            var thread = new Thread(() => { try { body(); } catch (Exception ex) { failure = ex; } });
            thread.Start();
            Assert.True(thread.Join(TimeSpan.FromMinutes(1)), "The test body hung.");
            if (failure != null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        }

        // A pipeline reads a stream on one thread; whatever runs inside it (another send, an undo) runs on that thread too.
        [Fact]
        public void Anything_that_needs_the_turn_fails_at_once_on_the_thread_whose_stream_is_in_flight() => OnOwnThread(() =>
        {
            string id = InProcessEmulator.Tagged("echo");
            var chat = new ChatSession(new GenerativeModel(id), new[] { User("earlier"), Content.FromText("Echo: earlier", "model") });
            var stream = chat.StreamAsync(Models, User("one two three four")).GetAsyncEnumerator();
            Assert.True(stream.MoveNextAsync().AsTask().GetAwaiter().GetResult());

            var second = chat.SendAsync(Models, User("second"));
            Assert.True(second.IsCompleted, "the send waits on the turn of its own thread");
            var send = Assert.Throws<ChatBusyException>(() => second.GetAwaiter().GetResult());
            Assert.Equal("ChatBusy", send.ErrorCode);
            Assert.Contains("send another message", send.Message);
            Assert.Contains("the streamed reply to 'one two three four'", send.Message);
            Assert.Same(chat, send.Session);
            var nested = chat.StreamAsync(Models, User("third")).GetAsyncEnumerator();
            var move = nested.MoveNextAsync();
            Assert.True(move.IsCompleted, "the nested stream waits on the turn of its own thread");
            Assert.Throws<ChatBusyException>(() => move.AsTask().GetAwaiter().GetResult());
            Assert.Contains("undo the last message", Assert.Throws<ChatBusyException>(() => chat.Rewind()).Message);
            Assert.Throws<ChatBusyException>(() => chat.History = new ChatHistory(new Content[0]));
            Assert.Equal(2, chat.HistoryCount);   // reading the committed history never waits

            while (stream.MoveNextAsync().AsTask().GetAwaiter().GetResult()) { }
            stream.DisposeAsync().AsTask().GetAwaiter().GetResult();
            Assert.Equal(new[] { "earlier", "Echo: earlier", "one two three four", "Echo: one two three four" }, chat.History.Select(c => c.Text));
            Assert.Equal("Echo: second", chat.SendAsync(Models, User("second")).GetAwaiter().GetResult().Text);
            Assert.Equal(2, _emu.RequestsFor(id).Count);
        });

        [Fact]
        public async Task A_stream_abandoned_early_frees_the_session()
        {
            var chat = new ChatSession(new GenerativeModel(InProcessEmulator.Tagged("echo")));
            var stream = chat.StreamAsync(Models, User("one two three four")).GetAsyncEnumerator();
            Assert.True(await stream.MoveNextAsync());
            await stream.DisposeAsync();
            Assert.Equal("Echo: next", (await chat.SendAsync(Models, User("next"))).Text);
        }

        [Fact]
        public async Task History_can_be_replaced_with_a_deep_copy_and_the_next_send_carries_it()
        {
            string id = InProcessEmulator.Tagged("echo");
            var chat = new ChatSession(new GenerativeModel(id));
            await chat.SendAsync(Models, User("first"));
            var given = new List<Content> { User("edited"), Content.FromText("Echo: edited", "model") };
            chat.History = new ChatHistory(given);
            given[0].Parts[0].Text = "changed afterwards";
            Assert.Null(chat.Last);

            await chat.SendAsync(Models, User("next"));
            Assert.Equal(new[] { "edited", "Echo: edited", "next" }, InProcessEmulator.ContentTexts(_emu.RequestsFor(id)[1]));
            chat.History = null!;
            Assert.Equal(0, chat.HistoryCount);
        }

        [Fact]
        public async Task The_history_copy_is_read_only_and_says_how_to_change_the_history()
        {
            var chat = new ChatSession(new GenerativeModel(InProcessEmulator.Tagged("echo")));
            await chat.SendAsync(Models, User("first"));
            var history = chat.History;
            Assert.True(((IList<Content>)history).IsReadOnly);
            var replace = Assert.Throws<NotSupportedException>(() => ((IList<Content>)history)[1] = User("x"));
            Assert.Contains("$chat.History = $h", replace.Message);
            Assert.Throws<NotSupportedException>(() => ((System.Collections.IList)history).Add(User("x")));
            Assert.Throws<NotSupportedException>(() => ((ICollection<Content>)history).Clear());
            Assert.Equal(2, chat.HistoryCount);
        }

        [Fact]
        public async Task Per_call_overrides_and_model_defaults_reach_the_request()
        {
            string id = InProcessEmulator.Tagged("echo");
            var model = new GenerativeModel(id)
            {
                SystemInstruction = Content.FromText("Be brief.", null),
                GenerationConfig = new GenerationConfig { Temperature = 0.5 },
            };
            var chat = new ChatSession(model);
            await chat.SendAsync(Models, User("hi"), new CallOverrides { GenerationConfig = new GenerationConfig { MaxOutputTokens = 50 } });

            using var body = System.Text.Json.JsonDocument.Parse(_emu.RequestsFor(id).Single().Body);
            var root = body.RootElement;
            Assert.Equal("Be brief.", root.GetProperty("systemInstruction").GetProperty("parts")[0].GetProperty("text").GetString());
            Assert.Equal(0.5, root.GetProperty("generationConfig").GetProperty("temperature").GetDouble());
            Assert.Equal(50, root.GetProperty("generationConfig").GetProperty("maxOutputTokens").GetInt32());
        }
    }
}
