using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Serialization;

namespace GenAI.Core.Protocol
{
    /// <summary>One message of a conversation: a role ("user" or "model") and its parts.</summary>
    public sealed class Content : JsonExtensible
    {
        public Content() { }

        public Content(string? role, IEnumerable<Part> parts)
        {
            Role = role;
            Parts = parts.ToList();
        }

        [JsonPropertyName("role")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? Role { get; set; }

        [JsonPropertyName("parts")]
        public List<Part> Parts { get; set; } = new List<Part>();

        public static Content FromText(string text, string? role = "user") => new Content(role, new[] { Part.FromText(text) });

        /// <summary>The text parts joined without separator (thought parts excluded).</summary>
        [JsonIgnore]
        public string Text => string.Concat(Parts.Where(p => p.Text != null && p.Thought != true).Select(p => p.Text));

        public override string ToString() => (Role ?? "user") + ": " + Text;

        protected override void OnRead() => Parts = WithoutNulls(Parts) ?? new List<Part>();
    }
}
