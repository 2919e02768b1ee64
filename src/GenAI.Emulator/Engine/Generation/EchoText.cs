using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using GenAI.Emulator.Engine.Json;

namespace GenAI.Emulator.Engine.Generation;

/// <summary>
/// The deterministic reply text: <c>Echo: </c> + the last content's parts joined with a space (text as
/// is, <c>[inlineData mime N bytes]</c>, <c>[fileData mime uri]</c>); for function responses
/// <c>Function name returned {json}</c>.
/// </summary>
internal static class EchoText
{
    public const string Prefix = "Echo: ";

    public static string For(JsonObject? lastContent)
    {
        var rendered = new List<string>();
        foreach (JsonObject part in Parts(lastContent))
        {
            if (JsonRead.TryString(part["text"]) is { } text)
            {
                rendered.Add(text);
            }
            else if (part["inlineData"] is JsonObject blob)
            {
                long bytes = Base64Length.Decoded(JsonRead.TryString(blob["data"]) ?? string.Empty);
                rendered.Add($"[inlineData {JsonRead.TryString(blob["mimeType"])} {bytes} bytes]");
            }
            else if (part["fileData"] is JsonObject file)
            {
                rendered.Add($"[fileData {JsonRead.TryString(file["mimeType"])} {JsonRead.TryString(file["fileUri"])}]");
            }
        }

        return Prefix + string.Join(" ", rendered);
    }

    /// <summary><c>Function get_weather returned {"temp":21}</c> per functionResponse part, joined with a space.</summary>
    public static string ForFunctionResponses(JsonObject lastContent) => string.Join(" ",
        Parts(lastContent)
            .Select(part => part["functionResponse"] as JsonObject)
            .Where(response => response is not null)
            .Select(response => $"Function {JsonRead.TryString(response!["name"])} returned {response["response"]?.ToJsonString() ?? "{}"}"));

    public static bool HasFunctionResponse(JsonObject? content) => Parts(content).Any(part => part["functionResponse"] is JsonObject);

    /// <summary>All text parts of the last content joined with a space (used for function-name matching).</summary>
    public static string PlainText(JsonObject? content) =>
        string.Join(" ", Parts(content).Select(part => JsonRead.TryString(part["text"])).Where(t => t is not null));

    private static IEnumerable<JsonObject> Parts(JsonObject? content) =>
        (content?["parts"] as JsonArray ?? new JsonArray()).OfType<JsonObject>();
}
