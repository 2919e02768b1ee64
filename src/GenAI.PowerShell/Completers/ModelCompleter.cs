using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using GenAI.Core;
using GenAI.Core.Embeddings;
using GenAI.Core.Transport;

namespace GenAI.PowerShell.Completers
{
    /// <summary>
    /// Completes -Model with the service's model names (kept for ten minutes), offering only the models that support
    /// what the command does: generateContent for generation and chats, countTokens for Measure-Tokens,
    /// createCachedContent for New-GenAICachedContent. Offline, or without a key, a built-in list of current models.
    /// </summary>
    public sealed class ModelCompleter : ServiceNameCompleter<ModelCompleter>
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

        private static readonly IReadOnlyList<ListedName> s_builtIn = BuiltInModels
            .Select(m => new ListedName(m, m + " (built-in list: the service was not asked or did not answer)",
                EmbeddingModels.IsEmbeddingModel(m) ? new[] { "embedContent", "countTokens", "asyncBatchEmbedContent" }
                : m.StartsWith("gemma", StringComparison.Ordinal) ? new[] { "generateContent", "countTokens" }
                : new[] { "generateContent", "countTokens", "createCachedContent" }))
            .ToList();

        /// <summary>The generation method a command's -Model needs; commands not listed get every model.</summary>
        internal static readonly IReadOnlyDictionary<string, string> MethodByCommand = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Invoke-GenerateContent"] = "generateContent",
            ["Send-ChatMessage"] = "generateContent",
            ["Start-ChatSession"] = "generateContent",
            ["New-GenAIModel"] = "generateContent",
            ["Set-GenAIConfiguration"] = "generateContent",
            ["Measure-Tokens"] = "countTokens",
            ["Measure-GenAIToken"] = "countTokens",
            ["New-GenAICachedContent"] = "createCachedContent",
            ["Start-GenAIBatch"] = "generateContent",
            ["Get-GenAIEmbedding"] = "embedContent",
        };

        private protected override TimeSpan KeepFor => TimeSpan.FromMinutes(10);

        private protected override IReadOnlyList<ListedName> Fallback => s_builtIn;

        /// <summary>Forgets the listed models (the next completion lists them again).</summary>
        public static new void ClearCache() => ServiceNameCompleter<ModelCompleter>.ClearCache();

        private protected override async IAsyncEnumerable<ListedName> ListAsync(GenAIClient client, RequestOptions options,
            [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await foreach (var model in client.Models.ListAsync(null, options, cancellationToken).ConfigureAwait(false))
            {
                string tip = string.IsNullOrEmpty(model.DisplayName) ? model.Id : $"{model.DisplayName}: {model.Description}";
                yield return new ListedName(model.Id, tip, model.SupportedGenerationMethods);
            }
        }

        // Get-GenAIModel -Name lists every model; a model the listing gives no methods for is offered everywhere.
        private protected override IEnumerable<ListedName> Filter(IReadOnlyList<ListedName> names, string commandName, string parameterName) =>
            Filter(names, commandName, parameterName, null);

        // Start-GenAIBatch -Embedding starts an embeddings batch: its -Model offers the models that take asyncBatchEmbedContent.
        private protected override IEnumerable<ListedName> Filter(IReadOnlyList<ListedName> names, string commandName, string parameterName, System.Collections.IDictionary? boundParameters)
        {
            string? method = string.Equals(commandName, "Start-GenAIBatch", StringComparison.OrdinalIgnoreCase) && boundParameters?.Contains("Embedding") == true
                ? "asyncBatchEmbedContent"
                : MethodByCommand.TryGetValue(commandName ?? "", out var byCommand) ? byCommand : null;
            if (method == null) return names;
            return names.Where(n => n.Methods.Count == 0 || n.Methods.Contains(method, StringComparer.OrdinalIgnoreCase));
        }
    }
}
