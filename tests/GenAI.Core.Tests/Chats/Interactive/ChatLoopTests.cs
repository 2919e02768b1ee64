using System;
using System.IO;
using System.Linq;
using GenAI.Core.Chats;
using GenAI.Core.Chats.Interactive;
using GenAI.Core.Models;
using GenAI.Core.Protocol;
using GenAI.Core.Tests.TestSupport;

namespace GenAI.Core.Tests.Chats.Interactive
{
    public class ChatLoopTests : IClassFixture<InProcessEmulator>, IDisposable
    {
        private readonly InProcessEmulator _emu;
        private readonly string _folder = Directory.CreateTempSubdirectory("genai-chatloop-").FullName;

        public ChatLoopTests(InProcessEmulator emulator) { _emu = emulator; }

        public void Dispose() => Directory.Delete(_folder, recursive: true);

        private (ChatSession Session, ScriptedTerminal Terminal, ChatLoop Loop) Start(string model, ScriptedTerminal terminal)
        {
            var session = new ChatSession(new GenerativeModel(model));
            return (session, terminal, new ChatLoop(session, terminal, new CoreChatHost(_emu.Client, _folder)));
        }

        [Fact]
        public void A_three_turn_conversation_streams_each_reply_after_its_prompt_and_keeps_every_turn()
        {
            string model = InProcessEmulator.Tagged("echo");
            var (session, terminal, loop) = Start(model, new ScriptedTerminal().Type("hello").Type("how are you").Type("bye"));

            loop.Run();

            Assert.Equal(
                ChatLoop.Banner(new ChatSession(new GenerativeModel(model))) + "\n" +
                "You> hello\nEcho: hello\n" +
                "You> how are you\nEcho: how are you\n" +
                "You> bye\nEcho: bye\n" +
                "You> \n",
                terminal.Transcript);
            Assert.Equal(new[] { "hello", "Echo: hello", "how are you", "Echo: how are you", "bye", "Echo: bye" }, session.History.Select(c => c.Text));
            Assert.Equal(new[] { "hello", "Echo: hello", "how are you", "Echo: how are you", "bye" }, InProcessEmulator.ContentTexts(_emu.RequestsFor(model).Last()));
        }

        [Fact]
        public void A_line_ending_in_a_backslash_and_the_lines_of_a_paste_make_one_message()
        {
            var (session, terminal, loop) = Start(InProcessEmulator.Tagged("echo"), new ScriptedTerminal()
                .Type("first line \\").Type("second line")
                .Type("pasted one", moreWaiting: true).Type("pasted two", moreWaiting: true).Type("pasted three"));

            while (loop.RunOnce())
            {
            }

            Assert.Contains("You> first line \\\n...> second line\nEcho: first line \nsecond line\n", terminal.Transcript);
            Assert.Equal(new[] { "first line \nsecond line", "pasted one\npasted two\npasted three" }, session.History.Where(c => c.Role == "user").Select(c => c.Text));
        }

        [Fact]
        public void Ctrl_C_with_text_typed_drops_the_input_and_Ctrl_C_at_an_empty_prompt_leaves()
        {
            var (session, terminal, loop) = Start(InProcessEmulator.Tagged("echo"), new ScriptedTerminal()
                .PressCtrlC("never mind").Type("start \\").PressCtrlC().PressCtrlC().Type("not read"));

            loop.Run();

            Assert.Equal(0, session.HistoryCount);
            Assert.EndsWith("You> never mind^C\nYou> start \\\n...> ^C\nYou> ^C\n", terminal.Transcript);
        }

        [Fact]
        public void Ctrl_C_during_a_reply_stops_it_keeps_the_history_and_the_chat_goes_on()
        {
            string model = InProcessEmulator.Tagged("stream-10");
            var terminal = new ScriptedTerminal { InterruptAfterChunks = 2 }.Type("one two three four five six seven eight nine ten").Type("again");
            var (session, _, loop) = Start(model, terminal);

            loop.Run();

            Assert.Contains("\nStopped. " + ChatSession.TurnNotCommitted + "\nYou> again\n", terminal.Transcript);
            Assert.Equal(new[] { "again" }, session.History.Where(c => c.Role == "user").Select(c => c.Text));
            Assert.Empty(terminal.Errors);
        }

        [Fact]
        public void A_blocked_prompt_is_one_error_line_and_the_chat_goes_on_with_the_history_unchanged()
        {
            var (session, terminal, loop) = Start(InProcessEmulator.Tagged("echo"), new ScriptedTerminal()
                .Type("hi").Type("/model blocked").Type("something bad").Type("/model echo").Type("hi again"));

            loop.Run();

            string error = Assert.Single(terminal.Errors);
            Assert.Contains("blocked", error);
            Assert.Contains(ChatSession.TurnNotCommitted, error);
            Assert.DoesNotContain("\n", error);
            Assert.Equal(new[] { "hi", "Echo: hi", "hi again", "Echo: hi again" }, session.History.Select(c => c.Text));
            Assert.Equal("models/echo", session.Model.Name);
        }

