using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using System.Threading.Tasks;
using GenAI.Core.Errors;
using GenAI.Core.Transport;
using GenAI.PowerShell.Configuration;

namespace GenAI.PowerShell.Completers
{
    /// <summary>
    /// Completes -Model with the service's model names, listed once per endpoint and key and kept for ten minutes.
    /// The listing gets two seconds; when it fails, or no key is set, a built-in list of current models is offered
    /// (and the service is not asked again for a minute), so Tab never hangs offline.
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

        private static readonly TimeSpan s_fetchTimeout = TimeSpan.FromSeconds(2);
        private static readonly TimeSpan s_keepFor = TimeSpan.FromMinutes(10);
        private static readonly TimeSpan s_retryFailureAfter = TimeSpan.FromMinutes(1);
        private static readonly object s_lock = new object();
        private static (string Fingerprint, DateTime At, IReadOnlyList<(string, string)> Models)? s_cache;
        private static (string Fingerprint, DateTime At)? s_lastFailure;

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            CompletionValues.Complete(GetModels(), wordToComplete).ToList();

        /// <summary>Forgets the listed models (the next completion lists them again).</summary>
        public static void ClearCache()
        {
            lock (s_lock) { s_cache = null; s_lastFailure = null; }
        }

        /// <summary>Names (without models/) and descriptions: the service's, or the built-in list.</summary>
        internal static IReadOnlyList<(string Name, string ToolTip)> GetModels()
        {
            var fallback = BuiltInModels.Select(m => (m, m + " (built-in list: the service was not asked or did not answer)")).ToList();
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

        private static List<(string, string)>? TryList()
        {
            using var cancel = new CancellationTokenSource(s_fetchTimeout);
            try
            {
                var client = ModuleConfiguration.GetClient();
                var options = new RequestOptions { Timeout = s_fetchTimeout, MaxRetries = 0, Deadline = s_fetchTimeout };
                var task = Task.Run(async () =>
                {
                    var models = new List<(string, string)>();
                    var enumerator = client.Models.ListAsync(null, options, cancel.Token).GetAsyncEnumerator(cancel.Token);
                    try
                    {
                        while (await enumerator.MoveNextAsync().ConfigureAwait(false))
                        {
                            var model = enumerator.Current;
                            string tip = string.IsNullOrEmpty(model.DisplayName) ? model.Id : $"{model.DisplayName}: {model.Description}";
                            models.Add((model.Id, tip.Length > 200 ? tip.Substring(0, 200) + "…" : tip));
                        }
                    }
                    finally
                    {
                        await enumerator.DisposeAsync().ConfigureAwait(false);
                    }
                    return models;
                });
                return task.Wait(s_fetchTimeout + TimeSpan.FromMilliseconds(500)) ? task.Result : null;
            }
            catch (Exception ex) when (ex is GenAIException || ex is AggregateException || ex is OperationCanceledException)
            {
                return null;
            }
        }
    }
}
