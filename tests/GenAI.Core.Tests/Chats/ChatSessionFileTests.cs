using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using GenAI.Core.Chats;
using GenAI.Core.Errors;
using GenAI.Core.Models;
using GenAI.Core.Protocol;
using GenAI.Core.Tests.TestSupport;

namespace GenAI.Core.Tests.Chats
{
    public class ChatSessionFileTests : IClassFixture<InProcessEmulator>
    {
        private readonly InProcessEmulator _emu;

        public ChatSessionFileTests(InProcessEmulator emulator) { _emu = emulator; }

        private static GenerativeModel ModelWithDefaults(string name) => new GenerativeModel(name)
        {
            SystemInstruction = Content.FromText("Answer like a pirate.", null),
            GenerationConfig = new GenerationConfig { Temperature = 0.25, MaxOutputTokens = 200 },
            SafetySettings = new List<SafetySetting> { new SafetySetting("HARM_CATEGORY_HARASSMENT", "BLOCK_NONE") },
            Tools = new List<Tool> { new Tool { FunctionDeclarations = new List<FunctionDeclaration> { new FunctionDeclaration { Name = "get_weather", Description = "Weather for a city." } } } },
            ToolConfig = new ToolConfig { FunctionCallingConfig = new FunctionCallingConfig { Mode = "AUTO" } },
        };

        private static readonly Content[] s_history =
        {
            new Content("user", new[] { Part.FromText("Look at this: é ✓"), Part.FromBytes(new byte[] { 1, 2, 3, 4, 5 }, "image/png") }),
            new Content("model", new[] { Part.FromText("A tiny picture.") }),
        };

        [Fact]
        public void A_saved_session_reads_back_with_its_model_defaults_and_history()
        {
            var original = new ChatSession(ModelWithDefaults("gemini-2.5-flash"), s_history);
            byte[] json = ChatSessionFile.Serialize(original);

            using (var document = JsonDocument.Parse(json))
            {
                var root = document.RootElement;
                Assert.Equal("format", root.EnumerateObject().First().Name);
                Assert.Equal(ChatSessionDocument.CurrentFormat, root.GetProperty("format").GetString());
                Assert.Equal("models/gemini-2.5-flash", root.GetProperty("model").GetString());
                Assert.Equal(2, root.GetProperty("history").GetArrayLength());
            }
            Assert.Contains("é ✓", Encoding.UTF8.GetString(json));   // readable UTF-8, not \u escapes
            Assert.False(json[0] == 0xEF, "no byte order mark");

            var restored = ChatSessionFile.Deserialize(json, "chat.json");
            Assert.Equal("models/gemini-2.5-flash", restored.Model.Name);
            Assert.Equal("Answer like a pirate.", restored.Model.SystemInstruction.Text);
            Assert.Equal(0.25, restored.Model.GenerationConfig.Temperature);
            Assert.Equal(200, restored.Model.GenerationConfig.MaxOutputTokens);
            Assert.Equal("BLOCK_NONE", Assert.Single(restored.Model.SafetySettings).Threshold);
            Assert.Equal("get_weather", restored.Model.Tools.Single().FunctionDeclarations.Single().Name);
            Assert.Equal("AUTO", restored.Model.ToolConfig.FunctionCallingConfig.Mode);
            Assert.Equal(Wire(original.History), Wire(restored.History));
            Assert.Equal(json, ChatSessionFile.Serialize(restored));
        }

        [Fact]
        public void A_model_built_from_a_cache_keeps_its_cache()
        {
            var original = new ChatSession(new GenerativeModel("gemini-2.5-flash") { CachedContent = "cachedContents/abc" });
            var restored = ChatSessionFile.Deserialize(ChatSessionFile.Serialize(original), "c.json");
            Assert.Equal("cachedContents/abc", restored.Model.CachedContent);
            Assert.Equal(0, restored.HistoryCount);
        }

        [Fact]
        public void Inline_data_can_be_left_out_of_the_file()
        {
            var session = new ChatSession(new GenerativeModel("m"), s_history);
            string json = Encoding.UTF8.GetString(ChatSessionFile.Serialize(session, omitInlineData: true));
            Assert.DoesNotContain("inlineData", json);
            var restored = ChatSessionFile.Deserialize(Encoding.UTF8.GetBytes(json), "c.json");
            var parts = restored.History[0].Parts;
            Assert.Equal(2, parts.Count);
            Assert.Equal("[image/png, 5 bytes: omitted when the chat was exported]", parts[1].Text);
            Assert.Equal("image/png", session.History[0].Parts[1].InlineData.MimeType);   // the session itself keeps them
        }

