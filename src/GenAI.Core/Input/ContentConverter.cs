using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using GenAI.Core.Errors;
using GenAI.Core.Protocol;

namespace GenAI.Core.Input
{
    /// <summary>
    /// The seed SDK's input conversion (as the Google Gen AI SDKs do; https://ai.google.dev/api/generate-content#request-body): anything a user passes as a prompt becomes
    /// Content. A list in which every item is a Content (or a dictionary with "parts") is a
    /// conversation; any other list is the parts of one message.
    /// </summary>
    public sealed class ContentConverter
    {
        private static readonly string[] s_partKeys = { "text", "inlineData", "inline_data", "fileData", "file_data", "functionCall", "function_call", "functionResponse", "function_response", "executableCode", "executable_code", "codeExecutionResult", "code_execution_result" };

        private readonly string? _mimeType;

        /// <param name="mimeType">The MIME type of byte arrays; for files it overrides the type from the extension.</param>
        public ContentConverter(string? mimeType = null)
        {
            _mimeType = string.IsNullOrWhiteSpace(mimeType) ? null : mimeType!.Trim();
        }

        /// <summary>Items to contents: a conversation if every item is a content, else one message.</summary>
        public List<Content> ToContents(IEnumerable<object?> items)
        {
            var values = items.Where(v => v != null).ToList();
            if (values.Count == 0) return new List<Content>();
            if (values.All(IsStrictContent))
                return values.Select(v => ToContent(v!)).ToList();
            if (values.Count > 1 && values.Any(IsStrictContent))
                throw new InvalidInputException(ErrorCodes.AmbiguousPrompt,
                    "The prompt mixes whole messages (contents with 'parts') and loose parts. Pass either a list of contents (a conversation) or a list of parts (one message).",
                    values.First(IsStrictContent));
            return new List<Content> { new Content(null, values.SelectMany(ToParts)) };
        }

        /// <summary>One message from any content-like value.</summary>
        public Content ToContent(object value)
        {
            switch (value)
            {
                case Content content:
                    return content;
                case IDictionary dictionary when ContainsKey(dictionary, "parts"):
                    var role = Convert.ToString(Get(dictionary, "role"));
                    var parts = Get(dictionary, "parts");
                    var list = parts is string || parts is IDictionary || !(parts is IEnumerable) ? new[] { parts } : ((IEnumerable)parts!).Cast<object?>();
                    return new Content(string.IsNullOrEmpty(role) ? null : role, list.Where(p => p != null).SelectMany(ToParts));
                default:
                    return new Content(null, ToParts(value));
            }
        }

        private IEnumerable<Part> ToParts(object? value)
        {
            if (value == null) yield break;
            if (value is Content content)
            {
                foreach (var p in content.Parts) yield return p;
                yield break;
            }
            if (!(value is string) && !(value is IDictionary) && !(value is byte[]) && value is IEnumerable sequence)
            {
                foreach (var item in sequence)
                    foreach (var part in ToParts(item))
                        yield return part;
                yield break;
            }
            yield return ToPart(value);
        }

        /// <summary>One part from a part-like value.</summary>
        public Part ToPart(object value)
        {
            switch (value)
            {
                case Part part: return part;
                case string text: return Part.FromText(text);
                case GenAIFile file:
                    return Part.FromFile(file.Uri ?? throw new InvalidInputException(ErrorCodes.FileHasNoUri, $"The file '{file.Name}' has no URI yet.", file), file.MimeType);
                case Blob blob: return new Part { InlineData = blob };
                case FileData fileData: return new Part { FileData = fileData };
                case FunctionCall call: return new Part { FunctionCall = call };
                case FunctionResponse response: return new Part { FunctionResponse = response };
                case IDictionary dictionary: return FromDictionary(dictionary);
                case FileInfo file: return FileParts.FromFile(file, _mimeType);
                case DirectoryInfo directory:
                    throw new InvalidInputException(ErrorCodes.NotAFile, $"'{directory.FullName}' is a directory, not a file.", directory.FullName,
                        "Pass the files in it instead.");
                case byte[] bytes when _mimeType != null: return Part.FromBytes(bytes, _mimeType);
                case byte[] _:
                    throw new InvalidInputException(ErrorCodes.MimeTypeRequired, "Raw bytes need a MIME type to be sent as inline data.", value,
                        "Give the bytes' MIME type, or pass the file itself.");
                case char _:
                case bool _:
                case int _:
                case long _:
                case double _:
                case decimal _:
                    return Part.FromText(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!);
                default:
                    throw new InvalidInputException(ErrorCodes.UnsupportedInputType,
                        $"A prompt item of type '{value.GetType().FullName}' cannot be sent to the model.", value,
                        "Pass strings, files, byte arrays with their MIME type, or hashtables shaped like the API's parts and contents.");
            }
        }

