#nullable enable
using System.Collections.Generic;
using GenAI.Core.Chats;
using GenAI.Core.Errors;
using GenAI.Core.Models;
using GenAI.Core.Protocol;

namespace GenAI.Core.Tests.Chats
{
    /// <summary>A history given to a new session is checked at once: roles, and at least one non-empty part per turn.</summary>
    public class ChatHistoryValidatorTests
    {
        private static ChatSession Start(params Content?[] history) => new ChatSession(new GenerativeModel("gemini-2.5-flash"), history!);

        [Fact]
        public void A_history_of_user_and_model_turns_is_accepted_and_an_unset_role_means_user()
        {
            var session = Start(Content.FromText("Hi", null), Content.FromText("Hello!", "model"),
                new Content("model", new[] { new Part { FunctionCall = new FunctionCall { Name = "f" } } }));
            Assert.Equal(3, session.History.Count);
        }

        public static IEnumerable<object[]> BadHistories => new[]
        {
            new object[] { new Content?[] { null }, "History item 1 of 1 is null." },
            new object[] { new Content?[] { new Content("user", new Part[0]) }, "History item 1 of 1 (user) has no parts." },
            new object[] { new Content?[] { Content.FromText("Hi"), Content.FromText("", "model") }, "History item 2 of 2 (model): part 1 is empty" },
            new object[] { new Content?[] { new Content("user", new Part[] { null! }) }, "part 1 is empty" },
            new object[] { new Content?[] { Content.FromText("Hi", "assistant") }, "has the role 'assistant'" },
        };

        [Theory]
        [MemberData(nameof(BadHistories))]
        public void A_bad_turn_is_an_InvalidHistory_error_that_names_it(Content?[] history, string message)
        {
            var error = Assert.Throws<InvalidInputException>(() => Start(history));
            Assert.Equal("InvalidHistory", error.ErrorCode);
            Assert.Contains(message, error.Message);
        }
    }
}
