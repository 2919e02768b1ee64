using System.Collections.Generic;
using System.Linq;
using System.Text;
using GenAI.Core.Protocol;

namespace GenAI.PowerShell.Input
{
    /// <summary>
    /// Collects prompt items across ProcessRecord calls. Consecutive strings from the pipeline (the
    /// lines of Get-Content) are joined with newlines into one text, as the file held them.
    /// </summary>
    internal sealed class PromptAccumulator
    {
        private readonly List<object?> _items = new List<object?>();
        private StringBuilder? _pipedText;

        /// <summary>The items as they will be sent (piped lines already joined).</summary>
        public IReadOnlyList<object?> Items => _items.Select(i => i is StringBuilder text ? text.ToString() : i).ToList();

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
            foreach (var raw in items)
            {
                var item = PromptConverter.Normalize(raw);
                if (fromPipeline && item is string line)
                {
                    if (_pipedText == null)
                    {
                        _pipedText = new StringBuilder(line);
                        _items.Add(_pipedText);
                    }
                    else
                    {
                        _pipedText.Append('\n').Append(line);
                    }
                    continue;
                }
                _pipedText = null;
                if (item != null) _items.Add(raw);
            }
        }

        public List<Content> ToContents() => PromptConverter.ToContents(Items);
    }
}
