using System;

namespace GenAI.Core.Tests.TestSupport
{
    /// <summary>
    /// A fact that needs a file its process cannot read (mode 000). Skipped, with the reason, on Windows (no Unix modes)
    /// and as root, who reads any file whatever its mode: run the tests as an ordinary user to cover it.
    /// </summary>
    public sealed class UnreadableFileFactAttribute : FactAttribute
    {
        public UnreadableFileFactAttribute()
        {
            if (OperatingSystem.IsWindows()) Skip = "Windows has no Unix file modes to make a file unreadable.";
            else if (Environment.UserName == "root") Skip = "Running as root, which can read a file whatever its mode: run the tests as an ordinary user to cover this.";
        }
    }
}
