using System.Text.Json.Serialization;

namespace GenAI.Core.Protocol
{
    public sealed class SafetySetting : JsonExtensible
    {
        public SafetySetting() { }

        public SafetySetting(string category, string threshold)
        {
            Category = category;
            Threshold = threshold;
        }

        [JsonPropertyName("category")]
        public string? Category { get; set; }

        [JsonPropertyName("threshold")]
        public string? Threshold { get; set; }

        public override string ToString() => $"{Category}={Threshold}";
    }
}
