using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using CsCheck;
using GenAI.Core.Errors;
using GenAI.Core.Input;
using GenAI.Core.Protocol;

namespace GenAI.Core.Tests.Fuzz
{
    /// <summary>
    /// The input converter on random nested hashtables, dictionaries, lists and scalars shaped like
    /// what users pipe in: it returns contents or throws InvalidInputException, and what it returns serialises.
    /// </summary>
    public class ContentConverterFuzz
    {
        private static readonly object[] s_keys =
        {
            "text", "Text", "parts", "role", "inlineData", "inline_data", "mimeType", "mime_type", "data", "fileData", "file_data", "fileUri",
            "file_uri", "uri", "functionCall", "function_call", "name", "args", "functionResponse", "response", "executableCode", "code",
            "language", "thought", "other", 1, "1",
        };

        private static readonly Gen<object> s_leaf = FuzzGen.Weighted<object>(
            (4, FuzzGen.JsonString.Select(s => (object)s)),
            (1, Gen.Int.Select(i => (object)i)),
            (1, Gen.Long.Select(l => (object)l)),
            (1, Gen.OneOf<object>(double.NaN, double.PositiveInfinity, -0.0, 1e308, 0.5, ulong.MaxValue, decimal.MaxValue, 'c', true, false,
                DateTime.MinValue, Guid.Empty, new byte[] { 1, 2, 3 }, new byte[0], StringComparison.Ordinal)),
            (1, Gen.Const(() => (object)null)),
            (1, Gen.String[0, 10].Select(s => (object)Part.FromText(s))));

        private static Gen<object> Value(int depth) => depth <= 0
            ? s_leaf
            : FuzzGen.Weighted(
                (3, s_leaf),
                (2, Gen.Select(Gen.OneOf(s_keys).Array[0, 4], Value(depth - 1).Array[4], Gen.Bool, (keys, values, ignoreCase) =>
                {
                    var table = ignoreCase ? new Hashtable(StringComparer.OrdinalIgnoreCase) : new Hashtable();
                    for (int i = 0; i < keys.Length; i++) table[keys[i]] = values[i];
                    return (object)table;
                })),
                (1, Gen.Select(Gen.OneOf(s_keys.OfType<string>().ToArray()).Array[0, 3], Value(depth - 1).Array[3], (keys, values) =>
                {
                    var dictionary = new Dictionary<string, object>();
                    for (int i = 0; i < keys.Length; i++) dictionary[keys[i]] = values[i];
                    return (object)dictionary;
                })),
                (1, Value(depth - 1).Array[0, 4].Select(items => (object)new ArrayList(items))),
                (1, Value(depth - 1).Array[0, 4].Select(items => (object)items)));

        [Fact]
        public void Random_nested_input_converts_or_raises_InvalidInputException_only()
        {
            var converter = new ContentConverter();
            Value(3).Array[0, 3].Sample(items =>
            {
                List<Content> contents;
                try { contents = converter.ToContents(items); }
                catch (InvalidInputException) { return; }
                string json = JsonSerializer.Serialize(contents, GenAIJsonContext.Default.ListContent);
                Assert.Equal(contents.Count, JsonSerializer.Deserialize(json, GenAIJsonContext.Default.ListContent).Count);
                foreach (var part in contents.SelectMany(c => c.Parts)) _ = part.ToString();
            }, iter: FuzzBudget.Iterations(20_000));
        }
    }
}
