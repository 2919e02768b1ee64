using System.Collections.Generic;
using GenAI.Core.Protocol;
using GenAI.Core.Tools;

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

        /// <summary>The functions of <see cref="Tools"/> the host can run; they replace the model's with the tools.</summary>
        public IList<CallableFunction>? Functions { get; set; }

        /// <summary>Replaces the model's tool config when set.</summary>
        public ToolConfig? ToolConfig { get; set; }

        /// <summary>Replaces the model's system instruction for this call when set (an extension: the seed has it on the model only).</summary>
        public Content? SystemInstruction { get; set; }

        public bool IsEmpty =>
            GenerationConfig == null && SafetySettings == null && Tools == null && Functions == null && ToolConfig == null && SystemInstruction == null;
    }
}
