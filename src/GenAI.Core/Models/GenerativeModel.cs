using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using GenAI.Core.Errors;
using GenAI.Core.Input;
using GenAI.Core.Protocol;
using GenAI.Core.Tools;
using GenAI.Core.Transport;

namespace GenAI.Core.Models
{
    /// <summary>
    /// A model name with the defaults every call inherits (the seed's <c>GenerativeModel</c>):
    /// generation config, safety settings, tools, tool config, system instruction, cached content.
    /// Treat it as immutable once built (<see cref="WithDefaults"/> makes a changed copy);
    /// <see cref="BuildRequest"/> applies the seed's merge rules.
    /// </summary>
    public sealed class GenerativeModel
    {
        public GenerativeModel(string name) { Name = ModelNames.Normalize(name); }

        /// <summary>
        /// The seed's <c>from_cached_content</c>: the model named by the cache, sending <c>cachedContent</c>
        /// with every call (the cache supplies system instruction, tools and tool config).
        /// </summary>
        public static GenerativeModel FromCachedContent(CachedContent cache)
        {
            if (cache == null) throw new ArgumentNullException(nameof(cache));
            if (string.IsNullOrEmpty(cache.Name) || string.IsNullOrEmpty(cache.Model))
                throw new InvalidInputException(ErrorCodes.IncompleteCachedContent,
                    "The cached content has no name or model.", cache, "Use a cached content as the service returns it on creation or listing.");
            return new GenerativeModel(cache.Model!) { CachedContent = ModelNames.NormalizeCachedContent(cache.Name!) };
        }

        /// <summary>Normalised name, e.g. <c>models/gemini-2.0-flash</c>.</summary>
        public string Name { get; }

        public GenerationConfig? GenerationConfig { get; set; }

        public IList<SafetySetting> SafetySettings { get; set; } = new List<SafetySetting>();

        public IList<Tool>? Tools { get; set; }

        public ToolConfig? ToolConfig { get; set; }

        public Content? SystemInstruction { get; set; }

        /// <summary>The functions of <see cref="Tools"/> the host can run for automatic function calling (the seed's FunctionLibrary callables).</summary>
        public IList<CallableFunction>? Functions { get; set; }

        /// <summary><c>cachedContents/{id}</c>; the cache then supplies system instruction, tools and tool config.</summary>
        public string? CachedContent { get; set; }

        /// <summary>Builds the request for <paramref name="contents"/> (https://ai.google.dev/api/generate-content#request-body).</summary>
        public GenerateContentRequest BuildRequest(IReadOnlyList<Content> contents, CallOverrides? overrides = null, bool defaultLastRoleToUser = true)
        {
            if (CachedContent != null && (SystemInstruction != null || overrides?.SystemInstruction != null || overrides?.Tools != null || overrides?.ToolConfig != null))
                throw new InvalidInputException(ErrorCodes.CachedContentConflict,
                    "Tools, tool config and system instruction cannot be set on a model built from cached content: the cache supplies them.",
                    recommendedAction: "Put the tools and system instruction into the cached content when you create it.");

            var list = contents.ToList();
            if (defaultLastRoleToUser && list.Count > 0 && string.IsNullOrEmpty(list[list.Count - 1].Role))
                list[list.Count - 1] = new Content("user", list[list.Count - 1].Parts) { AdditionalProperties = list[list.Count - 1].AdditionalProperties };

            var safety = MergeSafety(SafetySettings, overrides?.SafetySettings);
            var generationConfig = MergeGenerationConfig(GenerationConfig, overrides?.GenerationConfig);
            GenerationConfigValidator.Validate(generationConfig);
            return new GenerateContentRequest
            {
                Contents = list,
                GenerationConfig = generationConfig,
                SafetySettings = safety.Count == 0 ? null : safety,
                Tools = ToListOrNull(overrides?.Tools ?? Tools),
                ToolConfig = overrides?.ToolConfig ?? ToolConfig,
                SystemInstruction = overrides?.SystemInstruction ?? SystemInstruction,
                CachedContent = CachedContent,
            };
        }

        /// <summary>
        /// A copy whose defaults are this model's with <paramref name="defaults"/> laid over them by the
        /// same rules as a call (config by field, safety by category, tools and system instruction replaced).
        /// </summary>
        public GenerativeModel WithDefaults(CallOverrides? defaults)
        {
            var copy = new GenerativeModel(Name)
            {
                GenerationConfig = MergeGenerationConfig(GenerationConfig, defaults?.GenerationConfig),
                SafetySettings = MergeSafety(SafetySettings, defaults?.SafetySettings),
                Tools = defaults?.Tools ?? Tools,
                Functions = defaults?.Tools != null ? defaults.Functions : Functions,
                ToolConfig = defaults?.ToolConfig ?? ToolConfig,
                SystemInstruction = defaults?.SystemInstruction ?? SystemInstruction,
                CachedContent = CachedContent,
            };
            if (copy.CachedContent != null && (copy.SystemInstruction != null || copy.Tools != null || copy.ToolConfig != null))
                throw new InvalidInputException(ErrorCodes.CachedContentConflict,
                    "Tools, tool config and system instruction cannot be set on a model built from cached content: the cache supplies them.",
                    recommendedAction: "Put the tools and system instruction into the cached content when you create it.");
            GenerationConfigValidator.Validate(copy.GenerationConfig);
            return copy;
        }

        /// <summary>
        /// The same settings on another model. A model built from cached content cannot change: the cache
        /// belongs to its model.
        /// </summary>
        public GenerativeModel WithName(string name)
        {
            if (CachedContent != null)
                throw new InvalidInputException(ErrorCodes.CachedContentModel,
                    $"The model cannot change: the chat uses the cached content {CachedContent}, which belongs to {Name}.",
                    recommendedAction: "Start a chat without the cached content to switch models.");
            return new GenerativeModel(name)
            {
                GenerationConfig = GenerationConfig,
                SafetySettings = SafetySettings.ToList(),
                Tools = Tools,
                Functions = Functions,
                ToolConfig = ToolConfig,
                SystemInstruction = SystemInstruction,
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
