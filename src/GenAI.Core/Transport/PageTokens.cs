using System.Collections.Generic;
using GenAI.Core.Errors;

namespace GenAI.Core.Transport
{
    /// <summary>Follows list pages' tokens, and stops a server that hands out one it already gave (it would loop for ever).</summary>
    internal sealed class PageTokens
    {
        private readonly HashSet<string> _seen = new HashSet<string>(System.StringComparer.Ordinal);
        private readonly string _operation;

        public PageTokens(string operation) { _operation = operation; }

        /// <summary>The token of the next page; null when this was the last page.</summary>
        public string? Next(string? token)
        {
            if (string.IsNullOrEmpty(token)) return null;
            if (!_seen.Add(token!))
                throw new ResponseParseException($"{_operation} returned a page token it had already returned; paging stopped after {_seen.Count} page(s) so that it does not loop for ever.");
            return token;
        }
    }
}
