using System;
using System.Globalization;
using System.Text.Json.Nodes;
using GenAI.Emulator.Engine.Json;

namespace GenAI.Emulator.Engine.Tokens;

/// <summary>
/// The emulator's deterministic token rule (documented in README):
/// <list type="bullet">
/// <item>text: one token per run of letters/digits/underscore, plus one per other non-space character
/// (so <c>"Echo: hi!"</c> = Echo, :, hi, ! = 4);</item>
/// <item>each inlineData or fileData part: a flat <see cref="MediaPartTokens"/> (258, the image rate);</item>
/// <item>functionCall / functionResponse: name + compact JSON of args / response, by the text rule;</item>
/// <item>executableCode / codeExecutionResult: their code / output text;</item>
/// <item>tools: per function declaration its name + description; no per-message overhead.</item>
/// </list>
/// </summary>
public static class TokenCounter
{
    public const int MediaPartTokens = 258;

    public static int CountText(ReadOnlySpan<char> text)
    {
        int count = 0;
        bool inWord = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsLetterOrDigit(c) || c == '_')
            {
                if (!inWord)
                {
                    count++;
                    inWord = true;
                }

                continue;
            }

            inWord = false;
            if (char.IsWhiteSpace(c) || char.IsLowSurrogate(c))
            {
                continue;
            }

            count++;
        }

        return count;
    }

    public static TokenTally CountContents(JsonArray? contents)
    {
        var tally = new TokenTally();
        if (contents is null)
        {
            return tally;
        }

        foreach (JsonNode? content in contents)
        {
            if (content is JsonObject obj)
            {
                tally.Add(CountContent(obj));
            }
        }

        return tally;
    }

    public static TokenTally CountContent(JsonObject? content)
    {
        var tally = new TokenTally();
        if (content?["parts"] is not JsonArray parts)
        {
            return tally;
        }

        foreach (JsonNode? part in parts)
        {
            if (part is JsonObject obj)
            {
                CountPart(obj, tally);
            }
        }

        return tally;
    }

    public static TokenTally CountTools(JsonArray? tools)
    {
        var tally = new TokenTally();
        foreach (JsonNode? tool in tools ?? new JsonArray())
        {
            if (tool?["functionDeclarations"] is not JsonArray declarations)
            {
                continue;
            }

            foreach (JsonNode? declaration in declarations)
            {
                string name = JsonRead.TryString(declaration?["name"]) ?? string.Empty;
                string description = JsonRead.TryString(declaration?["description"]) ?? string.Empty;
                tally.Add("TEXT", CountText(name) + CountText(description));
            }
        }

        return tally;
    }

    public static void CountPart(JsonObject part, TokenTally tally)
    {
        if (part["text"] is JsonValue text)
        {
            tally.Add("TEXT", CountText(JsonRead.TryString(text) ?? string.Empty));
        }
        else if (part["inlineData"] is JsonObject inline)
        {
            tally.Add(ModalityOf(JsonRead.TryString(inline["mimeType"])), MediaPartTokens);
        }
        else if (part["fileData"] is JsonObject file)
        {
            tally.Add(ModalityOf(JsonRead.TryString(file["mimeType"])), MediaPartTokens);
        }
        else if (part["functionCall"] is JsonObject call)
        {
            tally.Add("TEXT", CountNamedJson(call, "args"));
        }
        else if (part["functionResponse"] is JsonObject response)
        {
            tally.Add("TEXT", CountNamedJson(response, "response"));
        }
        else if (part["executableCode"] is JsonObject code)
        {
            tally.Add("TEXT", CountText(JsonRead.TryString(code["code"]) ?? string.Empty));
        }
        else if (part["codeExecutionResult"] is JsonObject result)
        {
            tally.Add("TEXT", CountText(JsonRead.TryString(result["output"]) ?? string.Empty));
        }
    }

    /// <summary>IMAGE / AUDIO / VIDEO / TEXT from the MIME type; anything else is DOCUMENT.</summary>
    public static string ModalityOf(string? mimeType)
    {
        string mime = (mimeType ?? string.Empty).ToLower(CultureInfo.InvariantCulture);
        if (mime.StartsWith("image/", StringComparison.Ordinal))
        {
            return "IMAGE";
        }

        if (mime.StartsWith("audio/", StringComparison.Ordinal))
        {
            return "AUDIO";
        }

        if (mime.StartsWith("video/", StringComparison.Ordinal))
        {
            return "VIDEO";
        }

        return mime.StartsWith("text/", StringComparison.Ordinal) ? "TEXT" : "DOCUMENT";
    }

    private static int CountNamedJson(JsonObject obj, string payloadMember)
    {
        string name = JsonRead.TryString(obj["name"]) ?? string.Empty;
        string payload = obj[payloadMember]?.ToJsonString() ?? string.Empty;
        return CountText(name) + CountText(payload);
    }
}
