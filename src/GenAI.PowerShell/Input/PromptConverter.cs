using System.Collections.Generic;
using System.Collections.Specialized;
using System.Management.Automation;
using GenAI.Core.Input;
using GenAI.Core.Protocol;

namespace GenAI.PowerShell.Input
{
    /// <summary>PowerShell's side of input conversion: unwraps PSObjects before the core converter sees them.</summary>
    internal static class PromptConverter
    {
        /// <param name="mimeType">-MimeType: the type of byte arrays, and of files instead of their extension's.</param>
        public static ContentConverter Create(string? mimeType = null) => new ContentConverter(Normalize, null, mimeType);

        public static List<Content> ToContents(IEnumerable<object?> items) => Create().ToContents(items);

        /// <summary>PSCustomObject → ordered dictionary of its properties; other PSObjects → their base object.</summary>
        public static object? Normalize(object? value)
        {
            if (value is PSObject psObject)
            {
                if (psObject.BaseObject is PSCustomObject)
                {
                    var dictionary = new OrderedDictionary();
                    foreach (var property in psObject.Properties)
                        dictionary[property.Name] = property.Value;
                    return dictionary;
                }
                return psObject.BaseObject;
            }
            return value;
        }
    }
}
