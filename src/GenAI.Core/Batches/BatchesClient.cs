using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using GenAI.Core.Errors;
using GenAI.Core.Files;
using GenAI.Core.Protocol;
using GenAI.Core.Transport;

namespace GenAI.Core.Batches
{
    /// <summary>
    /// The Batch API (https://ai.google.dev/api/batch-api): create from a JSONL of requests (sent inline when small,
    /// else uploaded with the resumable protocol), get, list, cancel, delete, wait with backoff, and the results in
    /// input order: inline ones from the batch, file ones downloaded and read line by line.
    /// </summary>
    public sealed class BatchesClient
    {
        /// <summary>Auto mode sends at most this many requests inline.</summary>
        public const int InlineMaxRequests = 1000;

        /// <summary>Auto mode sends at most this many bytes inline (the service takes inline batches under 20 MB).</summary>
        public const long InlineMaxBytes = 10L * 1024 * 1024;

        /// <summary>The MIME type input files are uploaded with (the documentation's samples send it).</summary>
        public const string JsonlMimeType = "application/jsonl";

        private readonly BatchRestApi _api;
        private readonly FilesClient _files;

        internal BatchesClient(BatchRestApi api, FilesClient files)
        {
            _api = api;
            _files = files;
        }

        /// <summary>Waits between batches.get polls; replaceable in tests.</summary>
        internal Func<TimeSpan, CancellationToken, Task> Delay { get; set; } = (wait, token) => Task.Delay(wait, token);

        /// <summary>
        /// Creates a batch from the JSONL file <paramref name="jsonlPath"/> (lines <c>{"key", "request"}</c>, as
        /// <see cref="BatchInputWriter"/> writes them). Inline: the lines become <c>inputConfig.requests</c> with the key
        /// in <c>metadata.key</c>; file: the file is uploaded, awaited until ACTIVE, and named in <c>inputConfig.fileName</c>.
        /// </summary>
        public async Task<GenAIBatch> CreateAsync(string model, string jsonlPath, string displayName, BatchInputMode mode = BatchInputMode.Auto,
            BatchMethod? method = null, long? priority = null, IProgress<UploadProgress>? progress = null, RequestOptions? options = null, CancellationToken cancellationToken = default)
        {
            if (string.IsNullOrWhiteSpace(model))
                throw new InvalidInputException(ErrorCodes.ModelRequired, "A batch needs a model, e.g. 'gemini-2.5-flash'.", model);
            if (string.IsNullOrWhiteSpace(displayName))
                throw new InvalidInputException(ErrorCodes.DisplayNameRequired, "A batch needs a display name.", displayName);
            var file = new FileInfo(jsonlPath);
            if (!file.Exists)
                throw new InvalidInputException(ErrorCodes.PathNotFound, $"The batch input file '{jsonlPath}' does not exist.", jsonlPath);
            method ??= BatchMethod.GenerateContent;
            options ??= RequestOptions.Default;
            string modelName = ModelNames.Normalize(model);

            bool inline = mode == BatchInputMode.Inline || (mode == BatchInputMode.Auto && file.Length <= InlineMaxBytes && CountLines(file, InlineMaxRequests + 1) <= InlineMaxRequests);
            if (inline)
                return await _api.CreateAsync(modelName, method.Verb, body => WriteInlineBodyAsync(body, modelName, displayName, priority, file), options, cancellationToken)
                    .ConfigureAwait(false);

            var upload = new FileUploadOptions(JsonlMimeType) { DisplayName = displayName + ".jsonl" };
            var uploaded = await _files.UploadAndWaitAsync(new FileBlobSource(file.FullName, file.Length), upload, true, progress, options, cancellationToken).ConfigureAwait(false);
            string fileName = uploaded.Name ?? throw new FilesException(ErrorCodes.UploadFailed, "The uploaded batch input has no name.", uploaded);
            return await _api.CreateAsync(modelName, method.Verb, body => WriteFileBodyAsync(body, modelName, displayName, priority, fileName), options, cancellationToken)
                .ConfigureAwait(false);
        }

