using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using GenAI.Core.Input;
using GenAI.Core.Protocol;

namespace GenAI.PowerShell.Tools
{
    /// <summary>
    /// The media among a tool command's output: image, audio, video and PDF files (FileInfo), Blob objects,
    /// parts with inline data, and @{ MimeType = ...; Data = [byte[]] } objects. Each becomes a part of the
    /// function's response (<c>functionResponse.parts[].inlineData</c>).
    /// </summary>
    internal static class FunctionMediaOutput
    {
        internal sealed class Item
        {
            public Item(string name, FunctionResponsePart part) { Name = name; Part = part; }

            public string Name { get; }

            public FunctionResponsePart Part { get; }
        }

        public static List<Item> Split(IReadOnlyList<object?> output, out List<object?> rest)
        {
            var media = new List<Item>();
            rest = new List<object?>();
            foreach (var raw in output)
            {
                var item = ToItem(raw is PSObject ps ? ps.BaseObject : raw, raw);
                if (item != null) media.Add(item);
                else rest.Add(raw);
            }
            return media;
        }

        /// <summary>"chart.png (image/png, 1234 bytes)", ... for the JSON response.</summary>
        public static string Describe(List<Item> media, bool attached) =>
            (attached ? "Attached: " : "Produced (not attached): ") + string.Join(", ", media.Select(m => $"{m.Name} ({m.Part.InlineData!.MimeType}, {m.Part.InlineData.DecodedLength} bytes)"));

        private static Item? ToItem(object? value, object? raw)
        {
            switch (value)
            {
                case FileInfo file when file.Exists && !MimeTypes.IsTextFile(file.Name) && MimeTypes.FromFileName(file.Name) is string type:
                    return new Item(file.Name, Inline(File.ReadAllBytes(file.FullName), type));
                case Blob blob when blob.MimeType != null:
                    return new Item("data", new FunctionResponsePart { InlineData = blob });
                case Part part when part.InlineData?.MimeType != null:
                    return new Item("data", new FunctionResponsePart { InlineData = part.InlineData });
            }
            var (mimeType, data) = BytesWithType(value, raw);
            return mimeType != null && data != null ? new Item("data", Inline(data, mimeType)) : null;
        }

        private static (string?, byte[]?) BytesWithType(object? value, object? raw)
        {
            if (value is IDictionary dictionary && dictionary.Count == 2)
                return (Find(dictionary, "MimeType") as string, PromptBytes(Find(dictionary, "Data")));
            if (raw is PSObject ps && ps.BaseObject is PSCustomObject && ps.Properties.Count() == 2)
                return (ps.Properties["MimeType"]?.Value as string, PromptBytes(ps.Properties["Data"]?.Value));
            return (null, null);
        }

        private static object? Find(IDictionary dictionary, string key)
        {
            foreach (DictionaryEntry entry in dictionary)
                if (string.Equals(entry.Key as string, key, System.StringComparison.OrdinalIgnoreCase)) return entry.Value;
            return null;
        }

        private static byte[]? PromptBytes(object? value) => (value is PSObject ps ? ps.BaseObject : value) as byte[];

        private static FunctionResponsePart Inline(byte[] data, string mimeType) =>
            new FunctionResponsePart { InlineData = new Blob(new BytesBlobSource(data), mimeType) };
    }
}