        [Fact]
        public void Slash_commands_undo_save_model_file_tokens_history_help_and_exit_act_on_the_session()
        {
            File.WriteAllText(Path.Combine(_folder, "notes.txt"), "remember the milk");
            string model = InProcessEmulator.Tagged("echo");
            var (session, terminal, loop) = Start(model, new ScriptedTerminal()
                .Type("one").Type("two").Type("/undo")
                .Type("/file notes.txt").Type("/file").Type("with a file")
                .Type("/history").Type("/tokens").Type("/model gemini-2.5-flash").Type("/save chat.json")
                .Type("/help").Type("/exit").Type("not read"));

            loop.Run();

            string shown = terminal.Transcript;
            Assert.Empty(terminal.Errors);
            Assert.Contains("You> /undo\nRemoved \"two\" and its reply; the history holds 1 turn(s).\n", shown);
            Assert.Contains("You> /file notes.txt\nAttached notes.txt (text): they go with the next message.\n", shown);
            Assert.Contains("You> /file\nAttached to the next message: notes.txt.\n", shown);
            Assert.Contains("You> with a file\nEcho: remember the milk with a file\n", shown);
            Assert.Contains("You> /history\nYou: one\nModel: Echo: one\nYou: remember the milk with a file\nModel: Echo: remember the milk with a file\n", shown);
            Assert.Matches(@"You> /tokens\nThe history \(2 turn\(s\)\) is [1-9]\d* token\(s\) for models/echo-[0-9a-f]+\. The last turn used \d+ \(prompt \d+, reply \d+\)\.\n", shown);
            Assert.Contains("You> /model gemini-2.5-flash\nModel: models/gemini-2.5-flash.\n", shown);
            Assert.Contains("\n/exit            leave the chat (so does Ctrl+C at an empty prompt)\n", shown);
            Assert.EndsWith("You> /exit\n", shown);

            var saved = ChatSessionFile.Deserialize(File.ReadAllBytes(Path.Combine(_folder, "chat.json")), "chat.json");
            Assert.Equal("models/gemini-2.5-flash", saved.Model.Name);
            Assert.Equal(new[] { "one", "Echo: one", "remember the milkwith a file", "Echo: remember the milk with a file" }, saved.History.Select(c => c.Text));
            Assert.Equal("remember the milk", saved.History[2].Parts[0].Text);
        }

        [Fact]
        public void Command_mistakes_are_one_line_errors_and_a_double_slash_sends_a_slash()
        {
            var (session, terminal, loop) = Start(InProcessEmulator.Tagged("echo"), new ScriptedTerminal()
                .Type("/undo").Type("/frobnicate").Type("/save").Type("/tokens now").Type("/file missing*.png").Type("//etc/hosts is a file"));

            loop.Run();

            Assert.Equal(5, terminal.Errors.Count);
            Assert.StartsWith("There is nothing to undo", terminal.Errors[0]);
            Assert.StartsWith("/frobnicate is not a chat command. The commands are /undo, /save, /model, /file, /tokens, /history, /help, /exit", terminal.Errors[1]);
            Assert.Equal("/save needs an argument: /save <path>.", terminal.Errors[2]);
            Assert.Equal("/tokens takes no argument; 'now' was given.", terminal.Errors[3]);
            Assert.Equal("No file matches 'missing*.png'.", terminal.Errors[4]);
            Assert.Equal(new[] { "/etc/hosts is a file", "Echo: /etc/hosts is a file" }, session.History.Select(c => c.Text));
        }

        [Fact]
        public void Tab_completes_command_names_and_their_arguments()
        {
            File.WriteAllText(Path.Combine(_folder, "report.txt"), "x");
            var (_, terminal, loop) = Start(InProcessEmulator.Tagged("echo"), new ScriptedTerminal()
                .Tab("/").Tab("/m").Tab("/model gemini").Tab("/file rep").Tab("/undo ").Tab("hello /"));

            loop.Run();

            var completions = terminal.Completions.ToDictionary(c => c.Line, c => c.Completions);
            Assert.Equal(new[] { "/undo", "/save ", "/model ", "/file ", "/tokens", "/history", "/help", "/exit" }, completions["/"]);
            Assert.Equal(new[] { "/model " }, completions["/m"]);
            Assert.Equal(new[] { "/model gemini-2.5-flash", "/model gemini-2.5-pro" }, completions["/model gemini"]);
            Assert.Equal(new[] { "/file report.txt" }, completions["/file rep"]);
            Assert.Empty(completions["/undo "]);
            Assert.Empty(completions["hello /"]);
        }
    }
}
