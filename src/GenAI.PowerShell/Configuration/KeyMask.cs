using System;
using System.Security.Cryptography;
using System.Text;

namespace GenAI.PowerShell.Configuration
{
    /// <summary>Keeps the API key out of anything a user can see or save.</summary>
    internal static class KeyMask
    {
        public static string Mask(string? key)
        {
            if (string.IsNullOrEmpty(key)) return "(not set)";
            return key!.Length <= 8 ? new string('*', key.Length) : new string('*', 8) + key.Substring(key.Length - 4);
        }

        /// <summary>A one-way fingerprint, so a changed key is noticed without keeping the key around.</summary>
        public static string Fingerprint(string key)
        {
            using var sha = SHA256.Create();
            return Convert.ToBase64String(sha.ComputeHash(Encoding.UTF8.GetBytes(key)));
        }

        /// <summary>Replaces every occurrence of the key in JSON text, as written or as escaped inside a JSON string.</summary>
        public static string RedactJson(string json, string? key)
        {
            if (string.IsNullOrEmpty(key) || string.IsNullOrEmpty(json)) return json;
            string escaped = System.Text.Json.JsonSerializer.Serialize(key).Trim('"');
            return json.Replace(escaped, "***").Replace(key, "***");
        }

        /// <summary>Replaces every occurrence of the key in <paramref name="text"/>.</summary>
        public static string Redact(string text, string? key)
        {
            if (string.IsNullOrEmpty(key) || string.IsNullOrEmpty(text)) return text;
            return text.Replace(key, "***");
        }
    }
}
