using System.Management.Automation;
using GenAI.Core.Chats;
using GenAI.Core.Errors;
using GenAI.Core.Models;
using GenAI.PowerShell.Configuration;
using GenAI.PowerShell.Errors;
using GenAI.PowerShell.Input;
using GenAI.PowerShell.Transformations;

namespace GenAI.PowerShell.Commands
{
    /// <summary>Starts a chat session to keep in a variable; Send-ChatMessage continues it.</summary>
    [Cmdlet(VerbsLifecycle.Start, "ChatSession", DefaultParameterSetName = ModelSet)]
    [OutputType(typeof(ChatSession))]
    public sealed class StartChatSessionCommand : ModelSettingsCmdlet
    {
        private const string ModelSet = "Model";
        private const string CachedContentSet = "CachedContent";

        /// <summary>A model name or a model object from New-GenAIModel.</summary>
        [Parameter(ParameterSetName = ModelSet, Position = 0)]
        [ModelArgumentTransformation]
        [ArgumentCompleter(typeof(Completers.ModelCompleter))]
        public GenerativeModel? Model { get; set; }

        /// <summary>Earlier turns: contents, hashtables shaped like contents, or another session's History.</summary>
        [Parameter]
        [AllowEmptyCollection]
        public object[]? History { get; set; }

        // Model defaults of the session (these parameters are separate from the chat history ones above).

        /// <summary>A cached content (name or object): the session's model is the cache's, and every turn uses the cache.</summary>
        [Parameter(ParameterSetName = CachedContentSet, Mandatory = true)]
        [ArgumentCompleter(typeof(Completers.CachedContentNameCompleter))]
        public object? CachedContent { get; set; }

        /// <summary>Run the commands the model calls during every turn (Send-ChatMessage can switch it per message).</summary>
        [Parameter]
        public SwitchParameter AutomaticFunctionCalling { get; set; }

        /// <summary>Function calls run at most per turn with automatic function calling.</summary>
        [Parameter]
        [ValidateRange(1, 100)]
        public int MaximumFunctionCalls { get; set; } = Core.Tools.AutomaticFunctionCalling.DefaultMaximumCalls;

        protected override void EndProcessing()
        {
            try
            {
                var model = CachedContent != null
                    ? CachedModelResolver.Resolve(CachedContent, Client, BuildRequestOptions(), StopToken, Await)
                    : Model ?? new GenerativeModel(ModuleConfiguration.DefaultModel);
                model = model.WithDefaults(Settings.ToOverrides());
                var history = History == null || History.Length == 0 ? null : PromptConverter.ToContents(History);
                WriteObject(new ChatSession(model, history)
                {
                    AutomaticFunctionCalling = AutomaticFunctionCalling.IsPresent,
                    MaximumFunctionCalls = MaximumFunctionCalls,
                });
            }
            catch (GenAIException ex)
            {
                ThrowTerminatingError(ErrorRecordFactory.Create(ex, CachedContent ?? History));
            }
        }
    }
}
