using System;
using System.IO;
using System.Text;

namespace GenAI.Core.Media
{
    /// <summary>Wraps headerless PCM in the canonical 44-byte RIFF/WAVE header, so players can open it.</summary>
    public static class WaveFile
    {
        public const int HeaderLength = 44;

        /// <summary>Writes the header for <paramref name="dataLength"/> bytes of <paramref name="format"/> audio, then the data.</summary>
        public static void Write(Stream output, PcmFormat format, ReadOnlySpan<byte> pcm)
        {
            if (output == null) throw new ArgumentNullException(nameof(output));
            if (format == null) throw new ArgumentNullException(nameof(format));
            // RIFF chunks are word-aligned: an odd data length gets a pad byte after the data (not counted in its size).
            bool pad = (pcm.Length & 1) == 1;
            var header = new byte[HeaderLength];
            Ascii(header, 0, "RIFF");
            Int32(header, 4, 36 + pcm.Length + (pad ? 1 : 0));
            Ascii(header, 8, "WAVE");
            Ascii(header, 12, "fmt ");
            Int32(header, 16, 16);
            Int16(header, 20, 1);
            Int16(header, 22, format.Channels);
            Int32(header, 24, format.SampleRate);
            Int32(header, 28, format.ByteRate);
            Int16(header, 32, format.BlockAlign);
            Int16(header, 34, format.BitsPerSample);
            Ascii(header, 36, "data");
            Int32(header, 40, pcm.Length);
            output.Write(header, 0, header.Length);
            output.Write(pcm.ToArray(), 0, pcm.Length);
            if (pad) output.WriteByte(0);
        }

        /// <summary>Whether <paramref name="data"/> already starts with a RIFF/WAVE header (some models send WAV).</summary>
        public static bool IsWave(ReadOnlySpan<byte> data) =>
            data.Length >= 12 && data[0] == 'R' && data[1] == 'I' && data[2] == 'F' && data[3] == 'F' && data[8] == 'W' && data[9] == 'A' && data[10] == 'V' && data[11] == 'E';

        private static void Ascii(byte[] buffer, int offset, string text) => Encoding.ASCII.GetBytes(text, 0, 4, buffer, offset);

        private static void Int32(byte[] buffer, int offset, int value)
        {
            buffer[offset] = (byte)value;
            buffer[offset + 1] = (byte)(value >> 8);
            buffer[offset + 2] = (byte)(value >> 16);
            buffer[offset + 3] = (byte)(value >> 24);
        }

        private static void Int16(byte[] buffer, int offset, int value)
        {
            buffer[offset] = (byte)value;
            buffer[offset + 1] = (byte)(value >> 8);
        }
    }
}
