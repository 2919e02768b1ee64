using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using GenAI.Core.Chats;
using GenAI.Core.Errors;
using GenAI.PowerShell.Errors;
using GenAI.PowerShell.Paths;

namespace GenAI.PowerShell.Commands
{
    /// <summary>Reads a file written by Export-ChatSession into a chat session that continues the conversation.</summary>
    [Cmdlet(VerbsData.Import, "ChatSession", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(ChatSession))]
    public sealed class ImportChatSessionCommand : PSCmdlet
    {
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";

        /// <summary>The files to read; wildcards are expanded.</summary>
        [Parameter(ParameterSetName = PathSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        public string[] Path { get; set; } = null!;

        /// <summary>The files to read, taken exactly as typed.</summary>
        [Parameter(ParameterSetName = LiteralPathSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        public string[] LiteralPath { get; set; } = null!;

        protected override void ProcessRecord()
        {
            bool literal = ParameterSetName == LiteralPathSet;
            foreach (string given in literal ? LiteralPath : Path)
                foreach (string file in Resolve(given, literal))
                    Import(file);
        }

        private IEnumerable<string> Resolve(string given, bool literal)
        {
            const string purpose = "a chat session is read from a file";
            try
            {
                return literal ? new[] { FileSystemPaths.Unresolved(SessionState.Path, given, purpose) } : FileSystemPaths.Resolved(SessionState.Path, given, purpose);
            }
            catch (InvalidInputException ex)
            {
                WriteError(ErrorRecordFactory.Create(ex, given));
                return Array.Empty<string>();
            }
        }

        private void Import(string file)
        {
            if (!File.Exists(file))
            {
                WriteError(NotFound(file, null));
                return;
            }
            byte[] json;
            try
            {
                json = File.ReadAllBytes(file);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                WriteError(ErrorRecordFactory.Create(PowerShellErrorCodes.ImportFailed, $"Cannot read '{file}': {ex.Message}", file, inner: ex));
                return;
            }
            try
            {
                WriteObject(ChatSessionFile.Deserialize(json, file));
            }
            catch (GenAIException ex)
            {
                WriteError(ErrorRecordFactory.Create(ex, file));
            }
        }

        private static ErrorRecord NotFound(string path, Exception? inner) =>
            ErrorRecordFactory.Create(ErrorCodes.PathNotFound,
                Directory.Exists(path) ? $"'{path}' is a folder, not a chat session file." : $"Cannot find the chat session file '{path}'.",
                path, "Check the path; Export-ChatSession writes these files.", inner);
    }
}
