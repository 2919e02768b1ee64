using System;
using System.Threading;
using System.Threading.Tasks;
using GenAI.Core;
using GenAI.Core.Errors;
using GenAI.Core.Models;
using GenAI.Core.Protocol;
using GenAI.Core.Transport;

namespace GenAI.PowerShell.Input
{
    /// <summary>The seed's <c>GenerativeModel.from_cached_content</c>: a cache given by name is fetched to learn its model.</summary>
    internal static class CachedModelResolver
    {
        public static GenerativeModel Resolve(object value, GenAIClient client, RequestOptions options, CancellationToken cancellationToken,
            Func<Task<CachedContent>, CachedContent> await)
        {
            switch (PromptConverter.Normalize(value))
            {
                case CachedContent cache when !string.IsNullOrEmpty(cache.Model):
                    return GenerativeModel.FromCachedContent(cache);
                case CachedContent cache when !string.IsNullOrEmpty(cache.Name):
                    return Resolve(cache.Name!, client, options, cancellationToken, await);
                case string name when !string.IsNullOrWhiteSpace(name):
                    var fetched = await(client.Transport.GetCachedContentAsync(ModelNames.NormalizeCachedContent(name.Trim()), options, cancellationToken));
                    return GenerativeModel.FromCachedContent(fetched);
                default:
                    throw new InvalidInputException("InvalidCachedContent",
                        "-CachedContent takes a cached content's name (cachedContents/abc123 or abc123) or a cached-content object.", value);
            }
        }
    }
}
