using System;
using System.Collections.Generic;
using System.Text;

namespace GenAI.Emulator.Engine.Json;

/// <summary>How a field's JSON value is interpreted while normalising a request.</summary>
internal enum FieldKind
{
    /// <summary>A string, number, bool or enum.</summary>
    Scalar,

    /// <summary>A nested message.</summary>
    Message,

    /// <summary>An array of messages.</summary>
    RepeatedMessage,

    /// <summary>A <c>map&lt;string, Message&gt;</c> (schema properties).</summary>
    MessageMap,

    /// <summary>A google.protobuf.Struct/Value or a message we do not inspect: left untouched.</summary>
    Opaque,
}

internal sealed record FieldShape(string JsonName, string ProtoName, FieldKind Kind, Func<MessageShape>? Element);

/// <summary>
/// The subset of the v1beta proto messages a request may contain: which field names exist (JSON
/// lowerCamel and proto snake_case) and which nested message each holds. Used to reject unknown
/// fields the way the proto JSON parser does and to accept snake_case names.
/// </summary>
internal sealed class MessageShape
{
    private readonly Dictionary<string, FieldShape> _byName = new(StringComparer.Ordinal);

    private MessageShape(string name)
    {
        Name = name;
    }

    public string Name { get; }

    public bool TryGetField(string name, out FieldShape field) => _byName.TryGetValue(name, out field!);

    private MessageShape Add(string jsonName, FieldKind kind = FieldKind.Scalar, Func<MessageShape>? element = null)
    {
        var field = new FieldShape(jsonName, ToSnakeCase(jsonName), kind, element);
        _byName[jsonName] = field;
        _byName[field.ProtoName] = field;
        return this;
    }