        private Part FromDictionary(IDictionary dictionary)
        {
            var keys = dictionary.Keys.Cast<object>().Select(k => Convert.ToString(k)!).ToList();
            var partKeys = keys.Where(k => s_partKeys.Contains(k, StringComparer.OrdinalIgnoreCase)).ToList();
            if (partKeys.Count == 0 && keys.Any(k => k.Equals("mimeType", StringComparison.OrdinalIgnoreCase) || k.Equals("mime_type", StringComparison.OrdinalIgnoreCase))
                && keys.Any(k => k.Equals("data", StringComparison.OrdinalIgnoreCase)))
                return TryBlob(dictionary) is Blob bare ? new Part { InlineData = bare } : FromJson(new Dictionary<string, object?> { ["inlineData"] = dictionary });
            if (partKeys.Count == 1 && FieldNames.Squash(partKeys[0]) == "inlinedata" && TryBlob(Get(dictionary, partKeys[0])) is Blob blob)
            {
                var rest = DictionaryEntries.Of(dictionary).Where(e => !string.Equals(Convert.ToString(e.Key), partKeys[0], StringComparison.OrdinalIgnoreCase))
                    .ToDictionary(e => Convert.ToString(e.Key)!, e => e.Value);
                var part = rest.Count == 0 ? new Part() : FromJson(rest);
                part.InlineData = blob;
                return part;
            }
            if (partKeys.Count == 0 && keys.Any(k => k.Equals("uri", StringComparison.OrdinalIgnoreCase)))
                return FromJson(new Dictionary<string, object?> { ["fileData"] = new Dictionary<string, object?> { ["fileUri"] = Get(dictionary, "uri"), ["mimeType"] = Get(dictionary, "mimeType") } });
            if (partKeys.Count != 1)
                throw new InvalidInputException(ErrorCodes.UnrecognizedPart,
                    partKeys.Count == 0
                        ? $"The hashtable with keys '{string.Join("', '", keys)}' is not a part or a content."
                        : $"The hashtable has several part fields ('{string.Join("', '", partKeys)}'); a part holds exactly one.",
                    dictionary,
                    "Use @{ text = '...' }, @{ inlineData = @{ mimeType = '...'; data = '<base64>' } }, @{ fileData = @{ fileUri = '...' } }, or @{ role = 'user'; parts = @(...) }.");
            return FromJson(dictionary);
        }

        /// <summary>
        /// Inline data given as raw data, as the seed accepts wherever a blob can stand: bytes, a file or a stream,
        /// alone or as the data of a blob hashtable (@{ mime_type = 'image/png'; data = [byte[]] }). They are
        /// base64-encoded on the wire like every other inline data. Null when the value is a blob in the API's
        /// own shape (base64 text), which the JSON path reads.
        /// </summary>
        private Blob? TryBlob(object? value)
        {
            if (value is Blob given) return given;
            string? mimeType = _mimeType;
            if (value is IDictionary dictionary)
            {
                object? data = Get(dictionary, "data");
                if (!(data is byte[] || data is Stream || data is FileInfo)) return null;
                string? declared = Convert.ToString(Get(dictionary, "mimeType") ?? Get(dictionary, "mime_type"), System.Globalization.CultureInfo.InvariantCulture);
                if (!string.IsNullOrWhiteSpace(declared)) mimeType = declared!.Trim();
                value = data;
            }
            switch (value)
            {
                case FileInfo file:
                    // A declared type keeps a text file as inline data of that type rather than a text part.
                    return FileParts.FromFile(file, mimeType ?? MimeTypes.FromFileName(file.Name)).InlineData
                        ?? throw new InvalidInputException(ErrorCodes.UnknownFileType, $"The file '{file.FullName}' cannot be sent as inline data.", file.FullName,
                            "Give its type as the inline data's mime_type, e.g. inline_data = { mime_type = 'image/png', data = <the file> }.");
                case byte[] bytes:
                    return new Blob(new BytesBlobSource(bytes), mimeType ?? throw InlineTypeRequired(value));
                case Stream stream:
                    return new Blob(new BytesBlobSource(ReadToEnd(stream)), mimeType ?? throw InlineTypeRequired(value));
                default:
                    return null;
            }
        }

