using System;
using System.Linq;
using System.Text.Json.Nodes;

namespace GenAI.Emulator.Engine.Errors;

/// <summary>Factories for the error bodies the real service sends, worded like the recorded fixtures.</summary>
public static class ApiErrors
{
    private const string TypePrefix = "type.googleapis.com/google.rpc.";
    private const string Service = "generativelanguage.googleapis.com";

    public static ApiError InvalidApiKey()
    {
        const string message = "API key not valid. Please pass a valid API key.";
        return new ApiError(400, "INVALID_ARGUMENT", message, new JsonArray
        {
            new JsonObject
            {
                ["@type"] = TypePrefix + "ErrorInfo",
                ["reason"] = "API_KEY_INVALID",
                ["domain"] = "googleapis.com",
                ["metadata"] = new JsonObject { ["service"] = Service },
            },
            new JsonObject
            {
                ["@type"] = TypePrefix + "LocalizedMessage",
                ["locale"] = "en-US",
                ["message"] = message,
            },
        });
    }

    public static ApiError MissingApiKey() => new(
        403,
        "PERMISSION_DENIED",
        "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.");

    /// <summary>404 for an unknown model, or a model that does not support <paramref name="method"/>.</summary>
    public static ApiError ModelNotFound(string modelName, string apiVersion, string method)
    {
        string message = $"{modelName} is not found for API version {apiVersion}, or is not supported for {method}. " +
                         "Call ListModels to see the list of available models and their supported methods.";
        return NotFoundWithDebugInfo(message);
    }

    public static ApiError NotFoundWithDebugInfo(string message) => new(404, "NOT_FOUND", message, new JsonArray
    {
        DebugInfo($"[ORIGINAL ERROR] generic::not_found: {message} [google.rpc.error_details_ext] {{ message: \"{message}\" }}"),
    });

    public static ApiError NotFound(string message) => new(404, "NOT_FOUND", message);

    public static ApiError PermissionDenied(string message) => new(403, "PERMISSION_DENIED", message);

    public static ApiError FailedPrecondition(string message) => new(400, "FAILED_PRECONDITION", message);

    public static ApiError AlreadyExists(string message) => new(409, "ALREADY_EXISTS", message);

    /// <summary>400 INVALID_ARGUMENT without details.</summary>
    public static ApiError InvalidArgument(string message) => new(400, "INVALID_ARGUMENT", message);

    /// <summary>
    /// A request-validation failure in the service's style: message
    /// <c>* GenerateContentRequest.generation_config.temperature: ...\n</c> plus a BadRequest detail.
    /// </summary>
    public static ApiError InvalidField(string requestType, string fieldPath, string description)
    {
        string message = $"* {requestType}.{fieldPath}: {description}\n";
        return new ApiError(400, "INVALID_ARGUMENT", message, new JsonArray
        {
            new JsonObject
            {
                ["@type"] = TypePrefix + "BadRequest",
                ["fieldViolations"] = new JsonArray
                {
                    new JsonObject { ["field"] = fieldPath, ["description"] = description },
                },
            },
        });
    }

    /// <summary>The proto JSON parser's rejection: <c>Invalid JSON payload received. ...</c>.</summary>
    public static ApiError InvalidJsonPayload(string detail, string? fieldPath = null)
    {
        string message = "Invalid JSON payload received. " + detail;
        var violation = new JsonObject();
        if (!string.IsNullOrEmpty(fieldPath))
        {
            violation["field"] = fieldPath;
        }

        violation["description"] = message;
        return new ApiError(400, "INVALID_ARGUMENT", message, new JsonArray
        {
            new JsonObject { ["@type"] = TypePrefix + "BadRequest", ["fieldViolations"] = new JsonArray { violation } },
        });
    }

    public static ApiError UnknownField(string name, string path)
    {
        string detail = path.Length == 0
            ? $"Unknown name \"{name}\": Cannot find field."
            : $"Unknown name \"{name}\" at '{path}': Cannot find field.";
        return InvalidJsonPayload(detail, path.Length == 0 ? null : path);
    }

    /// <summary>429 RESOURCE_EXHAUSTED in the current format: QuotaFailure, Help and RetryInfo.</summary>
    public static ApiError QuotaExceeded(string modelId, TimeSpan retryDelay)
    {
        int seconds = Math.Max(1, (int)Math.Ceiling(retryDelay.TotalSeconds));
        string message =
            "You exceeded your current quota, please check your plan and billing details. For more information on this error, " +
            "head to: https://ai.google.dev/gemini-api/docs/rate-limits. To monitor your current usage, head to: https://ai.dev/usage?tab=rate-limit. \n" +
            $"* Quota exceeded for metric: generativelanguage.googleapis.com/generate_content_free_tier_requests, limit: 10, model: {modelId}\n" +
            $"Please retry in {seconds}s.";
        var details = new JsonArray
        {
            new JsonObject
            {
                ["@type"] = TypePrefix + "QuotaFailure",
                ["violations"] = new JsonArray
                {
                    new JsonObject
                    {
                        ["quotaMetric"] = "generativelanguage.googleapis.com/generate_content_free_tier_requests",
                        ["quotaId"] = "GenerateRequestsPerMinutePerProjectPerModel-FreeTier",
                        ["quotaDimensions"] = new JsonObject { ["location"] = "global", ["model"] = modelId },
                        ["quotaValue"] = "10",
                    },
                },
            },
            new JsonObject
            {
                ["@type"] = TypePrefix + "Help",
                ["links"] = new JsonArray
                {
                    new JsonObject
                    {
                        ["description"] = "Learn more about Gemini API quotas",
                        ["url"] = "https://ai.google.dev/gemini-api/docs/rate-limits",
                    },
                },
            },
            new JsonObject { ["@type"] = TypePrefix + "RetryInfo", ["retryDelay"] = $"{seconds}s" },
        };
        return new ApiError(429, "RESOURCE_EXHAUSTED", message, details, TimeSpan.FromSeconds(seconds));
    }

    public static ApiError Overloaded() => new(503, "UNAVAILABLE", "The model is overloaded. Please try again later.");

    public static ApiError Internal() => new(
        500,
        "INTERNAL",
        "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting");

    private static JsonObject DebugInfo(string detail) => new()
    {
        ["@type"] = TypePrefix + "DebugInfo",
        ["detail"] = detail,
    };

    /// <summary>True when <paramref name="body"/> is <c>{"error": {"code": N}}</c> or <c>[{"error": ...}]</c>; returns N.</summary>
    public static bool TryGetErrorCode(JsonNode? body, out int code)
    {
        code = 0;
        JsonNode? candidate = body is JsonArray { Count: > 0 } array ? array.First() : body;
        if (candidate is JsonObject obj && obj["error"] is JsonObject error && error["code"] is JsonValue value &&
            value.TryGetValue(out int parsed))
        {
            code = parsed;
            return true;
        }

        return false;
    }
}
