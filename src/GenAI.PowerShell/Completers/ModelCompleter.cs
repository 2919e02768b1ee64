using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using GenAI.Core.Embeddings;
using GenAI.PowerShell.Configuration;

namespace GenAI.PowerShell.Completers
{
    /// <summary>
    /// Completes -Model with the service's model names, listed once per endpoint and key and kept for ten minutes.
    /// The listing gets two seconds; when it fails, or no key is set, a built-in list of current models is offered
    /// (and the service is not asked again for a minute), so Tab never hangs offline. Get-GenAIEmbedding is offered
    /// the embedding models only, the generation commands everything but them, Get-GenAIModel and Measure-Tokens all.
    /// </summary>
    public sealed class ModelCompleter : IArgumentCompleter
    {
        /// <summary>Offered when the service cannot be asked.</summary>
        public static readonly IReadOnlyList<string> BuiltInModels = new[]
        {
            "gemini-2.5-flash", "gemini-2.5-pro", "gemini-2.5-flash-lite", "gemini-3-pro-preview", "gemini-3-flash-preview",
            "gemini-3.1-pro-preview", "gemini-3.1-flash-lite-preview", "gemini-2.0-flash", "gemini-2.0-flash-lite",
            "gemini-flash-latest", "gemini-flash-lite-latest", "gemini-pro-latest",
            "gemini-2.5-flash-image", "gemini-3-pro-image-preview", "gemini-3.1-flash-image-preview",
            "gemini-2.5-flash-preview-tts", "gemini-2.5-pro-preview-tts",
            "gemma-3-27b-it", "gemini-embedding-001",
        };

        private static readonly TimeSpan s_keepFor = TimeSpan.FromMinutes(10);
        private static readonly TimeSpan s_retryFailureAfter = TimeSpan.FromMinutes(1);
        private static readonly object s_lock = new object();
        private static (string Fingerprint, DateTime At, IReadOnlyList<ListedModel> Models)? s_cache;
        private static (string Fingerprint, DateTime At)? s_lastFailure;

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            CompletionValues.Complete(GetModels().Where(m => Offered(commandName, m)).Select(m => (m.Name, m.ToolTip)), wordToComplete).ToList();

        /// <summary>A listed model: its name (without models/), a description, and whether embedding is what it does.</summary>
        internal readonly struct ListedModel
        {
            public ListedModel(string name, string toolTip, bool embeds)
            {
                Name = name;
                ToolTip = toolTip;
                Embeds = embeds;
            }

            public string Name { get; }

            public string ToolTip { get; }

            public bool Embeds { get; }
        }

        private static bool Offered(string? commandName, ListedModel model)
        {
            string command = commandName ?? "";
            if (command.Equals("Get-GenAIEmbedding", StringComparison.OrdinalIgnoreCase)) return model.Embeds;
            if (command.Equals("Get-GenAIModel", StringComparison.OrdinalIgnoreCase) || command.Equals("Measure-Tokens", StringComparison.OrdinalIgnoreCase)
                || command.Equals("Measure-GenAIToken", StringComparison.OrdinalIgnoreCase)) return true;
            return !model.Embeds;
        }

        /// <summary>Forgets the listed models (the next completion lists them again).</summary>
        public static void ClearCache()
        {
            lock (s_lock) { s_cache = null; s_lastFailure = null; }
        }

        /// <summary>Names (without models/) and descriptions: the service's, or the built-in list.</summary>
        internal static IReadOnlyList<ListedModel> GetModels()
        {
            var fallback = BuiltInModels.Select(m => new ListedModel(m, m + " (built-in list: the service was not asked or did not answer)", EmbeddingModels.IsEmbeddingModel(m))).ToList();
            string? fingerprint = ModuleConfiguration.CompletionFingerprint();
            if (fingerprint == null) return fallback;   // no usable key without prompting: do not call out
            DateTime now = DateTime.UtcNow;
            lock (s_lock)
            {
                if (s_cache is { } cache && cache.Fingerprint == fingerprint && now - cache.At < s_keepFor) return cache.Models;
                if (s_lastFailure is { } failure && failure.Fingerprint == fingerprint && now - failure.At < s_retryFailureAfter) return fallback;
            }

            var listed = TryList();
            lock (s_lock)
            {
                if (listed == null || listed.Count == 0)
                {
                    s_lastFailure = (fingerprint, now);
                    return fallback;
                }
                s_cache = (fingerprint, now, listed);
                return listed;
            }
        }

        private static bool Supports(GenAI.Core.Protocol.Model model, string method) =>
            model.SupportedGenerationMethods.Exists(m => string.Equals(m, method, StringComparison.OrdinalIgnoreCase));

        private static List<ListedModel>? TryList() =>
            ServiceListing.TryFetch((client, options, token) => client.Models.ListAsync(null, options, token), model =>
            {
                string tip = string.IsNullOrEmpty(model.DisplayName) ? model.Id : $"{model.DisplayName}: {model.Description}";
                bool embeds = Supports(model, "embedContent") && !Supports(model, "generateContent");
                return new ListedModel(model.Id, tip.Length > 200 ? tip.Substring(0, 200) + "…" : tip, embeds);
            });
    }
}
