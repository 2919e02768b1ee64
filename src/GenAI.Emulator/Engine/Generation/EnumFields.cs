using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Nodes;
using GenAI.Emulator.Engine.Errors;

namespace GenAI.Emulator.Engine.Generation;

/// <summary>
/// Enum members the proto JSON parser checks: an unknown name (or number out of range) fails with
/// <c>Invalid value at 'safety_settings[0].category' (type.googleapis.com/...HarmCategory), "X"</c>.
/// </summary>
internal static class EnumFields
{
    private const string TypePrefix = "type.googleapis.com/google.ai.generativelanguage.v1beta.";

    private static readonly string[] s_harmCategories =
    {
        "HARM_CATEGORY_UNSPECIFIED", "HARM_CATEGORY_DEROGATORY", "HARM_CATEGORY_TOXICITY", "HARM_CATEGORY_VIOLENCE",
        "HARM_CATEGORY_SEXUAL", "HARM_CATEGORY_MEDICAL", "HARM_CATEGORY_DANGEROUS", "HARM_CATEGORY_HARASSMENT",
        "HARM_CATEGORY_HATE_SPEECH", "HARM_CATEGORY_SEXUALLY_EXPLICIT", "HARM_CATEGORY_DANGEROUS_CONTENT", "HARM_CATEGORY_CIVIC_INTEGRITY",
    };

    private static readonly string[] s_thresholds =
    {
        "HARM_BLOCK_THRESHOLD_UNSPECIFIED", "BLOCK_LOW_AND_ABOVE", "BLOCK_MEDIUM_AND_ABOVE", "BLOCK_ONLY_HIGH", "BLOCK_NONE", "OFF",
    };

    private static readonly string[] s_modes = { "MODE_UNSPECIFIED", "AUTO", "ANY", "NONE", "VALIDATED" };

    public static void Validate(JsonObject request, ValidationScope scope)
    {
        if (request["safetySettings"] is JsonArray settings)
        {
            for (int i = 0; i < settings.Count; i++)
            {
                Check(settings[i]?["category"], s_harmCategories, "HarmCategory", scope.Field($"safety_settings[{i}].category"));
                Check(settings[i]?["threshold"], s_thresholds, "SafetySetting.HarmBlockThreshold", scope.Field($"safety_settings[{i}].threshold"));
            }
        }

        ValidateToolConfig(request["toolConfig"] as JsonObject, scope);
    }

    public static void ValidateToolConfig(JsonObject? toolConfig, ValidationScope scope) =>
        Check(toolConfig?["functionCallingConfig"]?["mode"], s_modes, "FunctionCallingConfig.Mode", scope.Field("tool_config.function_calling_config.mode"));

    private static readonly string[] s_taskTypes =
    {
        "TASK_TYPE_UNSPECIFIED", "RETRIEVAL_QUERY", "RETRIEVAL_DOCUMENT", "SEMANTIC_SIMILARITY", "CLASSIFICATION", "CLUSTERING",
        "QUESTION_ANSWERING", "FACT_VERIFICATION", "CODE_RETRIEVAL_QUERY",
    };

    /// <summary>An embedding request's task_type (TaskType enum).</summary>
    public static void ValidateTaskType(JsonNode? value, string path) => Check(value, s_taskTypes, "TaskType", path);

    private static void Check(JsonNode? value, IReadOnlyList<string> names, string typeName, string path)
    {
        if (value is not JsonValue scalar)
        {
            return;
        }

        bool valid = scalar.GetValueKind() switch
        {
            JsonValueKind.String => Array.IndexOf((string[])names, scalar.GetValue<string>()) >= 0,
            JsonValueKind.Number => scalar.TryGetValue(out int number) && number >= 0 && number < names.Count,
            _ => false,
        };
        if (!valid)
        {
            throw new ApiException(ApiErrors.InvalidJsonPayload($"Invalid value at '{path}' ({TypePrefix}{typeName}), {scalar.ToJsonString()}", path));
        }
    }
}
