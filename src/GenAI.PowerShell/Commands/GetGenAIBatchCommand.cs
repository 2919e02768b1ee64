using System.Management.Automation;
using GenAI.Core.Batches;

namespace GenAI.PowerShell.Commands
{
    /// <summary>Gets batches: one by name, or all of them (every page, newest first), optionally filtered by wildcards.</summary>
    [Cmdlet(VerbsCommon.Get, "GenAIBatch")]
    [OutputType(typeof(GenAIBatch))]
    public sealed class GetGenAIBatchCommand : GenAICmdlet
    {
        /// <summary>Names (batches/abc or abc) or batch objects; wildcards filter the list by name, id or display name.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(Completers.BatchNameCompleter))]
        public string[]? Name { get; set; }

        /// <summary>How many batches to ask for per request while listing (1-1000); every page is read either way.</summary>
        [Parameter]
        [ValidateRange(1, 1000)]
        public int PageSize { get; set; }

        protected override void ProcessRecord()
        {
            var client = Client;
            GetOrList(Name, name => client.Batches.GetAsync(name, BuildRequestOptions(), StopToken),
                () => client.Batches.ListAsync(PageSize > 0 ? PageSize : (int?)null, BuildRequestOptions(), StopToken),
                (pattern, batch) => pattern.IsMatch(batch.Name ?? "") || pattern.IsMatch(batch.Id) || (batch.DisplayName != null && pattern.IsMatch(batch.DisplayName)));
        }
    }
}
