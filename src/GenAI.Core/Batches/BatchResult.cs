using System.Linq;
using GenAI.Core.Errors;
using GenAI.Core.Protocol;

namespace GenAI.Core.Batches
{
    /// <summary>The outcome of one request of a batch: its position, key, and the reply or the error.</summary>
    public sealed class BatchResult
    {
        public BatchResult(string batchName, int index, string? key, GenerateContentResponse? response, ErrorStatus? error)
        {
            BatchName = batchName;
            Index = index;
            Key = key;
            Response = response;
            Error = error;
        }

        /// <summary>The outcome of one request of an embeddings batch.</summary>
        public BatchResult(string batchName, int index, string? key, EmbedContentResponse? embedding, ErrorStatus? error)
            : this(batchName, index, key, (GenerateContentResponse?)null, error)
        {
            Embedding = embedding;
            IsEmbedding = true;
        }

        public string BatchName { get; }

        /// <summary>The request's position in the batch, from 0.</summary>
        public int Index { get; }

        /// <summary>The request's key: its position from 1 unless the input gave one.</summary>
        public string? Key { get; }

        public GenerateContentResponse? Response { get; }

        /// <summary>The embedding, for a request of an embeddings batch.</summary>
        public EmbedContentResponse? Embedding { get; }

        /// <summary>True when the result comes from an embeddings batch (its request is an EmbedContentRequest).</summary>
        public bool IsEmbedding { get; }

        public ErrorStatus? Error { get; }

        /// <summary>The request as sent (attached by the front end when the batch's input is at hand); null otherwise.</summary>
        public object? Input { get; set; }

        public bool Succeeded => Error == null && (Response != null || Embedding?.Embedding != null);

        /// <summary>The reply's text (first candidate, thoughts left out), or null.</summary>
        public string? Text => Response?.Candidates?.FirstOrDefault()?.Content?.Parts
            .Where(p => p.Text != null && p.Thought != true).Select(p => p.Text).DefaultIfEmpty(null).Aggregate((a, b) => a + b);

        /// <summary>The request's failure as the typed error an interactive call would have raised.</summary>
        public GenAIException ToException()
        {
            var status = Error ?? new ErrorStatus { Code = 2, Message = "The batch gave no response for this request." };
            var (http, name) = CanonicalCodes.ToHttp(status.Code);
            string message = status.Message ?? name;
            return new ApiException(http, status.Status ?? name, $"Request '{Key ?? (Index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)}' of {BatchName} failed: {message}",
                details: status.Details);
        }

        public override string ToString() => Text ?? (Embedding?.Embedding != null ? $"[{Embedding.Embedding.Values.Length}]" : null) ?? Error?.Message ?? "";
    }

    /// <summary>google.rpc.Code numbers (what batch results carry) to the HTTP status and name an interactive call would get.</summary>
    public static class CanonicalCodes
    {
        public static (int Http, string Name) ToHttp(int code) => code switch
        {
            1 => (499, "CANCELLED"),
            3 => (400, "INVALID_ARGUMENT"),
            4 => (504, "DEADLINE_EXCEEDED"),
            5 => (404, "NOT_FOUND"),
            6 => (409, "ALREADY_EXISTS"),
            7 => (403, "PERMISSION_DENIED"),
            8 => (429, "RESOURCE_EXHAUSTED"),
            9 => (400, "FAILED_PRECONDITION"),
            10 => (409, "ABORTED"),
            11 => (400, "OUT_OF_RANGE"),
            12 => (501, "UNIMPLEMENTED"),
            13 => (500, "INTERNAL"),
            14 => (503, "UNAVAILABLE"),
            15 => (500, "DATA_LOSS"),
            16 => (401, "UNAUTHENTICATED"),
            _ => (500, "UNKNOWN"),
        };
    }
}
