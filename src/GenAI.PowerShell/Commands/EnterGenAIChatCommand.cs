using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using GenAI.Core.Chats;
using GenAI.Core.Chats.Interactive;
using GenAI.Core.Errors;
using GenAI.Core.Input;
using GenAI.Core.Models;
using GenAI.Core.Protocol;
using GenAI.PowerShell.Configuration;
using GenAI.PowerShell.Errors;
using GenAI.PowerShell.Input;
using GenAI.PowerShell.Interactive;
using GenAI.PowerShell.Paths;
using GenAI.PowerShell.Transformations;

namespace GenAI.PowerShell.Commands
{
    /// <summary>
    /// An interactive chat at the prompt (ChatLoop on a ChatSession): starts one with Start-ChatSession's settings,
    /// or continues -Session. On leaving, the session is written (-PassThru) or kept in -SessionVariable.
    /// </summary>
    [Cmdlet(VerbsCommon.Enter, "GenAIChat", DefaultParameterSetName = NewSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(ChatSession))]
    public sealed class EnterGenAIChatCommand : ModelSettingsCmdlet
    {
        private const string NewSet = "New";
        private const string SessionSet = "Session";

        private ConsoleChatTerminal? _terminal;
        private CallOverrides? _overrides;

        /// <summary>A model name or a model object from New-GenAIModel.</summary>
        [Parameter(ParameterSetName = NewSet, Position = 0)]
        [ModelArgumentTransformation]
        [ArgumentCompleter(typeof(Completers.ModelCompleter))]
        public GenerativeModel? Model { get; set; }

        /// <summary>Earlier turns to start from: contents, hashtables shaped like contents, or another session's History.</summary>
        [Parameter(ParameterSetName = NewSet)]
        [AllowEmptyCollection]
        public object[]? History { get; set; }

        /// <summary>A session (Start-ChatSession, Import-ChatSession, an earlier Enter-GenAIChat) to continue.</summary>
        [Parameter(ParameterSetName = SessionSet, Mandatory = true, ValueFromPipeline = true)]
        public ChatSession Session { get; set; } = null!;

        /// <summary>Run the commands the model calls (confirmations are asked at the prompt); with -Session, the session's setting is the default.</summary>
        [Parameter]
        public SwitchParameter AutomaticFunctionCalling { get; set; }

        /// <summary>Function calls run at most per turn with automatic function calling.</summary>
        [Parameter]
        [ValidateRange(1, 100)]
        public int MaximumFunctionCalls { get; set; } = Core.Tools.AutomaticFunctionCalling.DefaultMaximumCalls;

        /// <summary>Run commands with side effects without asking.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Write the session when the chat ends.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>The name (without $) of a variable that holds the session, from the start of the chat.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? SessionVariable { get; set; }

        protected override void EndProcessing()
        {
            var session = ParameterSetName == SessionSet ? Session : NewSession();
            if (ParameterSetName == SessionSet)
            {
                _overrides = Settings.ToOverrides();
                if (MyInvocation.BoundParameters.ContainsKey(nameof(AutomaticFunctionCalling))) session.AutomaticFunctionCalling = AutomaticFunctionCalling.IsPresent;
                if (MyInvocation.BoundParameters.ContainsKey(nameof(MaximumFunctionCalls))) session.MaximumFunctionCalls = MaximumFunctionCalls;
            }
            _ = Client;   // a missing key ends the command before the chat starts
            // Set first: the session stays reachable however the chat ends.
            if (SessionVariable != null) SessionState.PSVariable.Set(SessionVariable.TrimStart('$'), session);
            _terminal = new ConsoleChatTerminal(Host.UI, StopToken);
            new ChatLoop(session, _terminal, new ChatHost(this)).Run();
            if (PassThru) WriteObject(session);
        }

