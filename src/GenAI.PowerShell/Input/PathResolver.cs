using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using GenAI.PowerShell.Errors;
using GenAI.Core.Errors;

namespace GenAI.PowerShell.Input
{
    /// <summary>
    /// Resolves -Path (wildcards) and -LiteralPath through the PowerShell provider, relative to the
    /// current location, to file-system files. Each problem becomes an ErrorRecord whose target is the
    /// path as the user typed it.
    /// </summary>
    internal static class PathResolver
    {
        public static List<FileInfo> Resolve(PathIntrinsics paths, IEnumerable<string>? patterns, bool literal, List<ErrorRecord> errors)
        {
            var files = new List<FileInfo>();
            if (patterns == null) return files;
            foreach (var pattern in patterns)
            {
                if (string.IsNullOrEmpty(pattern)) continue;
                try
                {
                    if (literal) ResolveLiteral(paths, pattern, files, errors);
                    else ResolveWildcard(paths, pattern, files, errors);
                }
                catch (Exception ex) when (ex is ItemNotFoundException || ex is System.Management.Automation.DriveNotFoundException || ex is ProviderNotFoundException)
                {
                    errors.Add(NotFound(pattern, ex));
                }
                catch (Exception ex) when (ex is UnauthorizedAccessException || ex is System.Security.SecurityException)
                {
                    errors.Add(ErrorRecordFactory.Create(ErrorCodes.FileAccessDenied,
                        $"Cannot read '{pattern}': access is denied.", pattern, "Check the permissions of the file and its folders.", ex));
                }
                catch (Exception ex) when (ex is PSArgumentException || ex is ArgumentException || ex is NotSupportedException || ex is IOException)
                {
                    errors.Add(ErrorRecordFactory.Create(PowerShellErrorCodes.InvalidPath, $"'{pattern}' is not a valid path: {ex.Message}", pattern, inner: ex));
                }
            }
            return files;
        }

        private static void ResolveWildcard(PathIntrinsics paths, string pattern, List<FileInfo> files, List<ErrorRecord> errors)
        {
            var resolved = paths.GetResolvedProviderPathFromPSPath(pattern, out ProviderInfo provider);
            if (!IsFileSystem(provider, pattern, errors)) return;
            bool wildcard = WildcardPattern.ContainsWildcardCharacters(pattern);
            int added = 0;
            foreach (var path in resolved)
            {
                if (Directory.Exists(path))
                {
                    if (!wildcard) errors.Add(DirectoryGiven(pattern));
                    continue;   // a wildcard that also matches folders means their files are not wanted one by one
                }
                files.Add(new FileInfo(path));
                added++;
            }
            if (added == 0 && wildcard)
                errors.Add(ErrorRecordFactory.Create(ErrorCodes.PathNotFound, $"No file matches '{pattern}'.", pattern,
                    "Check the pattern with Get-ChildItem; it is resolved from the current location."));
        }

        private static void ResolveLiteral(PathIntrinsics paths, string literalPath, List<FileInfo> files, List<ErrorRecord> errors)
        {
            string path = paths.GetUnresolvedProviderPathFromPSPath(literalPath, out ProviderInfo provider, out _);
            if (!IsFileSystem(provider, literalPath, errors)) return;
            if (Directory.Exists(path)) errors.Add(DirectoryGiven(literalPath));
            else if (!File.Exists(path)) errors.Add(NotFound(literalPath, null));
            else files.Add(new FileInfo(path));
        }

        private static bool IsFileSystem(ProviderInfo provider, string pattern, List<ErrorRecord> errors)
        {
            if (string.Equals(provider.Name, "FileSystem", StringComparison.OrdinalIgnoreCase)) return true;
            errors.Add(ErrorRecordFactory.Create(PowerShellErrorCodes.NotAFileSystemPath,
                $"'{pattern}' is on the {provider.Name} provider; only files can be sent.", pattern, "Pass a path on a file-system drive."));
            return false;
        }

        private static ErrorRecord NotFound(string pattern, Exception? inner) =>
            ErrorRecordFactory.Create(ErrorCodes.PathNotFound, $"Cannot find the file '{pattern}' because it does not exist.", pattern,
                "Check the path; relative paths are resolved from the current location.", inner);

        private static ErrorRecord DirectoryGiven(string pattern) =>
            ErrorRecordFactory.Create(ErrorCodes.NotAFile, $"'{pattern}' is a directory, not a file.", pattern,
                "Pass the files in it, e.g. -Path <dir>/*.png.");
    }
}
