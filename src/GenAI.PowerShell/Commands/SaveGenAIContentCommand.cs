using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using GenAI.Core.Errors;
using GenAI.Core.Media;
using GenAI.Core.Protocol;
using GenAI.Core.Streaming;
using GenAI.PowerShell.Errors;
using GenAI.PowerShell.Output;

namespace GenAI.PowerShell.Commands
{
    /// <summary>
    /// Writes the images, speech and other inline media of replies to files. Takes replies, stream
    /// chunks (joined per stream first, so a streamed reply gives the same files as a unary one),
    /// candidates, contents, parts and blobs. -Path is a folder (files named after the response id and
    /// part index, extension from the MIME type) or a file name; raw PCM speech is written as WAV.
    /// </summary>
    [Cmdlet(VerbsData.Save, "GenAIContent", SupportsShouldProcess = true, DefaultParameterSetName = PathSet)]
    [OutputType(typeof(FileInfo))]
    public sealed class SaveGenAIContentCommand : PSCmdlet
    {
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";

        private StreamAggregator? _stream;
        private Guid _streamId;
        private int _found;
        private int _unnamed;
        private string? _target;
        private bool _targetIsFolder;

        /// <summary>A reply, stream chunk, candidate, content, part or blob holding inline media.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true)]
        public object[] InputObject { get; set; } = null!;

        /// <summary>A folder (existing, or ending in a path separator) or a file name; the current folder when omitted.</summary>
        [Parameter(ParameterSetName = PathSet, Position = 0)]
        public string? Path { get; set; }

        /// <summary>Like -Path, taken exactly as typed.</summary>
        [Parameter(ParameterSetName = LiteralPathSet, Mandatory = true)]
        [Alias("PSPath", "LP")]
        public string LiteralPath { get; set; } = null!;

        /// <summary>Do not overwrite existing files.</summary>
        [Parameter]
        [Alias("NoOverwrite")]
        public SwitchParameter NoClobber { get; set; }

        /// <summary>Overwrite read-only files, and create a missing folder.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Also save the interim images a thinking image model shows (parts marked as thoughts).</summary>
        [Parameter]
        public SwitchParameter IncludeThoughts { get; set; }

        /// <summary>Write a FileInfo for each file written.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void BeginProcessing()
        {
            string given = ParameterSetName == LiteralPathSet ? LiteralPath : (string.IsNullOrEmpty(Path) ? "." : Path!);
            _target = OutputFile.Resolve(this, given, "media");
            if (_target == null) ThrowTerminatingError(ErrorRecordFactory.Create(PowerShellErrorCodes.InvalidPath, $"Cannot save media to '{given}'.", given));
            _targetIsFolder = Directory.Exists(_target) || given.EndsWith("/", StringComparison.Ordinal) || given.EndsWith("\\", StringComparison.Ordinal) || given == ".";
        }

        protected override void ProcessRecord()
        {
            foreach (var raw in InputObject)
            {
                object? item = raw is PSObject wrapped ? wrapped.BaseObject : raw;
                try
                {
                    Take(item);
                }
                catch (GenAIException ex)
                {
                    WriteError(ErrorRecordFactory.Create(ex, item));
                }
            }
        }

        protected override void EndProcessing()
        {
            FlushStream();
            if (_found == 0)
                WriteWarning("The input held no inline media (images, audio) to save. Ask an image or speech model, e.g. -ResponseModality Image or Audio.");
        }

        private void Take(object? item)
        {
            switch (item)
            {
                case GenerateContentResponse chunk when chunk.IsStreamChunk:
                    if (_stream != null && chunk.StreamId != _streamId) FlushStream();
                    _streamId = chunk.StreamId;
                    (_stream ??= new StreamAggregator()).Add(chunk);
                    return;
                case GenerateContentResponse response:
                    FlushStream();
                    Save(MediaItem.From(response, IncludeThoughts));
                    return;
                case Candidate candidate:
                    Save(MediaItem.From(candidate, null, IncludeThoughts));
                    return;
                case Content content:
                    Save(MediaItem.FromParts(content.Parts, NextStem(), IncludeThoughts));
                    return;
                case Part part:
                    Save(MediaItem.FromParts(new[] { part }, NextStem(), IncludeThoughts));
                    return;
                case Blob blob:
                    Save(MediaItem.FromParts(new[] { new Part { InlineData = blob } }, NextStem(), IncludeThoughts));
                    return;
                case null:
                    return;
                default:
                    WriteError(ErrorRecordFactory.Create(PowerShellErrorCodes.InvalidMediaInput,
                        $"Save-GenAIContent takes replies, stream chunks, candidates, contents, parts or blobs, not '{item.GetType().Name}'.", item,
                        "Pipe the output of Invoke-GenerateContent or Send-ChatMessage."));
                    return;
            }
        }

        private string NextStem() => "genai-content-" + (_unnamed++);

        private void FlushStream()
        {
            if (_stream == null) return;
            var response = _stream.ToResponse();
            _stream = null;
            Save(MediaItem.From(response, IncludeThoughts));
        }

        private void Save(List<MediaItem> items)
        {
            foreach (var item in items)
            {
                _found++;
                string path = PathFor(item);
                if (OutputFile.KeepsExisting(this, path, NoClobber)) continue;
                if (!ShouldProcess(path, $"Save {item.MimeType} ({item.Data.Length} bytes)")) continue;
                string? folder = System.IO.Path.GetDirectoryName(path);
                if (!string.IsNullOrEmpty(folder) && !Directory.Exists(folder))
                {
                    if (!Force)
                    {
                        WriteError(ErrorRecordFactory.Create(PowerShellErrorCodes.FolderNotFound,
                            $"The folder '{folder}' does not exist.", folder, "Create it first, or add -Force to create it."));
                        continue;
                    }
                    Directory.CreateDirectory(folder);
                }
                if (!OutputFile.TryWrite(this, path, item.Data, NoClobber, Force, PowerShellErrorCodes.SaveFailed, item.MimeType)) continue;
                if (PassThru) WriteObject(new FileInfo(path));
            }
        }

        // A folder gets the suggested names; a file name is used for the first item, then name-2.ext, name-3.ext, ...
        private string PathFor(MediaItem item)
        {
            if (_targetIsFolder) return System.IO.Path.Combine(_target!, item.Name);
            if (_found == 1) return _target!;
            string extension = System.IO.Path.GetExtension(_target!);
            string stem = _target!.Substring(0, _target!.Length - extension.Length);
            return $"{stem}-{_found}{extension}";
        }
    }
}
