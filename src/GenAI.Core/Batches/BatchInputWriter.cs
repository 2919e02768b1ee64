using System;
using System.Globalization;
using System.IO;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace GenAI.Core.Batches
{
    /// <summary>
    /// Writes a batch's requests as JSONL, one <c>{"key": "...", "request": {...}}</c> line each, straight to a file:
    /// only one request is in memory at a time, whatever the batch's size. The file is the batch's input whether it
    /// is then sent inline (small batches) or uploaded, and stays the local record of what was asked.
    /// </summary>
    public sealed class BatchInputWriter : IDisposable
    {
        private readonly FileStream _file;
        private readonly Utf8JsonWriter _json;
        private bool _completed;

        public BatchInputWriter(string path)
        {
            Path = path ?? throw new ArgumentNullException(nameof(path));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
            _file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 64 * 1024);
            _json = new Utf8JsonWriter(_file, new JsonWriterOptions { SkipValidation = true });
        }

        public string Path { get; }

        /// <summary>Requests written so far.</summary>
        public int Count { get; private set; }

        /// <summary>Bytes written so far (after <see cref="Complete"/>: the file's length).</summary>
        public long Bytes { get; private set; }

        /// <summary>Writes one request; <paramref name="key"/> defaults to its position from 1. Returns the key used.</summary>
        public string Add<TRequest>(string? key, TRequest request, JsonTypeInfo<TRequest> type)
        {
            if (_completed) throw new InvalidOperationException("The batch input is complete.");
            Count++;
            key = string.IsNullOrEmpty(key) ? Count.ToString(CultureInfo.InvariantCulture) : key;
            _json.Reset();
            _json.WriteStartObject();
            _json.WriteString("key", key);
            _json.WritePropertyName("request");
            JsonSerializer.Serialize(_json, request, type);
            _json.WriteEndObject();
            _json.Flush();
            _file.WriteByte((byte)'\n');
            Bytes = _file.Position;
            return key!;
        }

        /// <summary>Flushes and closes the file.</summary>
        public void Complete()
        {
            if (_completed) return;
            _completed = true;
            _json.Flush();
            _file.Flush();
            _json.Dispose();
            _file.Dispose();
        }

        public void Dispose() => Complete();
    }
}
