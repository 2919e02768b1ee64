using System.Management.Automation;
using GenAI.Core.Files;
using GenAI.Core.Protocol;

namespace GenAI.PowerShell.Commands
{
    /// <summary>Gets uploaded files: one by name, or all of them (every page, newest first), optionally filtered by wildcards.</summary>
    [Cmdlet(VerbsCommon.Get, "GenAIFile")]
    [OutputType(typeof(GenAIFile))]
    public sealed class GetGenAIFileCommand : GenAICmdlet
    {
        /// <summary>A file name (files/abc123 or abc123), or a wildcard matched against names and display names.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.FileNameCompleter))]
        public string[]? Name { get; set; }

        /// <summary>How many files to ask for per page while listing (1-100; the service's default is 10).</summary>
        [Parameter]
        [ValidateRange(1, 100)]
        public int PageSize { get; set; }

        protected override void ProcessRecord()
        {
            var client = Client;
            var options = BuildRequestOptions();
            if (Name == null || Name.Length == 0)
            {
                TryRun(() => { foreach (var file in Pull(client.Files.ListAsync(PageSize > 0 ? PageSize : (int?)null, options, StopToken))) WriteObject(file); }, null);
                return;
            }
            foreach (var name in Name)
            {
                if (!WildcardPattern.ContainsWildcardCharacters(name))
                {
                    TryRun(() => WriteObject(Await(client.Files.GetAsync(name, options, StopToken))), name);
                    continue;
                }
                var pattern = new WildcardPattern(name, WildcardOptions.IgnoreCase);
                TryRun(() =>
                {
                    foreach (var file in Pull(client.Files.ListAsync(PageSize > 0 ? PageSize : (int?)null, options, StopToken)))
                        if (Matches(pattern, file)) WriteObject(file);
                }, name);
            }
        }

        private static bool Matches(WildcardPattern pattern, GenAIFile file) =>
            (file.Name != null && (pattern.IsMatch(file.Name) || pattern.IsMatch(FilesClient.NormalizeName(file.Name).Substring("files/".Length))))
            || (file.DisplayName != null && pattern.IsMatch(file.DisplayName));
    }
}
