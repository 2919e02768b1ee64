using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GenAI.Core.Protocol
{
    /// <summary>
    /// Raw bytes with their MIME type; <see cref="Data"/> is base64 on the wire. A blob built from a
    /// file or byte array keeps a <see cref="Source"/> instead of the string: the transport streams it
    /// into the request, and <see cref="Data"/> encodes it only when read.
    /// </summary>
    public sealed class Blob : JsonExtensible
    {
        private string? _data;

        public Blob() { }

        public Blob(BlobSource source, string mimeType)
        {
            Source = source ?? throw new ArgumentNullException(nameof(source));
            MimeType = mimeType;
        }

        [JsonPropertyName("mimeType")]
        public string? MimeType { get; set; }

        /// <summary>Base64 of the bytes. For a blob with a <see cref="Source"/> this reads and encodes it on every get.</summary>
        [JsonPropertyName("data")]
        public string? Data
        {
            get => _data ?? Source?.ReadBase64();
            set { _data = value; Source = null; }
        }

        /// <summary>The file or byte array the data comes from; null when the data is held as base64.</summary>
        [JsonIgnore]
        public BlobSource? Source { get; private set; }

        [JsonIgnore]
        public long DecodedLength
        {
            get
            {
                if (Source != null) return Source.Length;
                if (string.IsNullOrEmpty(_data)) return 0;
                int padding = _data!.EndsWith("==") ? 2 : _data.EndsWith("=") ? 1 : 0;
                return _data.Length / 4L * 3 - padding;
            }
        }

        public override string ToString() => $"{MimeType} ({DecodedLength} bytes)";
    }

    /// <summary>A reference to a file uploaded with the Files API.</summary>
    public sealed class FileData : JsonExtensible
    {
        [JsonPropertyName("mimeType")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? MimeType { get; set; }

        [JsonPropertyName("fileUri")]
        public string? FileUri { get; set; }
    }

    public sealed class FunctionCall : JsonExtensible
    {
        [JsonPropertyName("id")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? Id { get; set; }

        [JsonPropertyName("name")]
        public string? Name { get; set; }

        [JsonPropertyName("args")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public JsonElement? Args { get; set; }

        public override string ToString() => $"{Name}({(Args.HasValue ? Args.Value.GetRawText() : "")})";
    }

    public sealed class FunctionResponse : JsonExtensible
    {
        [JsonPropertyName("id")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? Id { get; set; }

        [JsonPropertyName("name")]
        public string? Name { get; set; }

        [JsonPropertyName("response")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public JsonElement? Response { get; set; }

        /// <summary>Files or bytes the function returned (Gemini 3 reads them with the response).</summary>
        [JsonPropertyName("parts")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public System.Collections.Generic.List<FunctionResponsePart>? Parts { get; set; }
    }

    public sealed class ExecutableCode : JsonExtensible
    {
        [JsonPropertyName("language")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? Language { get; set; }

        [JsonPropertyName("code")]
        public string? Code { get; set; }
    }

    public sealed class CodeExecutionResult : JsonExtensible
    {
        [JsonPropertyName("outcome")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? Outcome { get; set; }

        [JsonPropertyName("output")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? Output { get; set; }
    }
}
