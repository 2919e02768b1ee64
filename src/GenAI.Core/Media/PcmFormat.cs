using System;
using System.Globalization;

namespace GenAI.Core.Media
{
    /// <summary>
    /// The layout of headerless PCM audio named by a MIME type such as <c>audio/L16;codec=pcm;rate=24000</c>,
    /// as speech models return it (https://ai.google.dev/gemini-api/docs/speech-generation): signed 16-bit
    /// little-endian samples, mono unless <c>channels=</c> says otherwise, at <c>rate=</c> (24 kHz by default).
    /// The docs decode it as little-endian (<c>ffmpeg -f s16le</c>), so no byte swapping is done despite RFC 2586.
    /// </summary>
    public sealed class PcmFormat
    {
        public const int DefaultSampleRate = 24000;

        private PcmFormat(int sampleRate, int channels, int bitsPerSample)
        {
            SampleRate = sampleRate;
            Channels = channels;
            BitsPerSample = bitsPerSample;
        }

        public int SampleRate { get; }

        public int Channels { get; }

        public int BitsPerSample { get; }

        public int BlockAlign => Channels * BitsPerSample / 8;

        public int ByteRate => SampleRate * BlockAlign;

        /// <summary>The format of <paramref name="mimeType"/> when it names raw PCM (audio/L16, audio/L8, audio/pcm); null otherwise.</summary>
        public static PcmFormat? TryParse(string? mimeType)
        {
            if (string.IsNullOrWhiteSpace(mimeType)) return null;
            string[] pieces = mimeType!.Split(';');
            string type = pieces[0].Trim().ToLowerInvariant();
            int bits;
            switch (type)
            {
                case "audio/l16": case "audio/pcm": case "audio/x-pcm": case "audio/s16le": bits = 16; break;
                case "audio/l8": bits = 8; break;
                case "audio/l24": bits = 24; break;
                default: return null;
            }
            int rate = DefaultSampleRate, channels = 1;
            for (int i = 1; i < pieces.Length; i++)
            {
                int equals = pieces[i].IndexOf('=');
                if (equals < 0) continue;
                string name = pieces[i].Substring(0, equals).Trim().ToLowerInvariant();
                string value = pieces[i].Substring(equals + 1).Trim().Trim('"');
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int number) || number <= 0) continue;
                if (name == "rate") rate = number;
                else if (name == "channels") channels = number;
            }
            return new PcmFormat(rate, channels, bits);
        }

        public override string ToString() =>
            string.Format(CultureInfo.InvariantCulture, "{0} Hz, {1} channel(s), {2}-bit PCM", SampleRate, Channels, BitsPerSample);
    }
}
