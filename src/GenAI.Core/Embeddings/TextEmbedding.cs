namespace GenAI.Core.Embeddings
{
    /// <summary>The embedding of one input, with the input it came from so results join back to their sources.</summary>
    public sealed class TextEmbedding
    {
        public TextEmbedding(float[] values, object? inputObject, string? path, string model, int index)
        {
            Values = values;
            InputObject = inputObject;
            Path = path;
            Model = model;
            Index = index;
        }

        /// <summary>The vector.</summary>
        public float[] Values { get; }

        /// <summary>How many values the vector has.</summary>
        public int Dimensions => Values.Length;

        /// <summary>The input as given (a string, a file).</summary>
        public object? InputObject { get; }

        /// <summary>The full path of the file the text was read from; null for text input.</summary>
        public string? Path { get; }

        /// <summary>The model that made the vector (<c>models/{id}</c>).</summary>
        public string Model { get; }

        /// <summary>The input's position, from 0.</summary>
        public int Index { get; }

        public override string ToString() => $"[{Dimensions}]";
    }
}
