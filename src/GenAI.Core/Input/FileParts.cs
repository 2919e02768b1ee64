using System;
using System.IO;
using System.Text;
using GenAI.Core.Errors;
using GenAI.Core.Protocol;

namespace GenAI.Core.Input
{
    /// <summary>
    /// A file as a prompt part. Media files (images, PDF, audio, video) become inline data that is read
    /// when the request is sent (never held as a base64 string); text, data and code files become text
    /// parts holding their content. A text file too large to send inline becomes text/plain inline data,
    /// so that it is uploaded like any other large file.
    /// </summary>
    public static class FileParts
    {
        /// <param name="file">The file.</param>
        /// <param name="mimeType">Overrides the type from the extension; the file is then always sent as inline data of that type.</param>
        public static Part FromFile(FileInfo file, string? mimeType = null)
        {
            if (file == null) throw new ArgumentNullException(nameof(file));
            string path = file.FullName;
            file.Refresh();
            if (Directory.Exists(path))
                throw new InvalidInputException(ErrorCodes.NotAFile, $"'{path}' is a directory, not a file.", path,
                    "Pass the files in it instead.");
            if (!file.Exists)
                throw new InvalidInputException(ErrorCodes.FileNotFound, $"The file '{path}' does not exist.", path, "Check the path; relative paths are resolved from the current location.");
            CheckReadable(path);

            string? type = string.IsNullOrWhiteSpace(mimeType) ? MimeTypes.FromFileName(file.Name) : mimeType!.Trim();
            if (type == null)
                throw new InvalidInputException(ErrorCodes.UnknownFileType,
                    $"The type of the file '{path}' cannot be told from its extension '{(string.IsNullOrEmpty(file.Extension) ? "(none)" : file.Extension)}'.", path,
                    "Give the file's MIME type, e.g. image/png, application/pdf or text/plain.");

            if (string.IsNullOrWhiteSpace(mimeType) && MimeTypes.IsTextFile(file.Name))
            {
                if (file.Length <= InlineLimits.MaxRequestBytes)
                    return Part.FromText(ReadText(path));
                type = MimeTypes.PlainText;
            }
            return new Part { InlineData = new Blob(new FileBlobSource(path, file.Length), type) };
        }

        private static void CheckReadable(string path)
        {
            try
            {
                using (new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1)) { }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is System.Security.SecurityException)
            {
                throw ReadFailure(path, ex);
            }
        }

        /// <summary>The error for a file that cannot be read (also used when it is read at send time).</summary>
        public static InvalidInputException ReadFailure(string path, Exception error) => error switch
        {
            FileNotFoundException _ or DirectoryNotFoundException _ =>
                new InvalidInputException(ErrorCodes.FileNotFound, $"The file '{path}' does not exist.", path, "Check the path.", error),
            UnauthorizedAccessException _ or System.Security.SecurityException _ =>
                new InvalidInputException(ErrorCodes.FileAccessDenied, $"The file '{path}' cannot be read: access is denied.", path,
                    "Check the file's permissions, or copy it somewhere readable.", error),
            _ => new InvalidInputException(ErrorCodes.FileReadFailed, $"The file '{path}' cannot be read: {error.Message}", path,
                "Close programs that lock the file, then retry.", error),
        };

        private static string ReadText(string path)
        {
            try
            {
                using var reader = new StreamReader(path, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
                return reader.ReadToEnd();
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw ReadFailure(path, ex);
            }
        }
    }
}
