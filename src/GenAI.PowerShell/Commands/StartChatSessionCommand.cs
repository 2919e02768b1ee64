using System.Management.Automation;
using GenAI.Core.Chats;
using GenAI.Core.Errors;
using GenAI.Core.Models;
using GenAI.PowerShell.Configuration;
using GenAI.PowerShell.Errors;
using GenAI.PowerShell.Input;

namespace GenAI.PowerShell.Commands
{
    /// <summary>Starts a chat session to keep in a variable; Send-ChatMessage continues it.</summary>
    [Cmdlet(VerbsLifecycle.Start, "ChatSession")]
    [OutputType(typeof(ChatSession))]
    public sealed class StartChatSessionCommand : PSCmdlet
    {
        /// <summary>A model name or a model object from New-GenAIModel.</summary>
        [Parameter(Position = 0)]
        [ModelArgumentTransformation]
        public GenerativeModel? Model { get; set; }

        /// <summary>Earlier turns: contents, hashtables shaped like contents, or another session's History.</summary>
        [Parameter]
        [AllowEmptyCollection]
        public object[]? History { get; set; }

        protected override void EndProcessing()
        {
            var model = Model ?? new GenerativeModel(ModuleConfiguration.DefaultModel);
            try
            {
                var history = History == null || History.Length == 0 ? null : PromptConverter.ToContents(History);
                WriteObject(new ChatSession(model, history));
            }
            catch (GenAIException ex)
            {
                ThrowTerminatingError(ErrorRecordFactory.Create(ex, History));
            }
        }
    }
}
