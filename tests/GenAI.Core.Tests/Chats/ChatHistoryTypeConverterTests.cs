using System.Collections;
using System.ComponentModel;
using System.Linq;
using GenAI.Core.Chats;
using GenAI.Core.Errors;
using GenAI.Core.Protocol;

namespace GenAI.Core.Tests.Chats
{
    /// <summary>
    /// What a host that converts through TypeConverterAttribute (PowerShell's <c>$chat.History = $list</c>) gets when it
    /// assigns a loose value to ChatSession.History.
    /// </summary>
    public class ChatHistoryTypeConverterTests
    {
        private static ChatHistory Convert(object value) => (ChatHistory)TypeDescriptor.GetConverter(typeof(ChatHistory)).ConvertFrom(value)!;

        [Fact]
        public void Is_found_on_the_type() =>
            Assert.IsType<ChatHistoryTypeConverter>(TypeDescriptor.GetConverter(typeof(ChatHistory)));

        [Fact]
        public void Reads_contents_and_dictionaries_shaped_like_contents_in_order()
        {
            var list = new object[]
            {
                Content.FromText("hi"),
                new Hashtable { ["role"] = "model", ["parts"] = new object[] { new Hashtable { ["text"] = "hello" } } },
            };
            var history = Convert(list);
            Assert.Equal(new[] { "user", "model" }, history.Select(c => c.Role));
            Assert.Equal("hello", history[1].Text);
        }

        [Fact]
        public void Takes_one_item_as_a_history_of_one_and_keeps_a_history_as_it_is()
        {
            Assert.Equal("solo", Assert.Single(Convert("solo")).Text);
            var history = new ChatHistory(new[] { Content.FromText("kept") });
            Assert.Same(history, Convert(history));
        }

        [Fact]
        public void Refuses_an_item_that_is_not_a_content_with_the_core_error() =>
            Assert.Throws<InvalidInputException>(() => Convert(new object[] { new Hashtable { ["role"] = "user", ["parts"] = new object[] { new Hashtable { ["foo"] = 1 } } } }));

        [Fact]
        public void Takes_the_host_wrappers_off_first()
        {
            var before = ChatHistoryTypeConverter.Unwrap;
            try
            {
                ChatHistoryTypeConverter.Unwrap = value => value is Wrapped wrapped ? new object[] { wrapped.Inner } : value;
                Assert.Equal("unwrapped", Assert.Single(Convert(new Wrapped("unwrapped"))).Text);
            }
            finally { ChatHistoryTypeConverter.Unwrap = before; }
        }

        private sealed class Wrapped
        {
            public Wrapped(object inner) => Inner = inner;

            public object Inner { get; }
        }
    }
}
