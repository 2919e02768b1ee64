using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using System.Threading.Tasks;
using GenAI.Core;
using GenAI.Core.Errors;
using GenAI.Core.Transport;
using GenAI.PowerShell.Configuration;

namespace GenAI.PowerShell.Completers
{
    /// <summary>One name the service listed, with what completion shows beside it.</summary>
    internal readonly struct ListedName
    {
        public ListedName(string value, string toolTip, IReadOnlyList<string>? methods = null)
        {
            Value = value;
            ToolTip = toolTip.Length > 200 ? toolTip.Substring(0, 200) + "…" : toolTip;
            Methods = methods ?? Array.Empty<string>();
        }

        public string Value { get; }

        public string ToolTip { get; }

        /// <summary>For models: the generation methods they support.</summary>
        public IReadOnlyList<string> Methods { get; }
    }

    /// <summary>
    /// Completes a parameter with names the service lists (one resource kind per subclass: models, files, cached
    /// contents, ...). The listing is made once per endpoint and key and kept for <see cref="KeepFor"/>; it gets two
    /// seconds, and when it fails, or no key is set, <see cref="Fallback"/> is offered and the service is not asked
    /// again for a minute, so Tab never hangs offline. <typeparamref name="TSelf"/> gives each kind its own cache.
    /// </summary>
    public abstract class ServiceNameCompleter<TSelf> : IArgumentCompleter where TSelf : ServiceNameCompleter<TSelf>
    {
        private static readonly TimeSpan s_fetchTimeout = TimeSpan.FromSeconds(2);
        private static readonly TimeSpan s_retryFailureAfter = TimeSpan.FromMinutes(1);
        private static readonly object s_lock = new object();
        private static (string Fingerprint, DateTime At, IReadOnlyList<ListedName> Names)? s_cache;
        private static (string Fingerprint, DateTime At)? s_lastFailure;

        /// <summary>How long a listing is reused.</summary>
        private protected abstract TimeSpan KeepFor { get; }

        /// <summary>What to offer when the service cannot be asked.</summary>
        private protected virtual IReadOnlyList<ListedName> Fallback => Array.Empty<ListedName>();

        /// <summary>Every name of the kind, all pages.</summary>
        private protected abstract IAsyncEnumerable<ListedName> ListAsync(GenAIClient client, RequestOptions options, CancellationToken cancellationToken);

        /// <summary>The names that suit this command and parameter (all, unless a subclass narrows them).</summary>
        private protected virtual IEnumerable<ListedName> Filter(IReadOnlyList<ListedName> names, string commandName, string parameterName) => names;

        /// <summary>As <see cref="Filter(IReadOnlyList{ListedName}, string, string)"/>, for a completer whose choice depends on the other parameters given.</summary>
        private protected virtual IEnumerable<ListedName> Filter(IReadOnlyList<ListedName> names, string commandName, string parameterName, IDictionary? boundParameters) =>
            Filter(names, commandName, parameterName);

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            CompletionValues.Complete(Filter(GetNames(), commandName, parameterName, fakeBoundParameters).Select(n => (n.Value, n.ToolTip)), wordToComplete).ToList();

        /// <summary>Forgets the listed names (the next completion lists them again).</summary>
        public static void ClearCache()
        {
            lock (s_lock) { s_cache = null; s_lastFailure = null; }
        }

        internal IReadOnlyList<ListedName> GetNames()
        {
            string? fingerprint = ModuleConfiguration.CompletionFingerprint();
            if (fingerprint == null) return Fallback;   // no usable key without prompting: do not call out
            DateTime now = DateTime.UtcNow;
            lock (s_lock)
            {
                if (s_cache is { } cache && cache.Fingerprint == fingerprint && now - cache.At < KeepFor) return cache.Names;
                if (s_lastFailure is { } failure && failure.Fingerprint == fingerprint && now - failure.At < s_retryFailureAfter) return Fallback;
            }

            var listed = TryList();
            lock (s_lock)
            {
                if (listed == null)
                {
                    s_lastFailure = (fingerprint, now);
                    return Fallback;
                }
                s_cache = (fingerprint, now, listed);
                return listed;
            }
        }

        private List<ListedName>? TryList()
        {
            using var cancel = new CancellationTokenSource(s_fetchTimeout);
            try
            {
                var client = ModuleConfiguration.GetClient();
                var options = new RequestOptions { Timeout = s_fetchTimeout, MaxRetries = 0, Deadline = s_fetchTimeout };
                var task = Task.Run(async () =>
                {
                    var names = new List<ListedName>();
                    var enumerator = ListAsync(client, options, cancel.Token).GetAsyncEnumerator(cancel.Token);
                    try
                    {
                        while (await enumerator.MoveNextAsync().ConfigureAwait(false)) names.Add(enumerator.Current);
                    }
                    finally
                    {
                        await enumerator.DisposeAsync().ConfigureAwait(false);
                    }
                    return names;
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
