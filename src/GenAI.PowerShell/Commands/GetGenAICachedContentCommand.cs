using System.Management.Automation;
using GenAI.Core.Protocol;

namespace GenAI.PowerShell.Commands
{
    /// <summary>Gets cached contents: one by name, or all of them (every page), optionally filtered by wildcards.</summary>
    [Cmdlet(VerbsCommon.Get, "GenAICachedContent")]
    [OutputType(typeof(CachedContent))]
    public sealed class GetGenAICachedContentCommand : GenAICmdlet
    {
        private const string Prefix = "cachedContents/";

        /// <summary>Names (cachedContents/abc or abc); wildcards filter the list by name, id or display name.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(Completers.CachedContentNameCompleter))]
        public string[]? Name { get; set; }

        /// <summary>How many caches to ask for per request while listing (1-1000); every page is read either way.</summary>
        [Parameter]
        [ValidateRange(1, 1000)]
        public int PageSize { get; set; }

        protected override void ProcessRecord()
        {
            var client = Client;
            GetOrList(Name, name => client.Caches.GetAsync(name, BuildRequestOptions(), StopToken),
                () => client.Caches.ListAsync(PageSize > 0 ? PageSize : (int?)null, BuildRequestOptions(), StopToken), Matches);
        }

        private static bool Matches(WildcardPattern pattern, CachedContent cache)
        {
            string name = cache.Name ?? "";
            string id = name.StartsWith(Prefix, System.StringComparison.Ordinal) ? name.Substring(Prefix.Length) : name;
            return pattern.IsMatch(name) || pattern.IsMatch(id) || (cache.DisplayName != null && pattern.IsMatch(cache.DisplayName));
        }
    }
}