    internal static string ToSnakeCase(string camel)
    {
        var builder = new StringBuilder(camel.Length + 4);
        foreach (char c in camel)
        {
            if (char.IsUpper(c))
            {
                builder.Append('_').Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    public static readonly MessageShape Schema = new("Schema");
    public static readonly MessageShape Blob = new MessageShape("Blob").Add("mimeType").Add("data");
    public static readonly MessageShape FileData = new MessageShape("FileData").Add("mimeType").Add("fileUri");
    public static readonly MessageShape FunctionCall = new MessageShape("FunctionCall").Add("id").Add("name").Add("args", FieldKind.Opaque);

    public static readonly MessageShape FunctionResponse = new MessageShape("FunctionResponse")
        .Add("id").Add("name").Add("response", FieldKind.Opaque).Add("parts", FieldKind.Opaque)
        .Add("willContinue").Add("scheduling");

    public static readonly MessageShape ExecutableCode = new MessageShape("ExecutableCode").Add("language").Add("code");
    public static readonly MessageShape CodeExecutionResult = new MessageShape("CodeExecutionResult").Add("outcome").Add("output");
    public static readonly MessageShape VideoMetadata = new MessageShape("VideoMetadata").Add("startOffset").Add("endOffset").Add("fps");

    public static readonly MessageShape Part = new MessageShape("Part")
        .Add("text").Add("inlineData", FieldKind.Message, () => Blob).Add("functionCall", FieldKind.Message, () => FunctionCall)
        .Add("functionResponse", FieldKind.Message, () => FunctionResponse).Add("fileData", FieldKind.Message, () => FileData)
        .Add("executableCode", FieldKind.Message, () => ExecutableCode)
        .Add("codeExecutionResult", FieldKind.Message, () => CodeExecutionResult)
        .Add("thought").Add("thoughtSignature").Add("videoMetadata", FieldKind.Message, () => VideoMetadata)
        .Add("partMetadata", FieldKind.Opaque).Add("mediaResolution", FieldKind.Opaque);

    public static readonly MessageShape Content = new MessageShape("Content").Add("parts", FieldKind.RepeatedMessage, () => Part).Add("role");

    public static readonly MessageShape FunctionDeclaration = new MessageShape("FunctionDeclaration")
        .Add("name").Add("description").Add("parameters", FieldKind.Message, () => Schema)
        .Add("parametersJsonSchema", FieldKind.Opaque).Add("response", FieldKind.Message, () => Schema)
        .Add("responseJsonSchema", FieldKind.Opaque).Add("behavior");

    public static readonly MessageShape Tool = new MessageShape("Tool")
        .Add("functionDeclarations", FieldKind.RepeatedMessage, () => FunctionDeclaration)
        .Add("googleSearchRetrieval", FieldKind.Opaque).Add("codeExecution", FieldKind.Opaque)
        .Add("googleSearch", FieldKind.Opaque).Add("computerUse", FieldKind.Opaque).Add("urlContext", FieldKind.Opaque)
        .Add("fileSearch", FieldKind.Opaque).Add("googleMaps", FieldKind.Opaque).Add("mcpServers", FieldKind.Opaque);

    public static readonly MessageShape FunctionCallingConfig = new MessageShape("FunctionCallingConfig").Add("mode").Add("allowedFunctionNames");

    public static readonly MessageShape ToolConfig = new MessageShape("ToolConfig")
        .Add("functionCallingConfig", FieldKind.Message, () => FunctionCallingConfig).Add("retrievalConfig", FieldKind.Opaque);

    public static readonly MessageShape SafetySetting = new MessageShape("SafetySetting").Add("category").Add("threshold");

    public static readonly MessageShape GenerationConfig = new MessageShape("GenerationConfig")
        .Add("candidateCount").Add("stopSequences").Add("maxOutputTokens").Add("temperature").Add("topP").Add("topK")
        .Add("seed").Add("responseMimeType").Add("responseSchema", FieldKind.Message, () => Schema)
        .Add("responseJsonSchema", FieldKind.Opaque).Add("_responseJsonSchema", FieldKind.Opaque)
        .Add("presencePenalty").Add("frequencyPenalty").Add("responseLogprobs").Add("logprobs")
        .Add("enableEnhancedCivicAnswers").Add("responseModalities").Add("speechConfig", FieldKind.Opaque)
        .Add("imageConfig", FieldKind.Opaque).Add("mediaResolution").Add("thinkingConfig", FieldKind.Opaque);

    public static readonly MessageShape GenerateContentRequest = new MessageShape("GenerateContentRequest")
        .Add("model").Add("contents", FieldKind.RepeatedMessage, () => Content)
        .Add("systemInstruction", FieldKind.Message, () => Content).Add("tools", FieldKind.RepeatedMessage, () => Tool)
        .Add("toolConfig", FieldKind.Message, () => ToolConfig)
        .Add("safetySettings", FieldKind.RepeatedMessage, () => SafetySetting)
        .Add("generationConfig", FieldKind.Message, () => GenerationConfig).Add("cachedContent");

    public static readonly MessageShape CountTokensRequest = new MessageShape("CountTokensRequest")
        .Add("model").Add("contents", FieldKind.RepeatedMessage, () => Content)
        .Add("generateContentRequest", FieldKind.Message, () => GenerateContentRequest);

    public static readonly MessageShape EmbedContentRequest = new MessageShape("EmbedContentRequest")
        .Add("model").Add("content", FieldKind.Message, () => Content).Add("taskType").Add("title").Add("outputDimensionality");

    public static readonly MessageShape BatchEmbedContentsRequest = new MessageShape("BatchEmbedContentsRequest")
        .Add("model").Add("requests", FieldKind.RepeatedMessage, () => EmbedContentRequest);

    public static readonly MessageShape CachedContent = new MessageShape("CachedContent")
        .Add("name").Add("displayName").Add("model").Add("systemInstruction", FieldKind.Message, () => Content)
        .Add("contents", FieldKind.RepeatedMessage, () => Content).Add("tools", FieldKind.RepeatedMessage, () => Tool)
        .Add("toolConfig", FieldKind.Message, () => ToolConfig).Add("ttl").Add("expireTime").Add("createTime")
        .Add("updateTime").Add("usageMetadata", FieldKind.Opaque);

    public static readonly MessageShape File = new MessageShape("File")
        .Add("name").Add("displayName").Add("mimeType").Add("sizeBytes").Add("createTime").Add("updateTime")
        .Add("expirationTime").Add("sha256Hash").Add("uri").Add("downloadUri").Add("state").Add("source")
        .Add("error", FieldKind.Opaque).Add("videoMetadata", FieldKind.Opaque);

    public static readonly MessageShape CreateFileRequest = new MessageShape("CreateFileRequest").Add("file", FieldKind.Message, () => File);

    static MessageShape()
    {
        Schema.Add("type").Add("format").Add("title").Add("description").Add("nullable").Add("enum")
            .Add("items", FieldKind.Message, () => Schema).Add("maxItems").Add("minItems")
            .Add("properties", FieldKind.MessageMap, () => Schema).Add("required").Add("minProperties")
            .Add("maxProperties").Add("minimum").Add("maximum").Add("minLength").Add("maxLength").Add("pattern")
            .Add("example", FieldKind.Opaque).Add("anyOf", FieldKind.RepeatedMessage, () => Schema)
            .Add("propertyOrdering").Add("default", FieldKind.Opaque);
    }
}
