using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using GenAI.Core;
using GenAI.Core.Errors;
using GenAI.Core.Transport;
using GenAI.PowerShell.Configuration;

namespace GenAI.PowerShell.Completers
{
    /// <summary>Lists something from the service for Tab completion within two seconds, no retries; null when it fails or takes longer.</summary>
    internal static class ServiceListing
    {
        public static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(2);

        public static List<TResult>? TryFetch<T, TResult>(Func<GenAIClient, RequestOptions, CancellationToken, IAsyncEnumerable<T>> list,
            Func<T, TResult> describe)
        {
            using var cancel = new CancellationTokenSource(FetchTimeout);
            try
            {
                var client = ModuleConfiguration.GetClient();
                var options = new RequestOptions { Timeout = FetchTimeout, MaxRetries = 0, Deadline = FetchTimeout };
                var task = Task.Run(async () =>
                {
                    var values = new List<TResult>();
                    var enumerator = list(client, options, cancel.Token).GetAsyncEnumerator(cancel.Token);
                    try
                    {
                        while (await enumerator.MoveNextAsync().ConfigureAwait(false)) values.Add(describe(enumerator.Current));
                    }
                    finally
                    {
                        await enumerator.DisposeAsync().ConfigureAwait(false);
                    }
                    return values;
                });
                return task.Wait(FetchTimeout + TimeSpan.FromMilliseconds(500)) ? task.Result : null;
            }
            catch (Exception ex) when (ex is GenAIException || ex is AggregateException || ex is OperationCanceledException)
            {
                return null;
            }
        }
    }
}
