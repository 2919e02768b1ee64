using System;

namespace GenAI.Emulator.Engine.Media;

/// <summary>
/// Speech-model replies: headerless signed 16-bit little-endian mono PCM at 24 kHz, the
/// <c>audio/L16;codec=pcm;rate=24000</c> the service sends. A tone per word (0.1 s each), pitch from the voice.
/// </summary>
internal static class SpeechAudio
{
    public const int SampleRate = 24000;

    public const string MimeType = "audio/L16;codec=pcm;rate=24000";

    public static byte[] Create(int words, string? voice)
    {
        int samples = Math.Max(1, words) * SampleRate / 10;
        double frequency = 220 + (Math.Abs((voice ?? "Kore").GetHashCode(StringComparison.Ordinal)) % 12) * 20;
        var pcm = new byte[samples * 2];
        for (int i = 0; i < samples; i++)
        {
            short sample = (short)(Math.Sin(2 * Math.PI * frequency * i / SampleRate) * 8000);
            pcm[2 * i] = (byte)sample;
            pcm[(2 * i) + 1] = (byte)(sample >> 8);
        }

        return pcm;
    }
}
