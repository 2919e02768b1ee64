using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GenAI.Core.Protocol
{
    /// <summary>The <c>{"error": {...}}</c> envelope of a failed call (a <c>google.rpc.Status</c>).</summary>
    public sealed class ErrorEnvelope
    {
        [JsonPropertyName("error")]
        public ErrorStatus? Error { get; set; }
    }

    public sealed class ErrorStatus : JsonExtensible
    {
        [JsonPropertyName("code")]
        public int Code { get; set; }

        [JsonPropertyName("message")]
        public string? Message { get; set; }

        [JsonPropertyName("status")]
        public string? Status { get; set; }

        [JsonPropertyName("details")]
        public List<JsonElement>? Details { get; set; }
    }
}
