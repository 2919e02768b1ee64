namespace GenAI.PowerShell.KeyHandlers
{
    /// <summary>What a GenAI key handler does with the command line.</summary>
    public enum KeyHandlerMode
    {
        /// <summary>Prints an explanation of the command line; the line stays as it is.</summary>
        Explain,

        /// <summary>Replaces the command line (or, when it is empty, the last command) with a corrected one, given the last error.</summary>
        Fix,

        /// <summary>Replaces a partial command line, or a description in words, with a complete command line.</summary>
        Complete,
    }
}
