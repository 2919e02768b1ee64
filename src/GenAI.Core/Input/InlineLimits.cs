using System.Collections.Generic;
using System.Text;
using GenAI.Core.Protocol;

namespace GenAI.Core.Input
{
    /// <summary>How much a request may carry inline.</summary>
    public static class InlineLimits
    {
        /// <summary>
        /// The service's request size limit (20 MiB; its error reads "Request payload size exceeds the
        /// limit: 20971520 bytes"). Inline data counts with its base64 size (4/3 of the bytes).
        /// </summary>
        public const long MaxRequestBytes = 20L * 1024 * 1024;

        /// <summary>The size of <paramref name="bytes"/> bytes once base64 encoded.</summary>
        public static long Base64Length(long bytes) => (bytes + 2) / 3 * 4;

        /// <summary>What <paramref name="contents"/> add to a request: their text in UTF-8 and their inline data in base64.</summary>
        public static long ContentBytes(IEnumerable<Content?> contents)
        {
            long size = 0;
            foreach (var content in contents)
            {
                if (content == null) continue;
                foreach (var part in content.Parts)
                {
                    if (part.Text != null) size += Encoding.UTF8.GetByteCount(part.Text);
                    if (part.InlineData != null) size += Base64Length(part.InlineData.DecodedLength);
                }
            }
            return size;
        }
    }
}
