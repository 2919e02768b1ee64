using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using GenAI.Core;
using GenAI.Core.Transport;

namespace GenAI.PowerShell.Completers
{
    /// <summary>Completes file names (files/abc123) with the files uploaded with this key; the listing is kept for 30 seconds.</summary>
    public sealed class FileNameCompleter : ServiceNameCompleter<FileNameCompleter>
    {
        private protected override TimeSpan KeepFor => TimeSpan.FromSeconds(30);

        private protected override async IAsyncEnumerable<ListedName> ListAsync(GenAIClient client, RequestOptions options,
            [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await foreach (var file in client.Files.ListAsync(null, options, cancellationToken).ConfigureAwait(false))
                yield return new ListedName(file.Name ?? "", $"{file.DisplayName} ({file.MimeType}, {file.State})");
        }
    }
}
