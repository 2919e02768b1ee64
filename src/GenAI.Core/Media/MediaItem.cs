using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using GenAI.Core.Errors;
using GenAI.Core.Protocol;

namespace GenAI.Core.Media
{
    /// <summary>
    /// One media file a reply holds: the bytes of an inline-data part (raw PCM speech already wrapped as
    /// WAV, consecutive PCM parts of one candidate joined), with a name from the response id and part index.
    /// </summary>
    public sealed class MediaItem
    {
        private MediaItem(string name, string mimeType, byte[] data)
        {
            Name = name;
            MimeType = mimeType;
            Data = data;
        }

        /// <summary>Suggested file name without folder: <c>{responseId}-{partIndex}.png</c> (candidate index added after the first).</summary>
        public string Name { get; }

        /// <summary>The MIME type the service gave (for PCM, the original audio/L16 type).</summary>
        public string MimeType { get; }

        /// <summary>The bytes to write.</summary>
        public byte[] Data { get; }

        /// <summary>The media of every candidate of <paramref name="response"/>.</summary>
        public static List<MediaItem> From(GenerateContentResponse response, bool includeThoughts)
        {
            var items = new List<MediaItem>();
            string stem = Stem(response.ResponseId);
            foreach (var candidate in response.Candidates ?? new List<Candidate>())
                items.AddRange(From(candidate, stem, includeThoughts));
            return items;
        }

        /// <summary>The media of one candidate; <paramref name="stem"/> is the name's start (the response id).</summary>
        public static List<MediaItem> From(Candidate candidate, string? stem, bool includeThoughts)
        {
            int index = candidate.Index ?? 0;
            return FromParts(candidate.Content?.Parts ?? new List<Part>(), Stem(stem) + (index > 0 ? "-" + index : ""), includeThoughts);
        }

        /// <summary>The media of a list of parts, named <c>{stem}-{partIndex}</c>.</summary>
        public static List<MediaItem> FromParts(IReadOnlyList<Part> parts, string stem, bool includeThoughts)
        {
            var items = new List<MediaItem>();
            for (int i = 0; i < parts.Count; i++)
            {
                var blob = parts[i].InlineData;
                if (blob == null || (parts[i].Thought == true && !includeThoughts)) continue;
                var pcm = PcmFormat.TryParse(blob.MimeType);
                byte[] data = Decode(blob);
                int first = i;
                if (pcm != null)
                {
                    // A streamed speech reply may arrive as several PCM parts: one recording.
                    var joined = new MemoryStream();
                    joined.Write(data, 0, data.Length);
                    while (i + 1 < parts.Count && parts[i + 1].InlineData is Blob next && string.Equals(next.MimeType, blob.MimeType, StringComparison.OrdinalIgnoreCase)
                        && (parts[i + 1].Thought == true) == (parts[first].Thought == true))
                    {
                        byte[] more = Decode(next);
                        joined.Write(more, 0, more.Length);
                        i++;
                    }
                    data = joined.ToArray();
                    if (!WaveFile.IsWave(data))
                    {
                        var wave = new MemoryStream(data.Length + WaveFile.HeaderLength);
                        WaveFile.Write(wave, pcm, data);
                        data = wave.ToArray();
                    }
                }
                items.Add(new MediaItem($"{stem}-{first}{MediaExtensions.For(blob.MimeType)}", blob.MimeType ?? "application/octet-stream", data));
            }
            return items;
        }

        private static string Stem(string? responseId)
        {
            if (string.IsNullOrEmpty(responseId)) return "genai";
            var invalid = Path.GetInvalidFileNameChars();
            return new string(responseId!.Select(c => Array.IndexOf(invalid, c) >= 0 ? '_' : c).ToArray());
        }

        /// <summary>The bytes of a blob; proto3 JSON also allows URL-safe base64 without padding.</summary>
        public static byte[] Decode(Blob blob)
        {
            if (blob.Source != null) return Convert.FromBase64String(blob.Data ?? "");
            string text = (blob.Data ?? "").Replace('-', '+').Replace('_', '/').Trim();
            int pad = text.Length % 4;
            if (pad != 0) text += new string('=', 4 - pad);
            try
            {
                return Convert.FromBase64String(text);
            }
            catch (FormatException ex)
            {
                throw new InvalidInputException(ErrorCodes.InvalidMediaData, $"The {blob.MimeType} part's data is not base64.", blob, "The reply is damaged; ask again.", ex);
            }
        }
    }
}
