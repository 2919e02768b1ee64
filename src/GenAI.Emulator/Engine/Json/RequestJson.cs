using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using GenAI.Emulator.Engine.Errors;

namespace GenAI.Emulator.Engine.Json;

/// <summary>
/// Parses a request body like the service's proto JSON parser: syntax errors and unknown field
/// names fail with 400 "Invalid JSON payload received. ...", proto snake_case names are renamed to
/// their lowerCamel JSON names, Struct-typed members (function args, responses) stay untouched.
/// </summary>
internal static class RequestJson
{
    private static readonly JsonDocumentOptions s_documentOptions = new() { MaxDepth = 256 };

    /// <summary>Parses and normalises <paramref name="body"/>; an empty body is an empty message.</summary>
    public static JsonObject ParseMessage(ReadOnlyMemory<byte> body, MessageShape shape)
    {
        JsonNode? node = Parse(body);
        if (node is null)
        {
            return new JsonObject();
        }

        if (node is not JsonObject obj)
        {
            throw new ApiException(ApiErrors.InvalidJsonPayload("Unknown name \"\": Root element must be a message."));
        }

        Normalize(obj, shape, string.Empty);
        return obj;
    }

    /// <summary>Parses JSON syntax only; null for an empty or whitespace body.</summary>
    public static JsonNode? Parse(ReadOnlyMemory<byte> body)
    {
        if (IsBlank(body.Span))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(body.Span, documentOptions: s_documentOptions);
        }
        catch (JsonException ex)
        {
            string where = ex.BytePositionInLine is long column ? $" (line {(ex.LineNumber ?? 0) + 1}, column {column + 1})" : string.Empty;
            throw new ApiException(ApiErrors.InvalidJsonPayload($"Unexpected token{where}.\n{Excerpt(body.Span)}\n^"));
        }
    }

    /// <summary>Applies the field rules of <paramref name="shape"/> to <paramref name="obj"/> in place.</summary>
    public static void Normalize(JsonObject obj, MessageShape shape, string path)
    {
        List<KeyValuePair<string, JsonNode?>> members = obj.ToList();
        foreach (var (name, value) in members)
        {
            if (!shape.TryGetField(name, out FieldShape field))
            {
                throw new ApiException(ApiErrors.UnknownField(name, path));
            }

            if (!string.Equals(name, field.JsonName, StringComparison.Ordinal))
            {
                if (obj.ContainsKey(field.JsonName))
                {
                    throw new ApiException(ApiErrors.InvalidJsonPayload(
                        $"Field '{field.ProtoName}' is specified more than once.", Join(path, field.ProtoName)));
                }

                obj.Remove(name);
                obj[field.JsonName] = value;
            }

            if (value is null)
            {
                continue;
            }

            NormalizeValue(value, field, Join(path, field.ProtoName));
        }
    }

    private static void NormalizeValue(JsonNode value, FieldShape field, string path)
    {
        switch (field.Kind)
        {
            case FieldKind.Message:
                Normalize(ExpectObject(value, path, field), field.Element!(), path);
                break;
            case FieldKind.RepeatedMessage:
                if (value is not JsonArray array)
                {
                    throw new ApiException(ApiErrors.InvalidJsonPayload(
                        $"Invalid value at '{path}', expected a list.", path));
                }

                for (int i = 0; i < array.Count; i++)
                {
                    string itemPath = $"{path}[{i}]";
                    if (array[i] is { } item)
                    {
                        Normalize(ExpectObject(item, itemPath, field), field.Element!(), itemPath);
                    }
                }

                break;
            case FieldKind.MessageMap:
                JsonObject map = ExpectObject(value, path, field);
                foreach (var (key, child) in map.ToList())
                {
                    if (child is not null)
                    {
                        string childPath = $"{path}[{key}].value";
                        Normalize(ExpectObject(child, childPath, field), field.Element!(), childPath);
                    }
                }

                break;
            case FieldKind.Scalar:
                if (value is JsonObject)
                {
                    throw new ApiException(ApiErrors.InvalidJsonPayload(
                        $"Invalid value at '{path}', expected a scalar but got an object.", path));
                }

                break;
        }
    }

    private static JsonObject ExpectObject(JsonNode value, string path, FieldShape field)
    {
        if (value is JsonObject obj)
        {
            return obj;
        }

        string typeName = field.Element!().Name;
        throw new ApiException(ApiErrors.InvalidJsonPayload(
            $"Invalid value at '{path}' (type.googleapis.com/google.ai.generativelanguage.v1beta.{typeName}), {value.ToJsonString()}",
            path));
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;

    private static bool IsBlank(ReadOnlySpan<byte> span)
    {
        foreach (byte b in span)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return false;
            }
        }

        return true;
    }

    private static string Excerpt(ReadOnlySpan<byte> body)
    {
        int length = Math.Min(body.Length, 80);
        return System.Text.Encoding.UTF8.GetString(body[..length]).ReplaceLineEndings(" ");
    }
}
