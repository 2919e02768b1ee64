using System;
using System.Runtime.InteropServices;

namespace GenAI.PowerShell.Loading
{
    /// <summary>
    /// Which build of GenAI.Core (and of its dependencies) this PowerShell loads: <c>bin/net8.0</c> on PowerShell 7, in the
    /// module's own load context; <c>bin/netstandard2.0</c> on Windows PowerShell 5.1. The cmdlet assembly is the same for
    /// both. <c>GENAI_POWERSHELL_EDITION=netstandard2.0</c> makes PowerShell 7 load the Windows PowerShell build, for testing
    /// (./build.ps1 test runs the Smoke-tagged Pester tests that way); it is read at import only.
    /// </summary>
    internal sealed class CoreBuild
    {
        public const string EditionVariable = "GENAI_POWERSHELL_EDITION";
        public const string Net8 = "net8.0";
        public const string NetStandard = "netstandard2.0";

        private CoreBuild(string folder, bool isolated)
        {
            Folder = folder;
            Isolated = isolated;
        }

        /// <summary>The folder under bin/ that holds this build.</summary>
        public string Folder { get; }

        /// <summary>True when the build loads into the module's own AssemblyLoadContext (the net8.0 build, PowerShell 7).</summary>
        public bool Isolated { get; }

        public static bool IsWindowsPowerShell { get; } = RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);

        /// <summary>The build for this process; an unknown or impossible <see cref="EditionVariable"/> is an error that says what to set.</summary>
        public static CoreBuild Select(string? requested)
        {
            if (string.IsNullOrEmpty(requested)) return IsWindowsPowerShell ? new CoreBuild(NetStandard, false) : new CoreBuild(Net8, true);
            if (requested == NetStandard) return new CoreBuild(NetStandard, false);
            if (requested != Net8)
                throw new InvalidOperationException($"{EditionVariable} is '{requested}': set it to {Net8} or {NetStandard}, or remove it to load the build made for this PowerShell.");
            if (IsWindowsPowerShell)
                throw new InvalidOperationException($"{EditionVariable} is {Net8}, which needs PowerShell 7 or later: remove it to load the {NetStandard} build on Windows PowerShell.");
            return new CoreBuild(Net8, true);
        }
    }
}
