using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GenAI.Core.Protocol
{
    /// <summary>One piece of a message. Exactly one data field is set; metadata fields may accompany it.</summary>
    public sealed class Part : JsonExtensible
    {
        [JsonPropertyName("text")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? Text { get; set; }

        [JsonPropertyName("inlineData")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public Blob? InlineData { get; set; }

        [JsonPropertyName("functionCall")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public FunctionCall? FunctionCall { get; set; }

        [JsonPropertyName("functionResponse")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public FunctionResponse? FunctionResponse { get; set; }

        [JsonPropertyName("fileData")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public FileData? FileData { get; set; }

        [JsonPropertyName("executableCode")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public ExecutableCode? ExecutableCode { get; set; }

        [JsonPropertyName("codeExecutionResult")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public CodeExecutionResult? CodeExecutionResult { get; set; }

        [JsonPropertyName("thought")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public bool? Thought { get; set; }

        /// <summary>Opaque base64 signature; echoed back unchanged in later turns.</summary>
        [JsonPropertyName("thoughtSignature")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? ThoughtSignature { get; set; }

        /// <summary>For video input: <c>{startOffset, endOffset, fps}</c>.</summary>
        [JsonPropertyName("videoMetadata")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public JsonElement? VideoMetadata { get; set; }

        /// <summary>Gemini 3: this part's own resolution, overriding <c>generationConfig.mediaResolution</c>.</summary>
        [JsonPropertyName("mediaResolution")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public PartMediaResolution? MediaResolution { get; set; }

        [JsonPropertyName("partMetadata")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public JsonElement? PartMetadata { get; set; }

        public static Part FromText(string text) => new Part { Text = text ?? throw new ArgumentNullException(nameof(text)) };

        /// <summary>Inline data over the array (not copied); its base64 is streamed into the request when sent.</summary>
        public static Part FromBytes(byte[] data, string mimeType) =>
            new Part { InlineData = new Blob(new BytesBlobSource(data), mimeType) };

        public static Part FromFile(string fileUri, string? mimeType) =>
            new Part { FileData = new FileData { FileUri = fileUri, MimeType = mimeType } };

        /// <summary>Name of the data field that is set ("text", "inlineData", ...), for messages and display.</summary>
        [JsonIgnore]
        public string Kind =>
            Text != null ? "text" :
            InlineData != null ? "inlineData" :
            FunctionCall != null ? "functionCall" :
            FunctionResponse != null ? "functionResponse" :
            FileData != null ? "fileData" :
            ExecutableCode != null ? "executableCode" :
            CodeExecutionResult != null ? "codeExecutionResult" :
            "unknown";

        public override string ToString() => Kind switch
        {
            "text" => Text!,
            "inlineData" => $"[{InlineData!.MimeType}, {InlineData.DecodedLength} bytes]",
            "fileData" => $"[{FileData!.MimeType} {FileData.FileUri}]",
            "functionCall" => $"[call {FunctionCall!.Name}]",
            "functionResponse" => $"[response {FunctionResponse!.Name}]",
            "executableCode" => ExecutableCode!.Code ?? "",
            "codeExecutionResult" => CodeExecutionResult!.Output ?? "",
            _ => "[unknown part]",
        };
    }
}
