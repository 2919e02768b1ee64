using System;
using System.Collections.Generic;
using System.IO;

namespace GenAI.Core.Input
{
    /// <summary>
    /// The MIME types the service accepts as input, by file extension (api docs: images, PDF, audio,
    /// video), plus text, data and source-code files, which are sent as text parts.
    /// </summary>
    public static class MimeTypes
    {
        /// <summary>How a large text file is uploaded: the one text type every model takes.</summary>
        public const string PlainText = "text/plain";

        private static readonly Dictionary<string, string> s_media = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [".png"] = "image/png", [".jpg"] = "image/jpeg", [".jpeg"] = "image/jpeg", [".jfif"] = "image/jpeg", [".webp"] = "image/webp",
            [".heic"] = "image/heic", [".heif"] = "image/heif", [".gif"] = "image/gif",
            [".pdf"] = "application/pdf",
            [".wav"] = "audio/wav", [".mp3"] = "audio/mp3", [".aiff"] = "audio/aiff", [".aif"] = "audio/aiff", [".aac"] = "audio/aac",
            [".ogg"] = "audio/ogg", [".oga"] = "audio/ogg", [".flac"] = "audio/flac",
            [".mp4"] = "video/mp4", [".m4v"] = "video/mp4", [".mpeg"] = "video/mpeg", [".mpg"] = "video/mpg", [".mov"] = "video/mov",
            [".avi"] = "video/avi", [".flv"] = "video/x-flv", [".webm"] = "video/webm", [".wmv"] = "video/wmv", [".3gp"] = "video/3gpp", [".3gpp"] = "video/3gpp",
        };

        private static readonly Dictionary<string, string> s_text = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [".txt"] = "text/plain", [".text"] = "text/plain", [".log"] = "text/plain", [".csv"] = "text/csv", [".tsv"] = "text/tab-separated-values",
            [".html"] = "text/html", [".htm"] = "text/html", [".md"] = "text/markdown", [".markdown"] = "text/markdown", [".rtf"] = "text/rtf",
            [".json"] = "application/json", [".jsonl"] = "application/jsonl", [".xml"] = "text/xml", [".yaml"] = "text/yaml", [".yml"] = "text/yaml",
            [".toml"] = "text/plain", [".ini"] = "text/plain", [".cfg"] = "text/plain", [".conf"] = "text/plain", [".properties"] = "text/plain",
            [".css"] = "text/css", [".js"] = "text/javascript", [".mjs"] = "text/javascript", [".cjs"] = "text/javascript", [".jsx"] = "text/javascript",
            [".ts"] = "text/x-typescript", [".tsx"] = "text/x-typescript", [".py"] = "text/x-python", [".ipynb"] = "application/json",
            [".ps1"] = "text/x-powershell", [".psm1"] = "text/x-powershell", [".psd1"] = "text/x-powershell", [".ps1xml"] = "text/xml",
            [".cs"] = "text/x-csharp", [".csx"] = "text/x-csharp", [".csproj"] = "text/xml", [".props"] = "text/xml", [".targets"] = "text/xml",
            [".vb"] = "text/x-vb", [".fs"] = "text/x-fsharp", [".java"] = "text/x-java", [".kt"] = "text/x-kotlin", [".scala"] = "text/x-scala",
            [".c"] = "text/x-c", [".h"] = "text/x-c", [".cpp"] = "text/x-c++", [".cc"] = "text/x-c++", [".hpp"] = "text/x-c++", [".go"] = "text/x-go",
            [".rs"] = "text/x-rust", [".rb"] = "text/x-ruby", [".php"] = "text/x-php", [".swift"] = "text/x-swift", [".dart"] = "text/x-dart",
            [".r"] = "text/x-r", [".lua"] = "text/x-lua", [".pl"] = "text/x-perl", [".sql"] = "text/x-sql", [".sh"] = "text/x-sh",
            [".bash"] = "text/x-sh", [".zsh"] = "text/x-sh", [".bat"] = "text/plain", [".cmd"] = "text/plain", [".tex"] = "text/x-tex",
            [".vue"] = "text/plain", [".svelte"] = "text/plain", [".svg"] = "image/svg+xml",
        };

        /// <summary>The MIME type for a file name or extension; null when the extension is not known.</summary>
        public static string? FromFileName(string fileNameOrExtension)
        {
            string extension = fileNameOrExtension.StartsWith(".", StringComparison.Ordinal) ? fileNameOrExtension : Path.GetExtension(fileNameOrExtension);
            if (string.IsNullOrEmpty(extension)) return null;
            if (s_media.TryGetValue(extension, out var media)) return media;
            return s_text.TryGetValue(extension, out var text) ? text : null;
        }

        private static readonly HashSet<string> s_uploadableText = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "text/plain", "text/html", "text/css", "text/javascript", "text/x-python", "text/csv", "text/xml", "text/markdown", "text/rtf", "application/json",
        };

        /// <summary>
        /// The type to upload a file with: its media type, its text type when the Files API takes it,
        /// otherwise text/plain for text and code; null when the extension is not known.
        /// </summary>
        public static string? UploadTypeFor(string fileName)
        {
            string? type = FromFileName(fileName);
            if (type == null || !IsTextFile(fileName)) return type;
            return s_uploadableText.Contains(type) ? type : PlainText;
        }

        /// <summary>Whether files with this name are text (sent as text parts, not inline data).</summary>
        public static bool IsTextFile(string fileName) => s_text.ContainsKey(Path.GetExtension(fileName) ?? "");

        /// <summary>Every known extension and its MIME type (for completion and documentation).</summary>
        public static IEnumerable<KeyValuePair<string, string>> All
        {
            get
            {
                foreach (var pair in s_media) yield return pair;
                foreach (var pair in s_text) yield return pair;
            }
        }
    }
}
