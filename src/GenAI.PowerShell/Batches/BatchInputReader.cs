using System;
using System.IO;
using System.Text.Json;
using GenAI.Core.Batches;
using GenAI.Core.Protocol;

namespace GenAI.PowerShell.Batches
{
    /// <summary>
    /// Reads a batch's input JSONL alongside its results (both are in input order), one line at a time, and gives each
    /// result the request with the same key. A line whose key does not match leaves the result without its input.
    /// </summary>
    internal sealed class BatchInputReader : IDisposable
    {
        private readonly StreamReader? _reader;

        public BatchInputReader(string? path)
        {
            if (path == null) return;
            try { _reader = new StreamReader(path); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }

        public void Attach(BatchResult result)
        {
            if (_reader == null) return;
            string? line;
            while ((line = _reader.ReadLine()) != null && line.Trim().Length == 0) { }
            if (line == null) return;
            try
            {
                using var document = JsonDocument.Parse(line);
                var root = document.RootElement;
                string? key = root.TryGetProperty("key", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null;
                if (key != result.Key || !root.TryGetProperty("request", out var request)) return;
                result.Input = result.IsEmbedding
                    ? request.Deserialize(GenAIJsonContext.Default.EmbedContentRequest)
                    : (object?)request.Deserialize(GenAIJsonContext.Default.GenerateContentRequest);
            }
            catch (JsonException) { }
        }

        public void Dispose() => _reader?.Dispose();
    }
}
