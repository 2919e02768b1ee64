using System.Management.Automation;
using GenAI.Core.Errors;
using GenAI.Core.Models;
using GenAI.PowerShell.Errors;
using GenAI.PowerShell.Input;

namespace GenAI.PowerShell.Commands
{
    /// <summary>
    /// Builds a model object: a model name with the defaults every call inherits (the seed's
    /// GenerativeModel). Invoke-GenerateContent, Measure-Tokens and Start-ChatSession take it as -Model.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "GenAIModel", DefaultParameterSetName = NameSet)]
    [OutputType(typeof(GenerativeModel))]
    public sealed class NewGenAIModelCommand : ModelSettingsCmdlet
    {
        private const string NameSet = "Name";
        private const string CachedContentSet = "CachedContent";

        /// <summary>The model name (gemini-2.5-flash, models/gemini-2.5-flash, tunedModels/x); piped model objects bind by their Name.</summary>
        [Parameter(ParameterSetName = NameSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.ModelCompleter))]
        public string Name { get; set; } = null!;

        /// <summary>A cached content (name or object): the model is the cache's, and every call sends cachedContent.</summary>
        [Parameter(ParameterSetName = CachedContentSet, Mandatory = true)]
        [ArgumentCompleter(typeof(Completers.CachedContentNameCompleter))]
        public object? CachedContent { get; set; }

        protected override void ProcessRecord()
        {
            try
            {
                var model = ParameterSetName == CachedContentSet
                    ? CachedModelResolver.Resolve(CachedContent!, Client, BuildRequestOptions(), StopToken, Await)
                    : new GenerativeModel(Name);
                WriteObject(model.WithDefaults(Settings.ToOverrides()));
            }
            catch (GenAIException ex)
            {
                WriteError(ErrorRecordFactory.Create(ex, ParameterSetName == CachedContentSet ? CachedContent : Name));
            }
        }
    }
}
