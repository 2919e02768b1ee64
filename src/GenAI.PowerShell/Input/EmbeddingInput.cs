using System;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using GenAI.Core.Errors;
using GenAI.Core.Input;
using GenAI.PowerShell.Errors;

namespace GenAI.PowerShell.Input
{
    /// <summary>
    /// One input of Get-GenAIEmbedding as the text to embed: a string (a Get-Content line) as it is, a number as
    /// its invariant text, a text file (FileInfo) as its content. Anything else is refused with a clear error.
    /// </summary>
    internal static class EmbeddingInput
    {
        /// <summary>The text of <paramref name="input"/>; <paramref name="path"/> is the file it was read from, if any.</summary>
        public static string ToText(object? input, out string? path)
        {
            path = null;
            object? value = input is PSObject wrapped ? wrapped.BaseObject : input;
            string text;
            switch (value)
            {
                case string s:
                    text = s;
                    break;
                case char c:
                    text = c.ToString();
                    break;
                case FileInfo file:
                    path = file.FullName;
                    text = ReadTextFile(file);
                    break;
                case DirectoryInfo directory:
                    throw new InvalidInputException(ErrorCodes.NotAFile, $"'{directory.FullName}' is a directory, not a file.", input,
                        "Pass the files in it instead, e.g. Get-ChildItem <dir> -File | Get-GenAIEmbedding.");
                case IConvertible number when number.GetTypeCode() >= TypeCode.SByte && number.GetTypeCode() <= TypeCode.Decimal:
                    text = number.ToString(CultureInfo.InvariantCulture);
                    break;
                default:
                    throw new InvalidInputException(PowerShellErrorCodes.UnsupportedEmbeddingInput,
                        $"A {value?.GetType().Name ?? "null value"} cannot be embedded: Get-GenAIEmbedding embeds text and text files.", input,
                        "Pipe strings, Get-Content lines or text files; for other objects select the text first, e.g. | ForEach-Object Description | Get-GenAIEmbedding.");
            }
            if (string.IsNullOrWhiteSpace(text))
                throw new InvalidInputException(PowerShellErrorCodes.EmptyEmbeddingInput,
                    path == null ? "The input is empty: there is no text to embed." : $"The file '{path}' is empty: there is no text to embed.", input,
                    "Leave out empty inputs, e.g. Get-Content notes.txt | Where-Object { $_.Trim() } | Get-GenAIEmbedding.");
            return text;
        }

        // The file as a prompt would read it: text, data and code files give their text; media files are refused.
        private static string ReadTextFile(FileInfo file)
        {
            var part = FileParts.FromFile(file);
            if (part.Text != null) return part.Text;
            string type = part.InlineData?.MimeType ?? "binary";
            throw new InvalidInputException(PowerShellErrorCodes.UnsupportedEmbeddingInput,
                $"The file '{file.FullName}' ({type}) is not a text file: Get-GenAIEmbedding embeds text.", file,
                "Pass text files (.txt, .md, .csv, code, ...); a text file larger than 20 MB is too long to embed in one piece, so split it first.");
        }
    }
}
