using GenAI.Core.Errors;
namespace GenAI.Core.Batches
{
    /// <summary>The wire values of <c>metadata.state</c>. Unknown values are kept as they are and treated as not finished.</summary>
    public static class BatchStates
    {
        public const string Unspecified = "BATCH_STATE_UNSPECIFIED";
        public const string Pending = "BATCH_STATE_PENDING";
        public const string Running = "BATCH_STATE_RUNNING";
        public const string Succeeded = "BATCH_STATE_SUCCEEDED";
        public const string Failed = "BATCH_STATE_FAILED";
        public const string Cancelled = "BATCH_STATE_CANCELLED";
        public const string Expired = "BATCH_STATE_EXPIRED";

        public static bool IsTerminal(string? state) => state == Succeeded || state == Failed || state == Cancelled || state == Expired;
    }

    /// <summary>Batch names: <c>abc</c> or <c>batches/abc</c> (or a longer name ending in it) → <c>batches/abc</c>.</summary>
    public static class BatchNames
    {
        public static string Normalize(string name)
        {
            if (string.IsNullOrWhiteSpace(name))
                throw new Errors.InvalidInputException(ErrorCodes.NameRequired, "A batch name is required, e.g. 'batches/abc123'.", name);
            name = name.Trim();
            int at = name.LastIndexOf("batches/", System.StringComparison.Ordinal);
            string id = at >= 0 ? name.Substring(at + "batches/".Length) : name;
            if (id.Length == 0 || id.IndexOf('/') >= 0 || id.IndexOf(':') >= 0 || id.IndexOf('?') >= 0)
                throw new Errors.InvalidInputException(ErrorCodes.InvalidBatchName, $"'{name}' is not a batch name; a batch name looks like 'batches/abc123'.", name,
                    "Pass the name of a batch as the service lists it, or the batch object itself.");
            return "batches/" + id;
        }

        public static string Id(string name) => name.StartsWith("batches/", System.StringComparison.Ordinal) ? name.Substring("batches/".Length) : name;
    }
}
