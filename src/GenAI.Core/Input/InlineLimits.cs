namespace GenAI.Core.Input
{
    /// <summary>How much a request may carry inline.</summary>
    public static class InlineLimits
    {
        /// <summary>
        /// The service's request size limit (20 MiB; its error reads "Request payload size exceeds the
        /// limit: 20971520 bytes"). Inline data counts with its base64 size (4/3 of the bytes).
        /// </summary>
        public const long MaxRequestBytes = 20L * 1024 * 1024;

        /// <summary>The size of <paramref name="bytes"/> bytes once base64 encoded.</summary>
        public static long Base64Length(long bytes) => (bytes + 2) / 3 * 4;
    }
}
