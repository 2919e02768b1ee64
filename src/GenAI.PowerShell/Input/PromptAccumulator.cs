using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using GenAI.Core.Errors;
using GenAI.Core.Input;
using GenAI.Core.Protocol;

namespace GenAI.PowerShell.Input
{
    /// <summary>
    /// Collects prompt items across ProcessRecord calls. Consecutive strings from the pipeline (the
    /// lines of Get-Content) are joined with newlines into one text, as the file held them; consecutive
    /// bytes from the pipeline (Get-Content -AsByteStream) are joined into one byte array. Each item is
    /// unwrapped once, as it arrives; the item as given stays the target of errors about it.
    /// </summary>
    internal sealed class PromptAccumulator
    {
        private readonly List<(object? Given, object? Plain)> _items = new List<(object? Given, object? Plain)>();
        private readonly ContentConverter _converter;
        private StringBuilder? _pipedText;
        private MemoryStream? _pipedBytes;

        private readonly string? _fileResolution;

        /// <param name="fileResolution">Gemini 3 per-part media resolution (MEDIA_RESOLUTION_HIGH, ...) for the files and bytes of the prompt.</param>
        public PromptAccumulator(string? mimeType = null, string? fileResolution = null)
        {
            _converter = new ContentConverter(mimeType);
            _fileResolution = fileResolution;
        }

        /// <summary>The items as given (piped lines and bytes already joined; files and bytes once converted, their parts).</summary>
        public IReadOnlyList<object?> Items => _items.Select(i => Materialize(i.Given)).ToList();

        /// <summary>The items as they will be sent: <see cref="Items"/> without PowerShell's wrappers.</summary>
        private List<object?> PlainItems => _items.Select(i => Materialize(i.Plain)).ToList();

        public int Count => _items.Count;

        /// <summary>The best ErrorRecord target: the single item, or all of them.</summary>
        public object? Target
        {
            get
            {
                var items = Items;
                return items.Count == 1 ? items[0] : items.ToArray();
            }
        }

        public void Add(object[]? items, bool fromPipeline)
        {
            if (items == null) return;
            foreach (var raw in items) Add(raw, fromPipeline);
        }

        public void Add(object? raw, bool fromPipeline)
        {
            var item = PlainValues.Of(raw);
            if (fromPipeline && item is string line)
            {
                _pipedBytes = null;
                if (_pipedText == null)
                {
                    _pipedText = new StringBuilder(line);
                    _items.Add((_pipedText, _pipedText));
                }
                else
                {
                    _pipedText.Append('\n').Append(line);
                }
                return;
            }
            if (fromPipeline && item is byte b)
            {
                _pipedText = null;
                if (_pipedBytes == null)
                {
                    _pipedBytes = new MemoryStream();
                    _items.Add((_pipedBytes, _pipedBytes));
                }
                _pipedBytes.WriteByte(b);
                return;
            }
            _pipedText = null;
            _pipedBytes = null;
            if (item != null) _items.Add((raw, item));
        }

        /// <summary>
        /// Converts the files and byte arrays among the items now, so that every bad one is reported
        /// (not just the first) before anything is sent. Returns false when any failed.
        /// </summary>
        public bool TryConvertFiles(Action<GenAIException, object?> reportError)
        {
            bool ok = true;
            for (int i = 0; i < _items.Count; i++)
            {
                var item = Materialize(_items[i].Plain);
                if (!(item is FileSystemInfo) && !(item is byte[])) continue;
                try
                {
                    var part = _converter.ToPart(item);
                    _items[i] = (part, part);
                }
                catch (GenAIException ex)
                {
                    reportError(ex, item is FileSystemInfo file ? file.FullName : item);
                    ok = false;
                }
            }
            return ok;
        }

        public List<Content> ToContents() => WithResolution(_converter.ToContents(PlainItems));

        /// <summary>The contents of these items followed by <paramref name="extra"/> (an -Each item); the accumulator is unchanged.</summary>
        public List<Content> ToContentsWith(object? extra)
        {
            var items = PlainItems;
            var plainExtra = PlainValues.Of(extra);
            if (plainExtra != null) items.Add(plainExtra);
            return WithResolution(_converter.ToContents(items));
        }

        // Media read from files or bytes, and uploaded files, get the per-part resolution unless they set their own.
        private List<Content> WithResolution(List<Content> contents)
        {
            if (_fileResolution == null) return contents;
            foreach (var part in contents.SelectMany(c => c.Parts))
                if ((part.InlineData?.Source != null || part.FileData != null) && part.MediaResolution == null)
                    part.MediaResolution = new PartMediaResolution { Level = _fileResolution };
            return contents;
        }

        private static object? Materialize(object? item) => item switch
        {
            StringBuilder text => text.ToString(),
            MemoryStream bytes => bytes.ToArray(),
            _ => item,
        };
    }
}
