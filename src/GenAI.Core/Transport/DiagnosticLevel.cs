namespace GenAI.Core.Transport
{
    /// <summary>How detailed a diagnostic message is (see <see cref="RequestOptions.Log"/>).</summary>
    public enum DiagnosticLevel
    {
        /// <summary>What a user running with -Verbose wants to know: retries, waits, give-ups.</summary>
        Info,

        /// <summary>Wire details: request lines, allow-listed headers, status codes, stream chunks.</summary>
        Debug,
    }
}
