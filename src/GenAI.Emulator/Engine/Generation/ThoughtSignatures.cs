using System;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using GenAI.Emulator.Engine.Errors;
using GenAI.Emulator.Engine.Json;
using GenAI.Emulator.Engine.Models;

namespace GenAI.Emulator.Engine.Generation;

/// <summary>
/// Thought signatures as Gemini 3 models use them (https://ai.google.dev/gemini-api/docs/thought-signatures):
/// opaque base64 on the first functionCall part of each model step (and on the last part of a text reply);
/// in the current turn every model step's first functionCall must carry its signature unchanged, or the
/// request is refused with the service's 400. The two documented bypass strings are honoured.
/// </summary>
internal static class ThoughtSignatures
{
    private static readonly byte[] s_magic = { 0x0A, 0xFB, 0xFF, 0x47, 0x33 };
    private static readonly string[] s_bypass = { "context_engineering_is_the_way_to_go", "skip_thought_signature_validator" };

    /// <summary>A signature for a reply part; its bytes include '+' and '/' in base64 so a lossy copy shows.</summary>
    public static string For(string responseId, string what)
    {
        byte[] body = s_magic.Concat(SHA256.HashData(Encoding.UTF8.GetBytes(responseId + "\n" + what)).Take(28)).ToArray();
        return Convert.ToBase64String(body.Concat(Check(body)).ToArray());
    }

    public static void Validate(JsonArray contents, ModelInfo? model)
    {
        if (model is not { Gemini3: true })
        {
            return;
        }

        int start = CurrentTurnStart(contents);
        for (int i = start; i < contents.Count; i++)
        {
            if (contents[i] is not JsonObject content || JsonRead.TryString(content["role"]) != "model" || content["parts"] is not JsonArray parts)
            {
                continue;
            }

            JsonObject? call = parts.OfType<JsonObject>().FirstOrDefault(p => p["functionCall"] is not null);
            if (call is null)
            {
                continue;
            }

            string name = JsonRead.TryString(call["functionCall"]?["name"]) ?? string.Empty;
            string? signature = JsonRead.TryString(call["thoughtSignature"]);
            if (string.IsNullOrEmpty(signature))
            {
                throw new ApiException(ApiErrors.InvalidArgument(
                    "Function call is missing a thought_signature in functionCall parts. This is required for tools to work correctly, and missing " +
                    $"thought_signature may lead to degraded model performance. Additional data, function call `default_api:{name}` , position {i + 1}. " +
                    "Please refer to https://ai.google.dev/gemini-api/docs/thought-signatures for more details."));
            }

            if (!s_bypass.Contains(signature, StringComparer.Ordinal) && !IsOurs(signature))
            {
                throw new ApiException(ApiErrors.InvalidArgument("Corrupted thought signature."));
            }
        }
    }

    // The current turn begins at the last user content that holds more than function responses.
    private static int CurrentTurnStart(JsonArray contents)
    {
        for (int i = contents.Count - 1; i >= 0; i--)
        {
            if (contents[i] is JsonObject content && JsonRead.TryString(content["role"]) is "user" or null
                && content["parts"] is JsonArray parts && parts.OfType<JsonObject>().Any(p => p["functionResponse"] is null))
            {
                return i + 1;
            }
        }

        return 0;
    }

    // Four check bytes over the rest: any changed byte makes the signature "corrupted", as on the service.
    private static byte[] Check(byte[] body) => SHA256.HashData(body).Take(4).ToArray();

    private static bool IsOurs(string signature)
    {
        string text = signature.Replace('-', '+').Replace('_', '/');
        text = text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
        try
        {
            byte[] bytes = Convert.FromBase64String(text);
            return bytes.Length == s_magic.Length + 32 && bytes.AsSpan(0, s_magic.Length).SequenceEqual(s_magic)
                && bytes.AsSpan(bytes.Length - 4).SequenceEqual(Check(bytes.AsSpan(0, bytes.Length - 4).ToArray()));
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
