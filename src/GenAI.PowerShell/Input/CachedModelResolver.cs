using System;
using System.Threading;
using System.Threading.Tasks;
using GenAI.Core;
using GenAI.Core.Errors;
using GenAI.Core.Models;
using GenAI.Core.Protocol;
using GenAI.Core.Transport;
using GenAI.PowerShell.Errors;

namespace GenAI.PowerShell.Input
{
    /// <summary>The seed's <c>GenerativeModel.from_cached_content</c>: a cache given by name is fetched to learn its model.</summary>
    internal static class CachedModelResolver
    {
        public static GenerativeModel Resolve(object value, GenAIClient client, RequestOptions options, CancellationToken cancellationToken,
            Func<Task<CachedContent>, CachedContent> await)
        {
            switch (PlainValues.Of(value))
            {
                case CachedContent cache when !string.IsNullOrEmpty(cache.Model):
                    return GenerativeModel.FromCachedContent(cache);
                case CachedContent cache when !string.IsNullOrEmpty(cache.Name):
                    return Resolve(cache.Name!, client, options, cancellationToken, await);
                case System.Collections.IDictionary shaped when Get(shaped, "name") is string cacheName:
                    // A cache as JSON objects (Invoke-RestMethod): its model is used when present.
                    string? cacheModel = Get(shaped, "model") as string;
                    return string.IsNullOrEmpty(cacheModel)
                        ? Resolve(cacheName, client, options, cancellationToken, await)
                        : GenerativeModel.FromCachedContent(new CachedContent { Name = cacheName, Model = cacheModel });
                case string name when !string.IsNullOrWhiteSpace(name):
                    var fetched = await(client.Transport.GetCachedContentAsync(ModelNames.NormalizeCachedContent(name.Trim()), options, cancellationToken));
                    return GenerativeModel.FromCachedContent(fetched);
                default:
                    throw new InvalidInputException(PowerShellErrorCodes.InvalidCachedContent,
                        "-CachedContent takes a cached content's name (cachedContents/abc123 or abc123) or a cached-content object.", value);
            }
        }

        private static object? Get(System.Collections.IDictionary dictionary, string key)
        {
            foreach (System.Collections.DictionaryEntry entry in dictionary)
                if (string.Equals(entry.Key as string, key, StringComparison.OrdinalIgnoreCase)) return entry.Value;
            return null;
        }
    }
}
