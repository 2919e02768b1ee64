using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using GenAI.Core.Errors;
using GenAI.Core.Files;
using GenAI.Core.Protocol;
using GenAI.PowerShell.Concurrency;
using GenAI.PowerShell.Errors;
using GenAI.PowerShell.Input;

namespace GenAI.PowerShell.Commands
{
    /// <summary>
    /// Uploads files with the Files API (resumable, in 8 MiB chunks, with a progress bar) and writes each
    /// file object once the service has processed it (State ACTIVE), ready to use in prompts.
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "GenAIFile", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(GenAIFile))]
    public sealed class AddGenAIFileCommand : GenAICmdlet
    {
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";

        /// <summary>The files to upload; wildcards are expanded from the current location.</summary>
        [Parameter(ParameterSetName = PathSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = null!;

        /// <summary>The files to upload, taken exactly as typed; file objects from Get-ChildItem bind here.</summary>
        [Parameter(ParameterSetName = LiteralPathSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = null!;

        /// <summary>The file's MIME type; by default the type of its extension.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.MimeTypeCompleter))]
        public string? MimeType { get; set; }

        /// <summary>A human-readable name (up to 512 characters); by default the file's name.</summary>
        [Parameter]
        [ValidateLength(1, 512)]
        public string? DisplayName { get; set; }

        /// <summary>The resource name to create, files/&lt;id&gt; or just the id (lower-case letters, digits, dashes; up to 40).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Name { get; set; }

        /// <summary>Write the file as soon as it is uploaded, without waiting for the service to process it.</summary>
        [Parameter]
        public SwitchParameter NoWait { get; set; }

        protected override void ProcessRecord()
        {
            var errors = new List<ErrorRecord>();
            bool literal = ParameterSetName == LiteralPathSet;
            var files = PathResolver.Resolve(SessionState.Path, literal ? LiteralPath : Path, literal, errors);
            foreach (var error in errors) WriteError(error);
            var client = Client;
            var options = BuildRequestOptions();
            foreach (var file in files)
            {
                FileUploadOptions upload;
                BlobSource source;
                try
                {
                    upload = FilesClient.PrepareUpload(file, MimeType, DisplayName, Name, out source);
                }
                catch (GenAIException ex)
                {
                    WriteError(ErrorRecordFactory.Create(ex, file.FullName));
                    continue;
                }
                WriteVerboseRedacted($"Uploading '{file.FullName}' ({file.Length} bytes) as {upload.MimeType}.");
                TryRun(() => WriteObject(Await(client.Files.UploadAndWaitAsync(source, upload, !NoWait, Pump.UploadProgress(), options, StopToken))), file.FullName);
            }
        }
    }
}
