using System.Collections.Generic;
using System.Linq;
using GenAI.Core.Input;
using GenAI.Core.Protocol;

namespace GenAI.Core.Files
{
    /// <summary>Which inline blobs must move to the Files API for a request to fit the inline limit.</summary>
    internal sealed class InlineDataPlan
    {
        // Room for the JSON around the contents (generation config, safety settings, keys and quotes).
        private const long Overhead = 64 * 1024;

        private InlineDataPlan(List<Blob> toUpload) { ToUpload = toUpload; }

        public IReadOnlyList<Blob> ToUpload { get; }

        public static InlineDataPlan Create(IReadOnlyList<Content> contents, long maxRequestBytes)
        {
            long size = Overhead + InlineLimits.ContentBytes(contents);
            var movable = contents.SelectMany(c => c.Parts).Select(p => p.InlineData).Where(b => b?.Source != null).Select(b => b!).ToList();
            var toUpload = new List<Blob>();
            foreach (var blob in movable.OrderByDescending(b => b.DecodedLength))
            {
                if (size <= maxRequestBytes) break;
                toUpload.Add(blob);
                size -= InlineLimits.Base64Length(blob.DecodedLength);
            }
            return new InlineDataPlan(toUpload);
        }

        /// <summary>Copies of the contents with each uploaded blob's part replaced (other parts shared).</summary>
        public IReadOnlyList<Content> Replace(IReadOnlyList<Content> contents, IDictionary<Blob, Part> replacements) =>
            contents.Select(content => content.Parts.Any(p => p.InlineData != null && replacements.ContainsKey(p.InlineData))
                ? new Content(content.Role, content.Parts.Select(p => p.InlineData != null && replacements.TryGetValue(p.InlineData, out var file) ? Moved(p, file) : p))
                    { AdditionalProperties = content.AdditionalProperties }
                : content).ToList();

        // The uploaded file's part keeps the metadata the inline part had.
        private static Part Moved(Part inline, Part file)
        {
            file.MediaResolution = inline.MediaResolution;
            file.VideoMetadata = inline.VideoMetadata;
            return file;
        }
    }
}
