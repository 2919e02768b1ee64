using System.Collections.Generic;
using GenAI.Core.Protocol;

namespace GenAI.Core.Models
{
    /// <summary>Per-call values laid over a <see cref="GenerativeModel"/>'s defaults.</summary>
    public sealed class CallOverrides
    {
        /// <summary>Merged field by field over the model's config (call wins).</summary>
        public GenerationConfig? GenerationConfig { get; set; }

        /// <summary>Merged by category over the model's settings (call wins).</summary>
        public IList<SafetySetting>? SafetySettings { get; set; }

        /// <summary>Replaces the model's tools when set.</summary>
        public IList<Tool>? Tools { get; set; }

        /// <summary>Replaces the model's tool config when set.</summary>
        public ToolConfig? ToolConfig { get; set; }
    }
}
