using System;
using System.Text.Json.Nodes;

namespace GenAI.Emulator.Cassettes;

/// <summary>
/// One recorded exchange. <see cref="Sequence"/> numbers identical requests in the order they came (polling
/// files.get until a file is ACTIVE repeats one request with different replies).
/// </summary>
internal sealed record Cassette(CassetteRequest Request, int Sequence, CassetteResponse Response)
{
    public string FileName => Request.FileStem(Sequence) + ".json";

    public JsonObject ToJson() => new()
    {
        ["request"] = Request.ToJson(),
        ["sequence"] = Sequence,
        ["response"] = Response.ToJson(),
    };

    public static Cassette FromJson(JsonNode? json)
    {
        JsonObject root = json as JsonObject ?? throw new FormatException("a cassette is a JSON object with request, sequence and response.");
        return new Cassette(
            CassetteRequest.FromJson(root["request"] as JsonObject ?? throw new FormatException("request is missing.")),
            (int?)root["sequence"] ?? 1,
            CassetteResponse.FromJson(root["response"] as JsonObject ?? throw new FormatException("response is missing.")));
    }
}
