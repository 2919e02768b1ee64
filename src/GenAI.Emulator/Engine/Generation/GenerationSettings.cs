using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json.Nodes;
using GenAI.Emulator.Engine.Errors;
using GenAI.Emulator.Engine.Json;
using GenAI.Emulator.Engine.Models;

namespace GenAI.Emulator.Engine.Generation;

/// <summary>The validated generationConfig values the echo engine honours.</summary>
internal sealed class GenerationSettings
{
    private static readonly HashSet<string> s_mimeTypes = new(StringComparer.Ordinal)
    {
        "text/plain", "application/json", "application/xml", "application/yaml", "text/x.enum",
    };

    public int CandidateCount { get; private init; } = 1;

    public IReadOnlyList<string> StopSequences { get; private init; } = Array.Empty<string>();

    /// <summary>Reply word limit; null = unlimited.</summary>
    public int? MaxOutputTokens { get; private init; }

    public string ResponseMimeType { get; private init; } = "text/plain";

    /// <summary>responseSchema (OpenAPI subset) or responseJsonSchema (JSON Schema), when given.</summary>
    public JsonNode? ResponseSchema { get; private init; }

    /// <summary>Response modalities, image and speech settings.</summary>
    public OutputSettings Output { get; private init; } = OutputSettings.Parse(new JsonObject(), f => f, ValidationScope.Generate, null);

    public static GenerationSettings Parse(JsonObject? config, ValidationScope scope, ModelInfo? model)
    {
        if (config is null)
        {
            return new GenerationSettings { Output = OutputSettings.Parse(new JsonObject(), f => f, scope, model) };
        }

        string Field(string name) => scope.Field("generation_config." + name);

        int candidateCount = JsonRead.Integer(config["candidateCount"], Field("candidate_count")) ?? 0;
        if (candidateCount < 0 || candidateCount > 8)
        {
            throw Invalid(scope, Field("candidate_count"), "candidate_count must be in the range [1, 8].");
        }

        double? temperature = JsonRead.Number(config["temperature"], Field("temperature"));
        if (temperature is < 0 or > 2)
        {
            throw Invalid(scope, Field("temperature"), $"temperature must be in the range [0.0, 2.0], got {Format(temperature.Value)}.");
        }

        double? topP = JsonRead.Number(config["topP"], Field("top_p"));
        if (topP is < 0 or > 1)
        {
            throw Invalid(scope, Field("top_p"), $"top_p must be in the range [0.0, 1.0], got {Format(topP.Value)}.");
        }

        int? topK = JsonRead.Integer(config["topK"], Field("top_k"));
        if (topK is < 0)
        {
            throw Invalid(scope, Field("top_k"), "top_k must be non-negative.");
        }

        if (topK is > 0 && model is { TopK: null, IsScenario: false })
        {
            throw Invalid(scope, Field("top_k"), $"top_k is not supported by {model.Name}.");
        }

        int? maxOutputTokens = JsonRead.Integer(config["maxOutputTokens"], Field("max_output_tokens"));
        if (maxOutputTokens is < 0)
        {
            throw Invalid(scope, Field("max_output_tokens"), "max_output_tokens must be non-negative.");
        }

        List<string> stops = ReadStopSequences(config["stopSequences"], scope, Field("stop_sequences"));

        string mimeType = JsonRead.String(config["responseMimeType"], Field("response_mime_type")) ?? "text/plain";
        if (mimeType.Length == 0)
        {
            mimeType = "text/plain";
        }

        if (!s_mimeTypes.Contains(mimeType))
        {
            throw Invalid(scope, Field("response_mime_type"),
                "allowed mimetypes are `text/plain`, `application/json`, `application/xml`, `application/yaml` and `text/x.enum`.");
        }

        JsonNode? schema = config["responseSchema"] ?? config["responseJsonSchema"] ?? config["_responseJsonSchema"];
        if (config["responseSchema"] is not null && (config["responseJsonSchema"] ?? config["_responseJsonSchema"]) is not null)
        {
            throw Invalid(scope, Field("response_schema"), "response_schema and response_json_schema cannot both be set.");
        }

        if (schema is not null && mimeType is not ("application/json" or "text/x.enum"))
        {
            throw Invalid(scope, Field("response_mime_type"),
                "When response_schema is set, response_mime_type must be `application/json` or `text/x.enum`.");
        }

        return new GenerationSettings
        {
            CandidateCount = candidateCount == 0 ? 1 : candidateCount,
            StopSequences = stops,
            MaxOutputTokens = maxOutputTokens is > 0 ? maxOutputTokens : null,
            ResponseMimeType = mimeType,
            ResponseSchema = schema,
            Output = OutputSettings.Parse(config, Field, scope, model),
        };
    }

    private static List<string> ReadStopSequences(JsonNode? node, ValidationScope scope, string field)
    {
        var stops = new List<string>();
        if (node is null)
        {
            return stops;
        }

        if (node is not JsonArray array)
        {
            throw JsonRead.InvalidValue(field, "TYPE_STRING", node);
        }

        if (array.Count > 5)
        {
            throw Invalid(scope, field, $"stop_sequences must have at most 5 elements, got {array.Count}.");
        }

        for (int i = 0; i < array.Count; i++)
        {
            string? stop = JsonRead.String(array[i], $"{field}[{i}]");
            if (!string.IsNullOrEmpty(stop))
            {
                stops.Add(stop);
            }
        }

        return stops;
    }

    private static ApiException Invalid(ValidationScope scope, string field, string description) =>
        new(ApiErrors.InvalidField(scope.RequestType, field, description));

    private static string Format(double value) => value.ToString("0.0##", CultureInfo.InvariantCulture);
}
