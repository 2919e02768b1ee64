using System;

namespace GenAI.Core.Embeddings
{
    /// <summary>
    /// Vector arithmetic for embeddings. The service normalises only full-size vectors; a truncated one
    /// (outputDimensionality below the full size) comes back as is and must be normalised before cosine
    /// similarity by dot product (https://ai.google.dev/gemini-api/docs/embeddings).
    /// </summary>
    public static class EmbeddingVector
    {
        /// <summary>The Euclidean (L2) length.</summary>
        public static double Length(float[] values)
        {
            if (values == null) throw new ArgumentNullException(nameof(values));
            double sum = 0;
            foreach (float v in values) sum += (double)v * v;
            return Math.Sqrt(sum);
        }

        /// <summary>A copy scaled to length 1; an all-zero vector is returned as a copy unchanged.</summary>
        public static float[] Normalize(float[] values)
        {
            double length = Length(values);
            var result = new float[values.Length];
            if (length == 0)
            {
                Array.Copy(values, result, values.Length);
                return result;
            }
            for (int i = 0; i < values.Length; i++) result[i] = (float)(values[i] / length);
            return result;
        }
    }
}
