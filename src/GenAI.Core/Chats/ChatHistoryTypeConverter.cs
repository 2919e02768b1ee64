using System;
using System.Collections;
using System.ComponentModel;
using System.Globalization;
using System.Linq;
using GenAI.Core.Input;

namespace GenAI.Core.Chats
{
    /// <summary>
    /// Turns a loosely typed value assigned to <see cref="ChatSession.History"/> into a <see cref="ChatHistory"/>: a
    /// history as it is, otherwise a list (or one item) of contents or of what <see cref="ContentConverter"/> reads
    /// (dictionaries shaped like contents, strings). Hosts that convert through <see cref="TypeConverterAttribute"/>
    /// find it on the type: PowerShell uses it for <c>$chat.History = $list</c> in every runspace, at no cost until used.
    /// </summary>
    public sealed class ChatHistoryTypeConverter : TypeConverter
    {
        /// <summary>
        /// Takes a host's wrappers off a value, deeply, before it is read (PowerShell's PSObject); set once by the host
        /// when it loads. Null: values are read as they come.
        /// </summary>
        public static Func<object?, object?>? Unwrap { get; set; }

        public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) => true;

        public override object ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object? value)
        {
            var unwrap = Unwrap;
            object? plain = unwrap == null ? value : unwrap(value);
            if (plain is ChatHistory history) return history;
            var items = plain is IEnumerable list && !(plain is string) && !(plain is IDictionary) ? list.Cast<object?>() : new[] { plain };
            return new ChatHistory(new ContentConverter().ToContents(items));
        }
    }
}
