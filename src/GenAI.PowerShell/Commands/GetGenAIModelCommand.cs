using System;
using System.Management.Automation;
using GenAI.Core.Protocol;

namespace GenAI.PowerShell.Commands
{
    /// <summary>Lists the models the service offers (all pages), or gets one by name.</summary>
    [Cmdlet(VerbsCommon.Get, "GenAIModel")]
    [OutputType(typeof(Model))]
    public sealed class GetGenAIModelCommand : GenAICmdlet
    {
        /// <summary>A model name (gemini-2.5-flash or models/gemini-2.5-flash); wildcards filter the list.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(Completers.ModelCompleter))]
        public string? Name { get; set; }

        /// <summary>Only models that support this generation method, e.g. generateContent, countTokens, createCachedContent.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(Completers.SupportedMethodCompleter))]
        public string? SupportedMethod { get; set; }

        protected override void ProcessRecord()
        {
            var client = Client;
            if (!string.IsNullOrEmpty(Name) && !WildcardPattern.ContainsWildcardCharacters(Name))
            {
                TryRun(() =>
                {
                    var model = Await(client.Models.GetAsync(Name!, BuildRequestOptions(), StopToken));
                    if (Supports(model)) WriteObject(model);
                }, Name);
                return;
            }

            var pattern = string.IsNullOrEmpty(Name) ? null : new WildcardPattern(Name, WildcardOptions.IgnoreCase);
            TryRun(() =>
            {
                foreach (var model in Pull(client.Models.ListAsync(null, BuildRequestOptions(), StopToken)))
                {
                    if (pattern != null && !pattern.IsMatch(model.Name) && !pattern.IsMatch(model.Id)) continue;
                    if (Supports(model)) WriteObject(model);
                }
            }, Name);
        }

        private bool Supports(Model model) =>
            string.IsNullOrEmpty(SupportedMethod) ||
            model.SupportedGenerationMethods.Exists(m => string.Equals(m, SupportedMethod, StringComparison.OrdinalIgnoreCase));
    }
}