        private static InvalidInputException InlineTypeRequired(object value) =>
            new InvalidInputException(ErrorCodes.MimeTypeRequired, "Inline data given as bytes or a stream needs a MIME type.", value,
                "Say what the data is: inline_data = { mime_type = 'image/png', data = <the bytes> }, or give the MIME type of the call.");

        private static byte[] ReadToEnd(Stream stream)
        {
            if (!stream.CanRead)
                throw new InvalidInputException(ErrorCodes.StreamNotReadable, "The stream given as inline data cannot be read.", stream, "Pass an open, readable stream, or the bytes themselves.");
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            return buffer.ToArray();
        }

        private Part FromJson(IDictionary dictionary)
        {
            var element = JsonValues.FromObject(dictionary);
            var camel = SnakeToCamel(element);
            try
            {
                return camel.Deserialize(GenAIJsonContext.Default.Part) ?? throw new InvalidInputException(ErrorCodes.UnrecognizedPart, "The part is empty.", dictionary);
            }
            catch (JsonException ex)
            {
                throw new InvalidInputException(ErrorCodes.UnrecognizedPart, $"The hashtable does not have the shape of a part: {ex.Message}", dictionary, inner: ex);
            }
        }

        // The service accepts snake_case and PowerShell users type PascalCase; the typed model reads camelCase.
        private static JsonElement SnakeToCamel(JsonElement element)
        {
            var node = System.Text.Json.Nodes.JsonNode.Parse(element.GetRawText());
            Rename(node, 0);
            using var document = JsonDocument.Parse(node!.ToJsonString());
            return document.RootElement.Clone();
        }

        // Only the part's own keys and its payload's keys: user data (function args) keeps its names.
        private static void Rename(System.Text.Json.Nodes.JsonNode? node, int depth)
        {
            if (depth > 1) return;
            if (node is System.Text.Json.Nodes.JsonObject obj)
            {
                foreach (var pair in obj.ToList())
                {
                    Rename(pair.Value, depth + 1);
                    string camel = string.Concat(pair.Key.Split('_').Select((w, i) => w.Length == 0 ? w : (i == 0 ? char.ToLowerInvariant(w[0]) : char.ToUpperInvariant(w[0])) + w.Substring(1)));
                    if (camel == pair.Key) continue;
                    obj.Remove(pair.Key);
                    obj[camel] = pair.Value;
                }
            }
            else if (node is System.Text.Json.Nodes.JsonArray array)
            {
                foreach (var item in array) Rename(item, depth);
            }
        }

        private bool IsStrictContent(object? value) =>
            value is Content || (value is IDictionary d && ContainsKey(d, "parts"));

        private static bool ContainsKey(IDictionary dictionary, string key) =>
            dictionary.Keys.Cast<object>().Any(k => string.Equals(Convert.ToString(k), key, StringComparison.OrdinalIgnoreCase));

        private static object? Get(IDictionary dictionary, string key)
        {
            foreach (DictionaryEntry entry in dictionary)
                if (string.Equals(Convert.ToString(entry.Key), key, StringComparison.OrdinalIgnoreCase)) return entry.Value;
            return null;
        }
    }
}