        [Fact]
        public async Task An_imported_session_continues_the_conversation_with_its_full_history()
        {
            string id = InProcessEmulator.Tagged("echo");
            var original = new ChatSession(new GenerativeModel(id) { SystemInstruction = Content.FromText("Be brief.", null) });
            await original.SendAsync(_emu.Client.Models, Content.FromText("first", null));
            await original.SendAsync(_emu.Client.Models, Content.FromText("second", null));

            var restored = ChatSessionFile.Deserialize(ChatSessionFile.Serialize(original), "chat.json");
            var reply = await restored.SendAsync(_emu.Client.Models, Content.FromText("third", null));

            Assert.Equal("Echo: third", reply.Text);
            Assert.Equal(6, restored.HistoryCount);
            Assert.Equal(4, original.HistoryCount);
            var last = _emu.RequestsFor(id).Last();
            Assert.Equal(new[] { "first", "Echo: first", "second", "Echo: second", "third" }, InProcessEmulator.ContentTexts(last));
            Assert.Contains("Be brief.", last.Body);
        }

        [Fact]
        public void A_byte_order_mark_is_accepted()
        {
            byte[] json = ChatSessionFile.Serialize(new ChatSession(new GenerativeModel("m"), s_history));
            var withBom = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(json).ToArray();
            Assert.Equal(2, ChatSessionFile.Deserialize(withBom, "bom.json").HistoryCount);
        }

        [Theory]
        [InlineData("{ not json", "is not valid JSON (line 1)")]
        [InlineData("[1, 2]", "holds a JSON array, not an object")]
        [InlineData("{\"model\": \"m\", \"history\": []}", "has no \"format\" field")]
        [InlineData("{\"format\": \"Other.Thing/1\", \"model\": \"m\"}", "its format is \"Other.Thing/1\"")]
        [InlineData("{\"format\": \"GenAI.ChatSession/2\", \"model\": \"m\"}", "by a newer version of GenAI")]
        [InlineData("{\"format\": \"GenAI.ChatSession/x\", \"model\": \"m\"}", "is unknown")]
        [InlineData("{\"format\": \"GenAI.ChatSession/1\"}", "has no \"model\" name")]
        [InlineData("{\"format\": \"GenAI.ChatSession/1\", \"model\": \"  \"}", "has no \"model\" name")]
        [InlineData("{\"format\": \"GenAI.ChatSession/1\", \"model\": \"m\", \"history\": {}}", "\"history\" is not a list")]
        [InlineData("{\"format\": \"GenAI.ChatSession/1\", \"model\": \"m\", \"history\": [{\"role\": \"user\", \"parts\": [{\"text\": \"a\"}]}, {\"role\": \"model\"}]}", "history[1] has no parts")]
        [InlineData("{\"format\": \"GenAI.ChatSession/1\", \"model\": \"m\", \"history\": [\"hello\"]}", "history[0] is not a content")]
        [InlineData("{\"format\": \"GenAI.ChatSession/1\", \"model\": \"m\", \"history\": [{\"role\": \"robot\", \"parts\": [{\"text\": \"a\"}]}]}", "history[0] has the role \"robot\"")]
        [InlineData("{\"format\": \"GenAI.ChatSession/1\", \"model\": \"m\", \"generationConfig\": {\"temperature\": \"hot\"}}", "$.generationConfig.temperature")]
        public void A_file_that_is_not_a_valid_session_is_refused_with_a_clear_reason(string json, string expected)
        {
            var error = Assert.Throws<InvalidInputException>(() => ChatSessionFile.Deserialize(Encoding.UTF8.GetBytes(json), "broken.json"));
            Assert.Equal("InvalidChatSessionFile", error.ErrorCode);
            Assert.StartsWith("Cannot import 'broken.json': ", error.Message);
            Assert.Contains(expected, error.Message);
            Assert.Equal("broken.json", error.Input);
            Assert.NotNull(error.RecommendedAction);
        }

        [Fact]
        public void An_empty_role_counts_as_no_role()
        {
            const string json = "{\"format\": \"GenAI.ChatSession/1\", \"model\": \"m\", \"systemInstruction\": {\"role\": \"\", \"parts\": [{\"text\": \"Be brief.\"}]}}";
            Assert.Equal("Be brief.", ChatSessionFile.Deserialize(Encoding.UTF8.GetBytes(json), "c.json").Model.SystemInstruction.Text);
        }

        [Fact]
        public void A_file_with_several_candidates_configured_is_refused_like_a_new_session()
        {
            const string json = "{\"format\": \"GenAI.ChatSession/1\", \"model\": \"m\", \"generationConfig\": {\"candidateCount\": 3}}";
            var error = Assert.Throws<InvalidInputException>(() => ChatSessionFile.Deserialize(Encoding.UTF8.GetBytes(json), "c.json"));
            Assert.Equal("ChatMultipleCandidates", error.ErrorCode);
        }

        private static string Wire(IEnumerable<Content> contents) =>
            JsonSerializer.Serialize(contents.ToList(), GenAIJsonContext.Default.ListContent);
    }
}