        public Task<GenAIBatch> GetAsync(string name, RequestOptions? options = null, CancellationToken cancellationToken = default) =>
            _api.GetAsync(BatchNames.Normalize(name), options ?? RequestOptions.Default, cancellationToken);

        /// <summary>Every batch, following all pages lazily (newest first). List items carry no inlined responses.</summary>
        public async IAsyncEnumerable<GenAIBatch> ListAsync(int? pageSize = null, RequestOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            if (pageSize.HasValue && (pageSize < 1 || pageSize > 1000))
                throw new InvalidInputException(ErrorCodes.InvalidPageSize, $"The page size {pageSize} is out of range: it is between 1 and 1000.", pageSize);
            string? token = null;
            do
            {
                var page = await _api.ListAsync(pageSize, token, options ?? RequestOptions.Default, cancellationToken).ConfigureAwait(false);
                foreach (var batch in page.Operations) yield return batch;
                token = page.NextPageToken;
            }
            while (!string.IsNullOrEmpty(token));
        }

        /// <summary>Asks the service to cancel the batch (best effort); it ends CANCELLED unless it finished first.</summary>
        public Task CancelAsync(string name, RequestOptions? options = null, CancellationToken cancellationToken = default) =>
            _api.CancelAsync(BatchNames.Normalize(name), options ?? RequestOptions.Default, cancellationToken);

        public Task DeleteAsync(string name, RequestOptions? options = null, CancellationToken cancellationToken = default) =>
            _api.DeleteAsync(BatchNames.Normalize(name), options ?? RequestOptions.Default, cancellationToken);

        /// <summary>
        /// Polls batches.get until the batch is SUCCEEDED, FAILED, CANCELLED or EXPIRED and returns it, reporting each
        /// poll. Waits <paramref name="firstInterval"/> (default 1 s) after the first poll, then 1.5 times longer each
        /// time, at most <paramref name="maxInterval"/> (default 30 s, the documentation samples' interval). A SUCCEEDED
        /// batch without output yet is polled a few more times. Past <paramref name="timeout"/>: a <see cref="BatchException"/> (WaitTimedOut).
        /// </summary>
        public async Task<GenAIBatch> WaitAsync(string name, TimeSpan? timeout = null, IProgress<GenAIBatch>? progress = null, TimeSpan? firstInterval = null,
            TimeSpan? maxInterval = null, RequestOptions? options = null, CancellationToken cancellationToken = default)
        {
            var started = DateTimeOffset.UtcNow;
            var wait = firstInterval ?? TimeSpan.FromSeconds(1);
            var longest = maxInterval ?? TimeSpan.FromSeconds(30);
            int outputPolls = 0;
            while (true)
            {
                var batch = await GetAsync(name, options, cancellationToken).ConfigureAwait(false);
                progress?.Report(batch);
                if (batch.IsTerminal && (batch.State != BatchStates.Succeeded || batch.Output != null || ++outputPolls > 3)) return batch;
                var left = timeout.HasValue ? timeout.Value - (DateTimeOffset.UtcNow - started) : TimeSpan.MaxValue;
                if (left <= TimeSpan.Zero)
                    throw new BatchException(ErrorCodes.WaitTimedOut, $"The batch {batch.Name} was still {batch.State} after {timeout!.Value.TotalSeconds:0.###} s.", batch,
                        "Wait again later with a longer timeout, or get the batch to see its state.");
                await Delay(wait < left ? wait : left, cancellationToken).ConfigureAwait(false);
                wait = TimeSpan.FromTicks(Math.Min((long)(wait.Ticks * 1.5), longest.Ticks));
            }
        }

