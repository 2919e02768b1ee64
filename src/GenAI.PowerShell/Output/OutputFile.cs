using System;
using System.IO;
using System.Management.Automation;
using GenAI.Core.Errors;
using GenAI.PowerShell.Errors;
using GenAI.PowerShell.Paths;

namespace GenAI.PowerShell.Output
{
    /// <summary>
    /// Writes a file with Out-File's rules: an existing file is replaced, -NoClobber keeps it (error
    /// FileExists), -Force also replaces a read-only one. Failures are written as non-terminating errors.
    /// </summary>
    internal static class OutputFile
    {
        /// <summary>The provider path of <paramref name="given"/> on the FileSystem provider; null (error written) otherwise.</summary>
        public static string? Resolve(PSCmdlet cmdlet, string given, string purpose)
        {
            try
            {
                return FileSystemPaths.Unresolved(cmdlet.SessionState.Path, given, $"{purpose} is saved to a file");
            }
            catch (InvalidInputException ex)
            {
                cmdlet.WriteError(ErrorRecordFactory.Create(ex, given));
                return null;
            }
        }

        /// <summary>With -NoClobber, an existing file is kept: writes the FileExists error and returns true.</summary>
        public static bool KeepsExisting(PSCmdlet cmdlet, string path, bool noClobber)
        {
            if (!noClobber || !File.Exists(path)) return false;
            cmdlet.WriteError(FileExists(path, null));
            return true;
        }

        /// <summary>Writes <paramref name="data"/> to <paramref name="path"/>; false when it was not written (error already written).</summary>
        /// <param name="failureCode">ErrorId of a write failure, e.g. ExportFailed.</param>
        /// <param name="what">What is written, for messages ("the chat session").</param>
        public static bool TryWrite(PSCmdlet cmdlet, string path, byte[] data, bool noClobber, bool force, string failureCode, string what)
        {
            if (KeepsExisting(cmdlet, path, noClobber)) return false;
            try
            {
                if (force && File.Exists(path))
                {
                    var attributes = File.GetAttributes(path);
                    if ((attributes & FileAttributes.ReadOnly) != 0) File.SetAttributes(path, attributes & ~FileAttributes.ReadOnly);
                }
                using (var stream = new FileStream(path, noClobber ? FileMode.CreateNew : FileMode.Create, FileAccess.Write, FileShare.None))
                    stream.Write(data, 0, data.Length);
                return true;
            }
            catch (IOException ex) when (noClobber && File.Exists(path))
            {
                cmdlet.WriteError(FileExists(path, ex));
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                bool readOnly = File.Exists(path) && (File.GetAttributes(path) & FileAttributes.ReadOnly) != 0;
                cmdlet.WriteError(ErrorRecordFactory.Create(failureCode,
                    $"Cannot write {what} to '{path}': {ex.Message}", path,
                    readOnly ? "The file is read-only; add -Force to overwrite it." : "Check that the folder exists and that you may write to it.", ex));
            }
            return false;
        }

        private static ErrorRecord FileExists(string path, Exception? inner) =>
            ErrorRecordFactory.Create(PowerShellErrorCodes.FileExists,
                $"The file '{path}' already exists, and -NoClobber keeps it.", path,
                "Choose another -Path, or omit -NoClobber to overwrite the file.", inner);
    }
}
