using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using GenAI.Core.Errors;
using GenAI.Core.Protocol;
using GenAI.PowerShell.Errors;

namespace GenAI.PowerShell.Input
{
    /// <summary>
    /// The prompt of one cmdlet call, from its three sources in this order: the -Prompt/-Message value,
    /// the -Path/-LiteralPath files, then pipeline input. Every bad input is reported (target: the path
    /// or item) and then nothing is sent. With -Each the first two form a shared prefix and each
    /// pipeline item is taken one by one (consecutive piped bytes still form one byte array).
    /// </summary>
    internal sealed class PromptInput
    {
        private PSCmdlet _cmdlet = null!;
        private PromptAccumulator _prompt = new PromptAccumulator();
        private MemoryStream? _pendingBytes;

        /// <summary>Some input was bad (already reported): send nothing.</summary>
        public bool Failed { get; private set; }

        public bool HasSharedPrompt => _prompt.Count > 0;

        public object? Target => _prompt.Target;

        /// <param name="fileResolution">Per-part media resolution for the prompt's files (Gemini 3), e.g. MEDIA_RESOLUTION_HIGH.</param>
        public void Begin(PSCmdlet cmdlet, string? mimeType, object[]? prompt, string[]? path, string[]? literalPath, bool shared, string? fileResolution = null)
        {
            _cmdlet = cmdlet;
            _prompt = new PromptAccumulator(mimeType, fileResolution);
            _prompt.Add(prompt, fromPipeline: false);
            var errors = new List<ErrorRecord>();
            foreach (var file in PathResolver.Resolve(cmdlet.SessionState.Path, path, literal: false, errors)) _prompt.Add(file, fromPipeline: false);
            foreach (var file in PathResolver.Resolve(cmdlet.SessionState.Path, literalPath, literal: true, errors)) _prompt.Add(file, fromPipeline: false);
            foreach (var error in errors) cmdlet.WriteError(error);
            Failed = errors.Count > 0;
            if (shared && !Failed) Failed = !_prompt.TryConvertFiles(Report);
        }

        public void Add(object[]? items, bool fromPipeline) => _prompt.Add(items, fromPipeline);

        /// <summary>The whole prompt, or null when some input was bad (reported as errors; nothing should be sent).</summary>
        public List<Content>? ToContents()
        {
            if (Failed || !_prompt.TryConvertFiles(Report))
            {
                Failed = true;
                return null;
            }
            try
            {
                return _prompt.ToContents();
            }
            catch (GenAIException ex)
            {
                _cmdlet.ThrowTerminatingError(ErrorRecordFactory.Create(ex, _prompt.Target));
                return null;
            }
        }

        /// <summary>-Each: the items of one ProcessRecord, ready to send one by one (piped bytes are held until their run ends).</summary>
        public IEnumerable<object?> TakeItems(object[]? items, bool fromPipeline)
        {
            if (items == null) yield break;
            foreach (var raw in items)
            {
                var item = PlainValues.Base(raw);
                if (fromPipeline && item is byte b)
                {
                    (_pendingBytes ??= new MemoryStream()).WriteByte(b);
                    continue;
                }
                foreach (var bytes in FlushItems()) yield return bytes;
                if (item != null) yield return raw;
            }
        }

        /// <summary>-Each: the byte array still being collected from the pipeline, if any.</summary>
        public IEnumerable<object?> FlushItems()
        {
            if (_pendingBytes == null) yield break;
            var bytes = _pendingBytes.ToArray();
            _pendingBytes = null;
            yield return bytes;
        }

        /// <summary>-Each: the shared prompt followed by <paramref name="item"/>. Throws for a bad item.</summary>
        public List<Content> ToContentsWith(object? item) => _prompt.ToContentsWith(item);

        private void Report(GenAIException error, object? target) => _cmdlet.WriteError(ErrorRecordFactory.Create(error, target));
    }
}
