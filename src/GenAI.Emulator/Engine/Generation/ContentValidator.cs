using System;
using System.Linq;
using System.Text.Json.Nodes;
using GenAI.Emulator.Engine.Errors;
using GenAI.Emulator.Engine.Json;

namespace GenAI.Emulator.Engine.Generation;

/// <summary>Checks Content and Part messages the way the service does (roles, the Part data oneof, base64).</summary>
internal static class ContentValidator
{
    private static readonly string[] s_dataFields =
    {
        "text", "inlineData", "functionCall", "functionResponse", "fileData", "executableCode", "codeExecutionResult",
    };

    public static void ValidateContents(JsonArray contents, ValidationScope scope, string field = "contents")
    {
        for (int i = 0; i < contents.Count; i++)
        {
            ValidateContent(contents[i] as JsonObject, scope, $"{field}[{i}]");
        }
    }

    public static void ValidateContent(JsonObject? content, ValidationScope scope, string path)
    {
        string? role = JsonRead.String(content?["role"], scope.Field(path + ".role"));
        if (!string.IsNullOrEmpty(role) && role is not ("user" or "model" or "function" or "system"))
        {
            throw new ApiException(ApiErrors.InvalidArgument("Please use a valid role: user, model."));
        }

        if (content?["parts"] is not JsonArray { Count: > 0 } parts)
        {
            throw new ApiException(ApiErrors.InvalidField(scope.RequestType, scope.Field(path + ".parts"), "contents.parts must not be empty."));
        }

        for (int i = 0; i < parts.Count; i++)
        {
            ValidatePart(parts[i] as JsonObject ?? new JsonObject(), scope, $"{path}.parts[{i}]");
        }
    }

    private static void ValidatePart(JsonObject part, ValidationScope scope, string path)
    {
        string[] present = s_dataFields.Where(part.ContainsKey).ToArray();
        if (present.Length == 0)
        {
            throw new ApiException(ApiErrors.InvalidField(
                scope.RequestType, scope.Field(path + ".data"), "required oneof field 'data' must have one initialized field"));
        }

        if (present.Length > 1)
        {
            throw new ApiException(ApiErrors.InvalidJsonPayload(
                $"Oneof field 'data' is already set. Cannot set '{present[1]}'", scope.Field(path)));
        }

        JsonRead.String(part["text"], scope.Field(path + ".text"));
        if (part["inlineData"] is JsonObject blob)
        {
            JsonRead.String(blob["mimeType"], scope.Field(path + ".inline_data.mime_type"));
            string data = JsonRead.String(blob["data"], scope.Field(path + ".inline_data.data")) ?? string.Empty;
            if (Base64Length.Decoded(data) < 0)
            {
                string shown = data.Length > 40 ? data[..40] : data;
                throw new ApiException(ApiErrors.InvalidJsonPayload(
                    $"Invalid value at '{scope.Field(path + ".inline_data.data")}' (TYPE_BYTES), Base64 decoding failed for \"{shown}\"",
                    scope.Field(path + ".inline_data.data")));
            }
        }

        if (part["fileData"] is JsonObject file &&
            string.IsNullOrEmpty(JsonRead.String(file["fileUri"], scope.Field(path + ".file_data.file_uri"))))
        {
            throw new ApiException(ApiErrors.InvalidField(scope.RequestType, scope.Field(path + ".file_data.file_uri"), "file_uri must not be empty."));
        }

        foreach (string member in new[] { "functionCall", "functionResponse" })
        {
            if (part[member] is JsonObject named &&
                string.IsNullOrEmpty(JsonRead.String(named["name"], scope.Field(path + "." + MessageShapeNames.Snake(member) + ".name"))))
            {
                throw new ApiException(ApiErrors.InvalidField(
                    scope.RequestType, scope.Field(path + "." + MessageShapeNames.Snake(member) + ".name"), "Name cannot be empty."));
            }
        }
    }
}

/// <summary>Helpers to turn JSON member names into the proto names used in error paths.</summary>
internal static class MessageShapeNames
{
    public static string Snake(string camel) => MessageShape.ToSnakeCase(camel);
}

/// <summary>Decoded length of standard or URL-safe base64 text without decoding it.</summary>
internal static class Base64Length
{
    /// <summary>The decoded byte count, or -1 when <paramref name="text"/> is not valid base64.</summary>
    public static long Decoded(string text)
    {
        int length = text.Length;
        int padding = 0;
        while (length > 0 && text[length - 1] == '=')
        {
            length--;
            padding++;
        }

        if (padding > 2)
        {
            return -1;
        }

        for (int i = 0; i < length; i++)
        {
            char c = text[i];
            bool ok = c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '+' or '/' or '-' or '_';
            if (!ok)
            {
                return -1;
            }
        }

        if (length % 4 == 1 || (padding > 0 && (length + padding) % 4 != 0))
        {
            return -1;
        }

        return (long)length * 3 / 4;
    }
}
