using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using GenAI.Core.Errors;
using GenAI.Core.Protocol;
using GenAI.Core.Transport;

namespace GenAI.Core.Models
{
    /// <summary>
    /// A model name with the defaults every call inherits (the seed's <c>GenerativeModel</c>):
    /// generation config, safety settings, tools, tool config, system instruction, cached content.
    /// Immutable once built; <see cref="BuildRequest"/> applies the seed's merge rules.
    /// </summary>
    public sealed class GenerativeModel
    {
        public GenerativeModel(string name) { Name = ModelNames.Normalize(name); }

        /// <summary>Normalised name, e.g. <c>models/gemini-2.0-flash</c>.</summary>
        public string Name { get; }

        public GenerationConfig? GenerationConfig { get; set; }

        public IList<SafetySetting> SafetySettings { get; set; } = new List<SafetySetting>();

        public IList<Tool>? Tools { get; set; }

        public ToolConfig? ToolConfig { get; set; }

        public Content? SystemInstruction { get; set; }

        /// <summary><c>cachedContents/{id}</c>; the cache then supplies system instruction, tools and tool config.</summary>
        public string? CachedContent { get; set; }

        /// <summary>Builds the request for <paramref name="contents"/> (api-spec §6.3).</summary>
        public GenerateContentRequest BuildRequest(IReadOnlyList<Content> contents, CallOverrides? overrides = null, bool defaultLastRoleToUser = true)
        {
            if (CachedContent != null && (SystemInstruction != null || overrides?.Tools != null || overrides?.ToolConfig != null))
                throw new InvalidInputException("CachedContentConflict",
                    "Tools, tool config and system instruction cannot be set on a model built from cached content: the cache supplies them.",
                    recommendedAction: "Put the tools and system instruction into the cached content when you create it.");

            var list = contents.ToList();
            if (defaultLastRoleToUser && list.Count > 0 && string.IsNullOrEmpty(list[list.Count - 1].Role))
                list[list.Count - 1] = new Content("user", list[list.Count - 1].Parts) { AdditionalProperties = list[list.Count - 1].AdditionalProperties };

            var safety = MergeSafety(SafetySettings, overrides?.SafetySettings);
            return new GenerateContentRequest
            {
                Contents = list,
                GenerationConfig = MergeGenerationConfig(GenerationConfig, overrides?.GenerationConfig),
                SafetySettings = safety.Count == 0 ? null : safety,
                Tools = ToListOrNull(overrides?.Tools ?? Tools),
                ToolConfig = overrides?.ToolConfig ?? ToolConfig,
                SystemInstruction = SystemInstruction,
                CachedContent = CachedContent,
            };
        }

        /// <summary>Shallow, per-field merge: every field set in <paramref name="call"/> replaces the default's.</summary>
        public static GenerationConfig? MergeGenerationConfig(GenerationConfig? defaults, GenerationConfig? call)
        {
            if (defaults == null) return call;
            if (call == null) return defaults;
            var merged = ToObject(defaults);
            foreach (var pair in ToObject(call).ToList())
            {
                merged[pair.Key] = pair.Value?.DeepClone();
            }
            return merged.Deserialize(GenAIJsonContext.Default.GenerationConfig);
        }

        /// <summary>By category, in first-seen order; the call's threshold wins.</summary>
        public static List<SafetySetting> MergeSafety(IEnumerable<SafetySetting>? defaults, IEnumerable<SafetySetting>? call)
        {
            var merged = new List<SafetySetting>();
            foreach (var setting in (defaults ?? Enumerable.Empty<SafetySetting>()).Concat(call ?? Enumerable.Empty<SafetySetting>()))
            {
                int index = merged.FindIndex(s => string.Equals(s.Category, setting.Category, StringComparison.Ordinal));
                var copy = new SafetySetting(setting.Category ?? "", setting.Threshold ?? "");
                if (index >= 0) merged[index] = copy;
                else merged.Add(copy);
            }
            return merged;
        }

        private static JsonObject ToObject(GenerationConfig config) =>
            (JsonObject)JsonSerializer.SerializeToNode(config, GenAIJsonContext.Default.GenerationConfig)!;

        private static List<T>? ToListOrNull<T>(IList<T>? items) => items == null || items.Count == 0 ? null : items.ToList();

        public override string ToString() => Name;
    }
}
