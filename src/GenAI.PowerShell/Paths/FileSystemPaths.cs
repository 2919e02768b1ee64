using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using GenAI.Core.Errors;
using GenAI.PowerShell.Errors;

namespace GenAI.PowerShell.Paths
{
    /// <summary>
    /// PowerShell paths (relative to the current location, on any drive) to file-system paths, with one set of
    /// errors for every cmdlet: a path on another provider (Env:, Variable:, HKLM:) is NotAFileSystemPath, one
    /// that cannot be found PathNotFound, one that cannot be read FileAccessDenied, a malformed one InvalidPath.
    /// Each is an <see cref="InvalidInputException"/> whose target is the path as given.
    /// </summary>
    internal static class FileSystemPaths
    {
        /// <summary>The file-system path of <paramref name="given"/>, taken literally; the item need not exist (a file to write, a -LiteralPath).</summary>
        /// <param name="purpose">Why it must be a file, ending the provider error: "only files can be sent", "a chat session is read from a file".</param>
        public static string Unresolved(PathIntrinsics paths, string given, string purpose) => Resolve(given, purpose, () =>
        {
            string path = paths.GetUnresolvedProviderPathFromPSPath(given, out ProviderInfo provider, out _);
            return (new[] { path }, provider);
        })[0];

        /// <summary>The existing items <paramref name="pattern"/> names, wildcards expanded (files and folders alike).</summary>
        /// <param name="purpose">As for <see cref="Unresolved"/>.</param>
        public static IReadOnlyList<string> Resolved(PathIntrinsics paths, string pattern, string purpose) => Resolve(pattern, purpose, () =>
        {
            var resolved = paths.GetResolvedProviderPathFromPSPath(pattern, out ProviderInfo provider);
            return (resolved, provider);
        });

        private static IReadOnlyList<string> Resolve(string given, string purpose, Func<(IList<string> Paths, ProviderInfo Provider)> resolve)
        {
            (IList<string> Paths, ProviderInfo Provider) result;
            try
            {
                result = resolve();
            }
            catch (Exception ex) when (ex is ItemNotFoundException || ex is System.Management.Automation.DriveNotFoundException || ex is ProviderNotFoundException)
            {
                throw new InvalidInputException(ErrorCodes.PathNotFound, ex.Message, given, "Check the path; relative paths are resolved from the current location.", ex);
            }
            catch (Exception ex) when (ex is UnauthorizedAccessException || ex is System.Security.SecurityException)
            {
                throw new InvalidInputException(ErrorCodes.FileAccessDenied, $"Cannot read '{given}': access is denied.", given, "Check the permissions of the file and its folders.", ex);
            }
            catch (Exception ex) when (ex is ArgumentException || ex is NotSupportedException || ex is IOException)
            {
                throw new InvalidInputException(PowerShellErrorCodes.InvalidPath, $"'{given}' is not a valid path: {ex.Message}", given, inner: ex);
            }
            if (!string.Equals(result.Provider.Name, "FileSystem", StringComparison.OrdinalIgnoreCase))
                throw new InvalidInputException(PowerShellErrorCodes.NotAFileSystemPath, $"'{given}' is on the {result.Provider.Name} provider; {purpose}.", given,
                    "Pass a path on a file-system drive.");
            return new List<string>(result.Paths);
        }
    }
}
