using System;
using System.Collections.Generic;
using System.Linq;
using GenAI.Core.Protocol;

namespace GenAI.Core.Transport
{
    /// <summary>
    /// Finds the inline blobs of a request that are backed by a file or byte array, and gives a
    /// shallow copy of the request in which each such blob's data is a unique marker string. The
    /// caller serialises the copy (small) and streams each blob's base64 where its marker stands.
    /// The caller's objects are never modified.
    /// </summary>
    internal sealed class LazyBlobs
    {
        private readonly string _prefix = "genai-blob-" + Guid.NewGuid().ToString("N") + "-";
        private readonly List<BlobSource> _sources = new List<BlobSource>();

        public IReadOnlyList<BlobSource> Sources => _sources;

        public string MarkerOf(int index) => _prefix + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>The request to serialise: <paramref name="request"/> itself when it has no streamed blobs.</summary>
        public T Substitute<T>(T request)
        {
            object? result = request switch
            {
                GenerateContentRequest g => Substitute(g),
                CountTokensRequest c => Substitute(c),
                CachedContent cc => Substitute(cc),
                _ => request,
            };
            return (T)result!;
        }

        private GenerateContentRequest Substitute(GenerateContentRequest request)
        {
            if (!HasStreamed(request.Contents) && !HasStreamed(request.SystemInstruction)) return request;
            var copy = request.ShallowCopy<GenerateContentRequest>();
            copy.Contents = request.Contents.Select(Substitute).ToList()!;
            copy.SystemInstruction = Substitute(request.SystemInstruction);
            return copy;
        }

        private CountTokensRequest Substitute(CountTokensRequest request)
        {
            bool nested = request.GenerateContentRequest != null &&
                (HasStreamed(request.GenerateContentRequest.Contents) || HasStreamed(request.GenerateContentRequest.SystemInstruction));
            if (!HasStreamed(request.Contents) && !nested) return request;
            var copy = request.ShallowCopy<CountTokensRequest>();
            copy.Contents = request.Contents?.Select(Substitute).ToList()!;
            if (request.GenerateContentRequest != null) copy.GenerateContentRequest = Substitute(request.GenerateContentRequest);
            return copy;
        }

        private CachedContent Substitute(CachedContent cache)
        {
            if (!HasStreamed(cache.Contents) && !HasStreamed(cache.SystemInstruction)) return cache;
            var copy = cache.ShallowCopy<CachedContent>();
            copy.Contents = cache.Contents?.Select(Substitute).ToList()!;
            copy.SystemInstruction = Substitute(cache.SystemInstruction);
            return copy;
        }

        private Content? Substitute(Content? content)
        {
            if (content == null || !HasStreamed(content)) return content;
            var copy = content.ShallowCopy<Content>();
            copy.Parts = content.Parts.Select(Substitute).ToList();
            return copy;
        }

        private Part Substitute(Part part)
        {
            var blob = part.InlineData;
            if (blob?.Source == null) return part;
            var marker = new Blob { MimeType = blob.MimeType, Data = MarkerOf(_sources.Count), AdditionalProperties = blob.AdditionalProperties };
            _sources.Add(blob.Source);
            var copy = part.ShallowCopy<Part>();
            copy.InlineData = marker;
            return copy;
        }

        private static bool HasStreamed(IEnumerable<Content>? contents) => contents != null && contents.Any(HasStreamed);

        private static bool HasStreamed(Content? content) => content != null && content.Parts.Any(p => p.InlineData?.Source != null);
    }
}
