using System;
using System.Collections.Generic;
using GenAI.Core.Input;

namespace GenAI.Core.Media
{
    /// <summary>The file extension for a MIME type of generated media (raw PCM is saved as .wav).</summary>
    public static class MediaExtensions
    {
        private static readonly Dictionary<string, string> s_preferred = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["image/png"] = ".png", ["image/jpeg"] = ".jpg", ["image/webp"] = ".webp", ["image/gif"] = ".gif", ["image/heic"] = ".heic",
            ["audio/wav"] = ".wav", ["audio/x-wav"] = ".wav", ["audio/mpeg"] = ".mp3", ["audio/mp3"] = ".mp3", ["audio/ogg"] = ".ogg",
            ["audio/flac"] = ".flac", ["video/mp4"] = ".mp4", ["application/pdf"] = ".pdf", ["text/plain"] = ".txt", ["application/json"] = ".json",
        };

        public static string For(string? mimeType)
        {
            if (string.IsNullOrEmpty(mimeType)) return ".bin";
            if (PcmFormat.TryParse(mimeType) != null) return ".wav";
            string type = mimeType!.Split(';')[0].Trim();
            if (s_preferred.TryGetValue(type, out var extension)) return extension;
            foreach (var pair in MimeTypes.All)
                if (string.Equals(pair.Value, type, StringComparison.OrdinalIgnoreCase)) return pair.Key;
            return ".bin";
        }
    }
}
