using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using GenAI.Core;
using GenAI.Core.Transport;

namespace GenAI.PowerShell.Completers
{
    /// <summary>Completes cached content names (cachedContents/abc123) with this key's caches; the listing is kept for 30 seconds.</summary>
    public sealed class CachedContentNameCompleter : ServiceNameCompleter<CachedContentNameCompleter>
    {
        private protected override TimeSpan KeepFor => TimeSpan.FromSeconds(30);

        private protected override async IAsyncEnumerable<ListedName> ListAsync(GenAIClient client, RequestOptions options,
            [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await foreach (var cache in client.Caches.ListAsync(null, options, cancellationToken).ConfigureAwait(false))
                yield return new ListedName(cache.Name ?? "", $"{cache.DisplayName} ({cache.Model}, expires {cache.ExpireTime})");
        }
    }
}
