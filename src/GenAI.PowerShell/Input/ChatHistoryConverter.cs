using System;
using System.Collections;
using System.Linq;
using System.Management.Automation;
using GenAI.Core.Chats;
using GenAI.Core.Input;

namespace GenAI.PowerShell.Input
{
    /// <summary>
    /// Lets <c>$chat.History = $list</c> take what Start-ChatSession -History takes: contents, hashtables shaped
    /// like contents, another session's History. Registered for ChatHistory by GenAI.psm1.
    /// </summary>
    public sealed class ChatHistoryConverter : PSTypeConverter
    {
        public override bool CanConvertFrom(object sourceValue, Type destinationType) => destinationType == typeof(ChatHistory);

        public override object ConvertFrom(object sourceValue, Type destinationType, IFormatProvider formatProvider, bool ignoreCase)
        {
            var value = PlainValues.Of(sourceValue);
            if (value is ChatHistory history) return history;
            var items = value is IEnumerable list && !(value is string) && !(value is IDictionary) ? list.Cast<object?>() : new[] { value };
            return new ChatHistory(new ContentConverter().ToContents(items));
        }

        public override bool CanConvertTo(object sourceValue, Type destinationType) => false;

        public override object ConvertTo(object sourceValue, Type destinationType, IFormatProvider formatProvider, bool ignoreCase) =>
            throw new InvalidCastException($"A chat history cannot be converted to {destinationType}.");
    }
}
