using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using GenAI.Core;
using GenAI.Core.Transport;

namespace GenAI.PowerShell.Completers
{
    /// <summary>Completes batch names (batches/abc123) with this key's batches; the listing is kept for 30 seconds.</summary>
    public sealed class BatchNameCompleter : ServiceNameCompleter<BatchNameCompleter>
    {
        private protected override TimeSpan KeepFor => TimeSpan.FromSeconds(30);

        private protected override async IAsyncEnumerable<ListedName> ListAsync(GenAIClient client, RequestOptions options,
            [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await foreach (var batch in client.Batches.ListAsync(100, options, cancellationToken).ConfigureAwait(false))
                yield return new ListedName(batch.Name ?? "", $"{batch.DisplayName} ({batch.State}, {batch.RequestCount} request(s))");
        }
    }
}