        private ChatSession NewSession()
        {
            try
            {
                var model = (Model ?? new GenerativeModel(ModuleConfiguration.DefaultModel)).WithDefaults(Settings.ToOverrides());
                var history = History == null || History.Length == 0 ? null : PromptConverter.ToContents(History);
                return new ChatSession(model, history)
                {
                    AutomaticFunctionCalling = AutomaticFunctionCalling.IsPresent,
                    MaximumFunctionCalls = MaximumFunctionCalls,
                };
            }
            catch (GenAIException ex)
            {
                ThrowTerminatingError(ErrorRecordFactory.Create(ex, History));
                throw;
            }
        }

        private GenerateContentResponse Send(ChatSession session, Content message, Action<GenerateContentResponse> onChunk, CancellationToken cancellation)
        {
            var client = Client;
            var options = BuildRequestOptions();
            var uploads = Pump.UploadProgress();
            using var turn = CancellationTokenSource.CreateLinkedTokenSource(cancellation, StopToken);
            if (session.AutomaticFunctionCalling)
            {
                // Calls run between complete replies, so this turn is not streamed; confirmations get the console.
                var result = RunFunctionCalling(calling => client.Prompts.SendAsync(session, message, calling, _overrides, uploads, options, turn.Token),
                    session.MaximumFunctionCalls, session.Model.Name, Force, () => _terminal?.PauseInterrupts());
                onChunk(result.Response);
                return result.Response;
            }
            GenerateContentResponse? last = null;
            foreach (var chunk in Pull(client.Prompts.StreamAsync(session, message, _overrides, uploads, options, turn.Token)))
            {
                onChunk(chunk);
                last = chunk;
            }
            return session.Last ?? last!;
        }

        private int CountTokens(ChatSession session, CancellationToken cancellation)
        {
            using var call = CancellationTokenSource.CreateLinkedTokenSource(cancellation, StopToken);
            return Await(Client.Models.CountTokensAsync(session.Model, session.History, _overrides, BuildRequestOptions(), call.Token)).TotalTokens;
        }

        private string Save(ChatSession session, string path)
        {
            string full;
            try
            {
                full = FileSystemPaths.Unresolved(SessionState.Path, path, "a chat is saved to a file");
                File.WriteAllBytes(full, ChatSessionFile.Serialize(session));
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ArgumentException || ex is NotSupportedException)
            {
                throw new InvalidInputException(PowerShellErrorCodes.ExportFailed, $"Cannot save the chat to '{path}': {ex.Message}", path, inner: ex);
            }
            return full;
        }

        private IReadOnlyList<FileInfo> ResolveFiles(string path)
        {
            var errors = new List<ErrorRecord>();
            var files = PathResolver.Resolve(SessionState.Path, new[] { path }, literal: false, errors);
            if (errors.Count > 0) throw new InvalidInputException(ErrorCodes.FileNotFound, errors[0].Exception.Message, path);
            return files;
        }

        private IEnumerable<string> CompleteArgument(ChatCommandKind command, string partial)
        {
            var results = command == ChatCommandKind.Model
                ? new Completers.ModelCompleter().CompleteArgument(MyInvocation.MyCommand.Name, nameof(Model), partial, null!, null!)
                : CompletionCompleters.CompleteFilename(partial);
            return results.Select(r => r.CompletionText).ToList();
        }

        // A separate class, not an interface of the cmdlet: PowerShell lists the module's exported types before
        // ModuleInitializer runs, and an exported type implementing a GenAI.Core interface would need GenAI.Core then.
        private sealed class ChatHost : IChatHost
        {
            private readonly EnterGenAIChatCommand _command;

            public ChatHost(EnterGenAIChatCommand command) => _command = command;

            public GenerateContentResponse Send(ChatSession session, Content message, Action<GenerateContentResponse> onChunk, CancellationToken cancellation) =>
                _command.Send(session, message, onChunk, cancellation);

            public int CountTokens(ChatSession session, CancellationToken cancellation) => _command.CountTokens(session, cancellation);

            public string Save(ChatSession session, string path) => _command.Save(session, path);

            public IReadOnlyList<FileInfo> ResolveFiles(string path) => _command.ResolveFiles(path);

            public IEnumerable<string> CompleteArgument(ChatCommandKind command, string partial) => _command.CompleteArgument(command, partial);
        }
    }
}
