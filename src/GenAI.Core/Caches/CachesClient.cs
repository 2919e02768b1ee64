using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using GenAI.Core.Errors;
using GenAI.Core.Models;
using GenAI.Core.Protocol;
using GenAI.Core.Transport;

namespace GenAI.Core.Caches
{
    /// <summary>
    /// cachedContents create / get / list / update / delete with the seed's rules
    /// (<c>caching.CachedContent</c>, https://ai.google.dev/api/caching): names get the <c>cachedContents/</c> prefix,
    /// display names are at most 128 characters, and an expiration is a TTL or an expire time, never both.
    /// </summary>
    public sealed class CachesClient
    {
        public const int MaxDisplayNameLength = 128;

        private readonly ITransport _transport;

        internal CachesClient(ITransport transport) { _transport = transport; }

        /// <summary>Creates a cache. With neither <paramref name="ttl"/> nor <paramref name="expireTime"/> the service's default (1 h) applies.</summary>
        public Task<CachedContent> CreateAsync(string model, IReadOnlyList<Content>? contents = null, Content? systemInstruction = null,
            IReadOnlyList<Tool>? tools = null, ToolConfig? toolConfig = null, TimeSpan? ttl = null, DateTimeOffset? expireTime = null,
            string? displayName = null, RequestOptions? options = null, CancellationToken cancellationToken = default)
        {
            if (string.IsNullOrWhiteSpace(model))
                throw new InvalidInputException(ErrorCodes.ModelRequired, "A cached content needs a model, e.g. 'gemini-2.5-flash'.", model);
            if (ttl.HasValue && expireTime.HasValue)
                throw InvalidExpiration("Give either a TTL or an expire time, not both.", ttl);
            if (displayName != null && displayName.Length > MaxDisplayNameLength)
                throw new InvalidInputException(ErrorCodes.DisplayNameTooLong,
                    $"The display name has {displayName.Length} characters; a cached content's display name has at most {MaxDisplayNameLength}.", displayName);

            var list = contents?.ToList();
            if (list != null && list.Count > 0 && string.IsNullOrEmpty(list[list.Count - 1].Role))
                list[list.Count - 1] = new Content("user", list[list.Count - 1].Parts) { AdditionalProperties = list[list.Count - 1].AdditionalProperties };

            var request = new CachedContent
            {
                Model = ModelNames.Normalize(model),
                DisplayName = string.IsNullOrEmpty(displayName) ? null : displayName,
                Contents = list == null || list.Count == 0 ? null : list,
                SystemInstruction = systemInstruction,
                Tools = tools == null || tools.Count == 0 ? null : tools.ToList(),
                ToolConfig = toolConfig,
                Ttl = ttl.HasValue ? FormatTtl(ttl.Value) : null,
                ExpireTime = expireTime.HasValue ? FormatExpireTime(expireTime.Value) : null,
            };
            return _transport.CreateCachedContentAsync(request, options ?? RequestOptions.Default, cancellationToken);
        }

        public Task<CachedContent> GetAsync(string name, RequestOptions? options = null, CancellationToken cancellationToken = default) =>
            _transport.GetCachedContentAsync(Normalize(name), options ?? RequestOptions.Default, cancellationToken);

        /// <summary>Every cached content, following all pages lazily (newest first on the service).</summary>
        public async IAsyncEnumerable<CachedContent> ListAsync(int? pageSize = null, RequestOptions? options = null,
            [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            if (pageSize.HasValue && (pageSize < 1 || pageSize > 1000))
                throw new InvalidInputException(ErrorCodes.InvalidPageSize, $"The page size {pageSize} is out of range: it is between 1 and 1000.", pageSize);
            var tokens = new PageTokens("cachedContents.list");
            string? token = null;
            do
            {
                var page = await _transport.ListCachedContentsAsync(pageSize, token, options ?? RequestOptions.Default, cancellationToken).ConfigureAwait(false);
                foreach (var cache in page.CachedContents) yield return cache;
                token = tokens.Next(page.NextPageToken);
            }
            while (!string.IsNullOrEmpty(token));
        }

        /// <summary>Moves the expiration: exactly one of <paramref name="ttl"/> (from now) and <paramref name="expireTime"/>, as the seed's <c>update()</c>.</summary>
        public Task<CachedContent> UpdateAsync(string name, TimeSpan? ttl = null, DateTimeOffset? expireTime = null,
            RequestOptions? options = null, CancellationToken cancellationToken = default)
        {
            if (ttl.HasValue == expireTime.HasValue)
                throw InvalidExpiration(ttl.HasValue
                    ? "Give either a TTL or an expire time, not both."
                    : "Only the expiration of a cached content can be updated: give a TTL or an expire time.", ttl);
            string normalized = Normalize(name);
            var update = new CachedContent
            {
                Name = normalized,
                Ttl = ttl.HasValue ? FormatTtl(ttl.Value) : null,
                ExpireTime = expireTime.HasValue ? FormatExpireTime(expireTime.Value) : null,
            };
            return _transport.UpdateCachedContentAsync(update, ttl.HasValue ? "ttl" : "expireTime", options ?? RequestOptions.Default, cancellationToken);
        }

        public Task DeleteAsync(string name, RequestOptions? options = null, CancellationToken cancellationToken = default) =>
            _transport.DeleteCachedContentAsync(Normalize(name), options ?? RequestOptions.Default, cancellationToken);

        /// <summary>A model that answers from <paramref name="cache"/> (the seed's <c>from_cached_content</c>): the cache's model name, and every request carries <c>cachedContent</c>.</summary>
        public static GenerativeModel ModelFor(CachedContent cache)
        {
            return GenerativeModel.FromCachedContent(cache);
        }

        /// <summary>A protobuf Duration, e.g. <c>300s</c> or <c>1.5s</c>; it must be positive.</summary>
        public static string FormatTtl(TimeSpan ttl)
        {
            if (ttl <= TimeSpan.Zero) throw InvalidExpiration($"The TTL must be positive, not {ttl}.", ttl);
            return ((decimal)ttl.Ticks / TimeSpan.TicksPerSecond).ToString("0.#######", CultureInfo.InvariantCulture) + "s";
        }

        /// <summary>An RFC 3339 UTC timestamp, whole seconds (the seed drops sub-seconds).</summary>
        public static string FormatExpireTime(DateTimeOffset expireTime) =>
            expireTime.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        private static string Normalize(string name)
        {
            if (string.IsNullOrWhiteSpace(name))
                throw new InvalidInputException(ErrorCodes.NameRequired, "A cached content name is required, e.g. 'cachedContents/abc123'.", name);
            return ModelNames.NormalizeCachedContent(name.Trim());
        }

        private static InvalidInputException InvalidExpiration(string message, object? input) =>
            new InvalidInputException(ErrorCodes.InvalidExpiration, message, input, "Give a TTL (a duration) or an expire time (a future date), not both.");
    }
}
