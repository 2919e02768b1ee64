using System;
using System.Linq;
using System.Text;

namespace GenAI.Core.Input
{
    /// <summary>
    /// API field names as users type them: the service's lowerCamel (<c>maxOutputTokens</c>), proto
    /// snake_case (<c>max_output_tokens</c>) and PowerShell's PascalCase (<c>MaxOutputTokens</c>) are one name.
    /// </summary>
    internal static class FieldNames
    {
        /// <summary>snake_case, PascalCase or camelCase → lowerCamel.</summary>
        public static string ToCamel(string name)
        {
            if (string.IsNullOrEmpty(name)) return name;
            var words = name.Split(new[] { '_', '-' }, StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0) return name;
            var result = new StringBuilder(name.Length);
            for (int i = 0; i < words.Length; i++)
            {
                string word = words[i];
                result.Append(i == 0 ? char.ToLowerInvariant(word[0]) : char.ToUpperInvariant(word[0]));
                result.Append(word, 1, word.Length - 1);
            }
            return result.ToString();
        }

        /// <summary>The comparison key: letters and digits only, lower case ("top_k", "TopK" and "topK" are equal).</summary>
        public static string Squash(string name) =>
            new string((name ?? "").Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

        /// <summary>The known name <paramref name="name"/> stands for, else its lowerCamel form.</summary>
        public static string Resolve(string name, System.Collections.Generic.IEnumerable<string> known)
        {
            string key = Squash(name);
            foreach (var candidate in known)
                if (Squash(candidate) == key) return candidate;
            return ToCamel(name);
        }
    }
}
