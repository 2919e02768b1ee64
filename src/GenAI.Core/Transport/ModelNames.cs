using System;

namespace GenAI.Core.Transport
{
    /// <summary>The seed SDK's name normalisation (a bare name gets <c>models/</c>; https://ai.google.dev/api/models#method:-models.get).</summary>
    public static class ModelNames
    {
        /// <summary><c>gemini-pro</c> → <c>models/gemini-pro</c>; names containing '/' (tunedModels/x) are kept.</summary>
        public static string Normalize(string model)
        {
            if (string.IsNullOrWhiteSpace(model)) throw new ArgumentException("A model name is required, e.g. 'gemini-2.0-flash'.", nameof(model));
            model = model.Trim();
            return model.IndexOf('/') >= 0 ? model : "models/" + model;
        }

        public static string NormalizeCachedContent(string name) =>
            name.IndexOf("cachedContents/", StringComparison.Ordinal) >= 0 ? name : "cachedContents/" + name;

        public static string NormalizeFile(string name) => name.IndexOf('/') >= 0 ? name : "files/" + name;
    }
}
