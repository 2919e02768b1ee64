using System.Collections.Generic;
using System.Linq;
using GenAI.Core.Input;
using GenAI.Core.Protocol;

namespace GenAI.PowerShell.Input
{
    /// <summary>Contents from PowerShell values (unwrapped here) through the core's converter.</summary>
    internal static class PromptConverter
    {
        public static List<Content> ToContents(IEnumerable<object?> items) => new ContentConverter().ToContents(items.Select(PlainValues.Of));

        /// <summary>One message (e.g. a system instruction) from any content-like value.</summary>
        public static Content ToContent(object value) => new ContentConverter().ToContent(PlainValues.Of(value)!);
    }
}