        /// <summary>
        /// The results of a SUCCEEDED batch in input order: inline responses from the batch (fetched again when
        /// <paramref name="batch"/> came from a list), or the result file downloaded and read one line at a time. An
        /// embeddings batch (<see cref="GenAIBatch.IsEmbedding"/>) gives results with <see cref="BatchResult.Embedding"/>.
        /// </summary>
        public async IAsyncEnumerable<BatchResult> ReadResultsAsync(GenAIBatch batch, RequestOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            if (batch == null) throw new ArgumentNullException(nameof(batch));
            string name = BatchNames.Normalize(batch.Name ?? "");
            if (batch.State != BatchStates.Succeeded || (batch.Output?.ResponsesFile == null && batch.Output?.InlinedResponses == null))
                batch = await GetAsync(name, options, cancellationToken).ConfigureAwait(false);
            EnsureSucceeded(batch);
            var results = batch.IsEmbedding
                ? ReadItemsAsync(name, batch.Output!, GenAIJsonContext.Default.InlinedResponsesEmbedContentResponse, GenAIJsonContext.Default.BatchResponseItemEmbedContentResponse,
                    (index, key, item) => new BatchResult(name, index, key, item.Response, ErrorOf(item)), options ?? RequestOptions.Default, cancellationToken)
                : ReadItemsAsync(name, batch.Output!, GenAIJsonContext.Default.InlinedResponsesGenerateContentResponse, GenAIJsonContext.Default.BatchResponseItemGenerateContentResponse,
                    (index, key, item) => new BatchResult(name, index, key, item.Response, ErrorOf(item)), options ?? RequestOptions.Default, cancellationToken);
            await foreach (var result in results.ConfigureAwait(false))
                yield return result;
        }

        private async IAsyncEnumerable<BatchResult> ReadItemsAsync<TResponse>(string batchName, BatchOutput output, JsonTypeInfo<InlinedResponses<TResponse>> inlinedType,
            JsonTypeInfo<BatchResponseItem<TResponse>> lineType, Func<int, string?, BatchResponseItem<TResponse>, BatchResult> toResult, RequestOptions options,
            [EnumeratorCancellation] CancellationToken cancellationToken) where TResponse : class
        {
            if (output.ResponsesFile != null)
            {
                await foreach (var (index, item) in ReadFileAsync(output.ResponsesFile, lineType, options, cancellationToken).ConfigureAwait(false))
                    yield return toResult(index, item.Key, item);
                yield break;
            }
            var items = output.InlinedResponses!.Value.Deserialize(inlinedType)?.Items ?? new List<BatchResponseItem<TResponse>>();
            for (int i = 0; i < items.Count; i++)
                yield return toResult(i, items[i].Metadata != null && items[i].Metadata!.TryGetValue("key", out var key) && key.ValueKind == JsonValueKind.String ? key.GetString() : null, items[i]);
        }

        private async IAsyncEnumerable<(int Index, BatchResponseItem<TResponse> Item)> ReadFileAsync<TResponse>(string fileName, JsonTypeInfo<BatchResponseItem<TResponse>> lineType,
            RequestOptions options, [EnumeratorCancellation] CancellationToken cancellationToken) where TResponse : class
        {
            using var response = await _api.OpenDownloadAsync(FilesClient.NormalizeName(fileName), options, cancellationToken).ConfigureAwait(false);
            using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            using var reader = new StreamReader(stream, new UTF8Encoding(false), false, 64 * 1024);
            int index = 0;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                string? line;
                try { line = await reader.ReadLineAsync().ConfigureAwait(false); }
                catch (IOException ex) { throw new TransportException($"files.download of {fileName} failed after {index} result(s): {ex.Message}", ex); }
                if (line == null) yield break;
                if (string.IsNullOrWhiteSpace(line)) continue;
                BatchResponseItem<TResponse>? item;
                try { item = JsonSerializer.Deserialize(line, lineType); }
                catch (JsonException ex) { throw new ResponseParseException($"Line {index + 1} of the result file {fileName} could not be read: {ex.Message}", ex); }
                if (item == null) continue;
                yield return (index++, item);
            }
        }

        private static ErrorStatus? ErrorOf<TResponse>(BatchResponseItem<TResponse> item) where TResponse : class =>
            item.Error ?? item.Status ?? (item.Response == null ? new ErrorStatus { Code = 2, Message = "The batch gave no response for this request." } : null);

