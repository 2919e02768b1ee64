using System;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace GenAI.Emulator.Engine.Media;

/// <summary>
/// A small, valid PNG for image-model replies: a gradient whose colour follows the prompt, sized by the
/// requested aspect ratio (long side 64 px per "K" of imageSize, so tests stay fast). Deterministic.
/// </summary>
internal static class PngImage
{
    private static readonly uint[] s_crcTable = BuildCrcTable();

    public static (int Width, int Height) Size(string aspectRatio, string imageSize)
    {
        int longSide = imageSize switch { "2K" => 128, "4K" => 256, "512" => 32, _ => 64 };
        string[] sides = aspectRatio.Split(':');
        double w = double.Parse(sides[0], System.Globalization.CultureInfo.InvariantCulture), h = double.Parse(sides[1], System.Globalization.CultureInfo.InvariantCulture);
        return w >= h
            ? (longSide, Math.Max(1, (int)Math.Round(longSide * h / w)))
            : (Math.Max(1, (int)Math.Round(longSide * w / h)), longSide);
    }

    public static byte[] Create(int width, int height, int seed)
    {
        byte r = (byte)(seed * 37), g = (byte)(seed * 91 + 64), b = (byte)(seed * 53 + 128);
        var raw = new byte[height * (1 + width * 3)];
        int offset = 0;
        for (int y = 0; y < height; y++)
        {
            raw[offset++] = 0; // filter: none
            for (int x = 0; x < width; x++)
            {
                raw[offset++] = (byte)(r + x * 255 / Math.Max(1, width));
                raw[offset++] = (byte)(g + y * 255 / Math.Max(1, height));
                raw[offset++] = b;
            }
        }

        var png = new MemoryStream();
        png.Write(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A });
        var header = new byte[13];
        BigEndian(header, 0, (uint)width);
        BigEndian(header, 4, (uint)height);
        header[8] = 8;  // bit depth
        header[9] = 2;  // colour type: truecolour
        WriteChunk(png, "IHDR", header);
        var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            zlib.Write(raw);
        }

        WriteChunk(png, "IDAT", compressed.ToArray());
        WriteChunk(png, "IEND", Array.Empty<byte>());
        return png.ToArray();
    }

    private static void WriteChunk(Stream output, string type, byte[] data)
    {
        var length = new byte[4];
        BigEndian(length, 0, (uint)data.Length);
        output.Write(length);
        byte[] typeBytes = Encoding.ASCII.GetBytes(type);
        output.Write(typeBytes);
        output.Write(data);
        uint crc = Crc(Crc(0xFFFFFFFF, typeBytes), data) ^ 0xFFFFFFFF;
        var crcBytes = new byte[4];
        BigEndian(crcBytes, 0, crc);
        output.Write(crcBytes);
    }

    private static uint Crc(uint crc, byte[] data)
    {
        foreach (byte value in data)
        {
            crc = s_crcTable[(crc ^ value) & 0xFF] ^ (crc >> 8);
        }

        return crc;
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }

    private static void BigEndian(byte[] buffer, int offset, uint value)
    {
        buffer[offset] = (byte)(value >> 24);
        buffer[offset + 1] = (byte)(value >> 16);
        buffer[offset + 2] = (byte)(value >> 8);
        buffer[offset + 3] = (byte)value;
    }
}
