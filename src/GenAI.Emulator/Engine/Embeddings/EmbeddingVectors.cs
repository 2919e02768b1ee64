using System;
using System.Collections.Generic;
using System.Globalization;

namespace GenAI.Emulator.Engine.Embeddings;

/// <summary>
/// Deterministic stand-ins for embedding vectors: each word of the text (and of the title and task type,
/// which shift the vector a little) adds a pseudo-random direction seeded by the word, so equal texts get
/// equal vectors and texts that share words point in similar directions. Like the service, the full-size
/// vector has length 1 and a shorter one (outputDimensionality) is its first values, not normalised again.
/// </summary>
internal static class EmbeddingVectors
{
    public static float[] For(string text, string? taskType, string? title, int fullSize, int? outputDimensionality)
    {
        var full = new double[fullSize];
        foreach (string word in Words(text)) Add(full, word, 1.0);
        if (title is not null) foreach (string word in Words(title)) Add(full, word, 0.25);
        if (taskType is not null) Add(full, "task:" + taskType, 0.1);

        double length = 0;
        foreach (double v in full) length += v * v;
        length = Math.Sqrt(length);
        int size = Math.Min(fullSize, outputDimensionality ?? fullSize);
        var values = new float[size];
        for (int i = 0; i < size; i++) values[i] = length == 0 ? 0f : (float)(full[i] / length);
        return values;
    }

    private static IEnumerable<string> Words(string text)
    {
        int start = -1;
        for (int i = 0; i <= text.Length; i++)
        {
            bool letter = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (letter && start < 0) start = i;
            else if (!letter && start >= 0)
            {
                yield return text[start..i].ToLower(CultureInfo.InvariantCulture);
                start = -1;
            }
        }
    }

    private static void Add(double[] vector, string word, double weight)
    {
        ulong state = Fnv1a(word) | 1;
        for (int i = 0; i < vector.Length; i++)
        {
            // xorshift64*: cheap, deterministic across platforms and runs.
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            ulong next = state * 0x2545F4914F6CDD1DUL;
            vector[i] += weight * ((next >> 11) * (1.0 / (1UL << 53)) * 2 - 1);
        }
    }

    private static ulong Fnv1a(string text)
    {
        ulong hash = 14695981039346656037UL;
        foreach (char c in text)
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }

        return hash;
    }
}