        private static void EnsureSucceeded(GenAIBatch batch)
        {
            switch (batch.State)
            {
                case BatchStates.Succeeded when batch.Output != null:
                    return;
                case BatchStates.Succeeded:
                    throw new BatchException(ErrorCodes.BatchOutputMissing, $"The batch {batch.Name} succeeded but has no output yet.", batch, "Wait a moment and receive it again.");
                case BatchStates.Failed:
                    throw new BatchException(ErrorCodes.BatchFailed, $"The batch {batch.Name} failed{(batch.Error?.Message != null ? ": " + batch.Error.Message : ".")} It has no results.", batch,
                        "Check the input (the batch shows its error), then start it again.");
                case BatchStates.Cancelled:
                case BatchStates.Expired:
                    throw new BatchException(ErrorCodes.BatchHasNoResults, $"The batch {batch.Name} is {batch.State}; it has no results.", batch, "Start the batch again.");
                default:
                    throw new BatchException(ErrorCodes.BatchNotFinished, $"The batch {batch.Name} is still {batch.State}; its results are not ready.", batch,
                        "Wait for the batch to finish, then receive its results.");
            }
        }

        private static int CountLines(FileInfo file, int stopAt)
        {
            int count = 0;
            using var reader = new StreamReader(file.FullName);
            string? line;
            while (count < stopAt && (line = reader.ReadLine()) != null)
                if (line.Trim().Length > 0) count++;
            return count;
        }

        private static Task WriteInlineBodyAsync(Stream body, string model, string displayName, long? priority, FileInfo file)
        {
            using var json = new Utf8JsonWriter(body);
            StartBatch(json, model, displayName, priority);
            json.WritePropertyName("inputConfig");
            json.WriteStartObject();
            json.WritePropertyName("requests");
            json.WriteStartObject();
            json.WritePropertyName("requests");
            json.WriteStartArray();
            using (var reader = new StreamReader(file.FullName))
            {
                string? line;
                int number = 0;
                while ((line = reader.ReadLine()) != null)
                {
                    number++;
                    if (line.Trim().Length == 0) continue;
                    using var document = ParseLine(line, number, file.FullName);
                    json.WriteStartObject();
                    json.WritePropertyName("request");
                    document.RootElement.GetProperty("request").WriteTo(json);
                    if (document.RootElement.TryGetProperty("key", out var key))
                    {
                        json.WritePropertyName("metadata");
                        json.WriteStartObject();
                        json.WritePropertyName("key");
                        key.WriteTo(json);
                        json.WriteEndObject();
                    }
                    json.WriteEndObject();
                }
            }
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
            return Task.CompletedTask;
        }

        private static Task WriteFileBodyAsync(Stream body, string model, string displayName, long? priority, string fileName)
        {
            using var json = new Utf8JsonWriter(body);
            StartBatch(json, model, displayName, priority);
            json.WritePropertyName("inputConfig");
            json.WriteStartObject();
            json.WriteString("fileName", fileName);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
            return Task.CompletedTask;
        }

        private static void StartBatch(Utf8JsonWriter json, string model, string displayName, long? priority)
        {
            json.WriteStartObject();
            json.WritePropertyName("batch");
            json.WriteStartObject();
            json.WriteString("displayName", displayName);
            json.WriteString("model", model);
            if (priority.HasValue) json.WriteString("priority", priority.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        private static JsonDocument ParseLine(string line, int number, string path)
        {
            try
            {
                var document = JsonDocument.Parse(line);
                if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("request", out var request) && request.ValueKind == JsonValueKind.Object)
                    return document;
                document.Dispose();
            }
            catch (JsonException)
            {
            }
            throw new InvalidInputException(ErrorCodes.InvalidBatchInput, $"Line {number} of '{path}' is not a batch request: each line is {{\"key\": \"...\", \"request\": {{...}}}}.", path,
                "Fix the line; each request is a GenerateContentRequest in JSON under \"request\".");
        }
    }
}
