using System;
using GenAI.PowerShell.Configuration;
using System.IO;
using System.Management.Automation;
using GenAI.Core.Chats;
using GenAI.PowerShell.Errors;
using GenAI.PowerShell.Output;

namespace GenAI.PowerShell.Commands
{
    /// <summary>
    /// Saves a chat session (model name, model defaults, history) as UTF-8 JSON that Import-ChatSession
    /// reads back. The file never holds the API key or the endpoint: a session does not know them.
    /// </summary>
    [Cmdlet(VerbsData.Export, "ChatSession", DefaultParameterSetName = PathSet, SupportsShouldProcess = true)]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportChatSessionCommand : PSCmdlet
    {
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";

        private bool _exported;

        /// <summary>The file to write.</summary>
        [Parameter(ParameterSetName = PathSet, Mandatory = true, Position = 0)]
        public string Path { get; set; } = null!;

        /// <summary>The file to write, taken exactly as typed.</summary>
        [Parameter(ParameterSetName = LiteralPathSet, Mandatory = true)]
        [Alias("PSPath", "LP")]
        public string LiteralPath { get; set; } = null!;

        /// <summary>The session to save (also from the pipeline).</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true)]
        public ChatSession Session { get; set; } = null!;

        /// <summary>Overwrite a read-only file.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Do not overwrite an existing file.</summary>
        [Parameter]
        [Alias("NoOverwrite")]
        public SwitchParameter NoClobber { get; set; }

        /// <summary>Replace inline data (images, audio, documents sent as bytes) with a short text note instead of saving the bytes.</summary>
        [Parameter]
        public SwitchParameter OmitInlineData { get; set; }

        /// <summary>Write the file's FileInfo.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            string given = ParameterSetName == LiteralPathSet ? LiteralPath : Path;
            if (_exported)
            {
                WriteError(ErrorRecordFactory.Create(PowerShellErrorCodes.MultipleSessions,
                    $"Only one chat session can be saved to '{given}'; the first one was, this one was not.", Session,
                    "Export each session to its own file: $sessions | ForEach-Object { Export-ChatSession -Path \"chat-$i.json\" -Session $_ }."));
                return;
            }

            string? path = OutputFile.Resolve(this, given, "a chat session");
            if (path == null) return;
            if (OutputFile.KeepsExisting(this, path, NoClobber)) return;
            if (!ShouldProcess(path, "Export chat session")) return;

            byte[] json = RedactKey(ChatSessionFile.Serialize(Session, OmitInlineData));
            if (!OutputFile.TryWrite(this, path, json, NoClobber, Force, PowerShellErrorCodes.ExportFailed, "the chat session")) return;

            _exported = true;
            if (PassThru) WriteObject(new FileInfo(path));
        }

        // The history may quote the key (a function result, a pasted prompt): the file written never holds it.
        private static byte[] RedactKey(byte[] json)
        {
            string text = System.Text.Encoding.UTF8.GetString(json);
            string redacted = KeyMask.RedactJson(text, ModuleConfiguration.CurrentKey);
            return redacted == text ? json : System.Text.Encoding.UTF8.GetBytes(redacted);
        }
    }
}
