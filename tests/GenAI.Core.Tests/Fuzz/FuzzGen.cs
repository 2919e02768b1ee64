using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using CsCheck;

namespace GenAI.Core.Tests.Fuzz
{
    /// <summary>Generators shared by the fuzz properties: structure-aware JSON, mutations, chunk splits.</summary>
    internal static class FuzzGen
    {
        /// <summary>Field names the wire types know, so random documents hit real properties with wrong shapes.</summary>
        public static readonly string[] WireNames =
        {
            "candidates", "content", "parts", "text", "role", "finishReason", "index", "safetyRatings", "category", "probability", "blocked",
            "promptFeedback", "blockReason", "usageMetadata", "promptTokenCount", "candidatesTokenCount", "totalTokenCount", "modelVersion",
            "responseId", "citationMetadata", "citationSources", "startIndex", "endIndex", "uri", "groundingMetadata", "avgLogprobs",
            "inlineData", "mimeType", "data", "fileData", "fileUri", "functionCall", "name", "args", "id", "functionResponse", "response",
            "executableCode", "language", "code", "codeExecutionResult", "outcome", "output", "thought", "thoughtSignature", "tokenCount",
            "error", "status", "message", "details", "@type", "reason", "domain", "metadata", "retryDelay", "seconds", "nanos",
            "type.googleapis.com/google.rpc.RetryInfo", "type.googleapis.com/google.rpc.ErrorInfo", "x",
        };

        private static readonly string[] s_strings =
        {
            "", "STOP", "SAFETY", "UNAVAILABLE", "RESOURCE_EXHAUSTED", "47s", "1.5s", "-3s", "1e400s", "NaNs", "s", "abc", "models/x",
            "type.googleapis.com/google.rpc.RetryInfo", "type.googleapis.com/google.rpc.ErrorInfo", "API_KEY_INVALID", "héllo 🚀", "\u0000",
            "\u001b[31m", "99999999999999999999", "base64==", "aGVsbG8=",
        };

        private static readonly string[] s_numbers =
        {
            "0", "-1", "1", "429", "503", "2147483647", "2147483648", "-2147483649", "9223372036854775808", "1e308", "1e309", "-1e309",
            "0.5", "1.0e-400", "123456789012345678901234567890", "3.14159",
        };

        public static readonly Gen<string> JsonString = Weighted((2, Gen.OneOf(s_strings)), (2, Gen.OneOf(WireNames)), (1, Gen.String[0, 12]));

        /// <summary>One of several generators, by weight (the cast picks CsCheck's generator overload, not the constant one).</summary>
        public static Gen<T> Weighted<T>(params (int Weight, Gen<T> Gen)[] choices) =>
            Gen.Frequency(choices.Select(c => (c.Weight, (IGen<T>)c.Gen)).ToArray());

        /// <summary>Random JSON text with wire-type field names at random depths (at most <paramref name="depth"/>).</summary>
        public static Gen<string> Json(int depth) => depth <= 0
            ? Scalar
            : Weighted(
                (3, Scalar),
                (3, Gen.Select(Gen.OneOf(WireNames).Array[0, 5], Json(depth - 1).Array[5], (names, values) =>
                    "{" + string.Join(",", names.Select((n, i) => Quote(n) + ":" + values[i])) + "}")),
                (2, Json(depth - 1).Array[0, 4].Select(items => "[" + string.Join(",", items) + "]")));

        private static readonly Gen<string> Scalar = Weighted(
            (3, JsonString.Select(Quote)),
            (2, Gen.OneOf(s_numbers)),
            (1, Gen.Int.Select(i => i.ToString(CultureInfo.InvariantCulture))),
            (1, Gen.OneOf("true", "false", "null")));

        public static string Quote(string s) => System.Text.Json.JsonSerializer.Serialize(s);

        /// <summary>Byte-level mutations of a valid document: flips, cuts, insertions, duplications, truncation.</summary>
        public static Gen<byte[]> Mutate(byte[][] seeds) =>
            Gen.Select(Gen.Int[0, seeds.Length - 1], Gen.Int[1, 4], Gen.Int.Array[8], (seed, count, randoms) =>
            {
                var bytes = new List<byte>(seeds[seed]);
                for (int m = 0; m < count && bytes.Count > 0; m++)
                {
                    int at = (int)((uint)randoms[m * 2] % (uint)bytes.Count);
                    int arg = randoms[m * 2 + 1];
                    switch ((uint)arg % 6)
                    {
                        case 0: bytes[at] = (byte)(arg >> 8); break;
                        case 1: bytes.RemoveRange(at, Math.Min(bytes.Count - at, 1 + (int)((uint)arg % 16))); break;
                        case 2: bytes.InsertRange(at, Encoding.UTF8.GetBytes(Tokens[(int)((uint)(arg >> 3) % (uint)Tokens.Length)])); break;
                        case 3: bytes.InsertRange(at, bytes.Skip(at).Take(1 + (int)((uint)arg % 32)).ToList()); break;
                        case 4: bytes.RemoveRange(at, bytes.Count - at); break;
                        default: bytes[at] ^= (byte)(1 << (int)((uint)arg % 8)); break;
                    }
                }
                return bytes.ToArray();
            });

        private static readonly string[] Tokens = { "{", "}", "[", "]", ",", ":", "\"", "null", "1e999", "-", "\\u", "\\", "\"error\":", "\n", "\r\n", "data: ", "\u00e9", "\ud83d" };
    }
}
