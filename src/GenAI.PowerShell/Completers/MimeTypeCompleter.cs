using System;
using System.Collections.Generic;

namespace GenAI.PowerShell.Completers
{
    /// <summary>Completes -MimeType with the types the API accepts as input, and -ResponseMimeType with the reply formats.</summary>
    public sealed class MimeTypeCompleter : FixedValueCompleter
    {
        public static readonly IReadOnlyList<string> InputTypes = new[]
        {
            "image/png", "image/jpeg", "image/webp", "image/heic", "image/heif",
            "audio/wav", "audio/mp3", "audio/mpeg", "audio/aiff", "audio/aac", "audio/ogg", "audio/flac",
            "video/mp4", "video/mpeg", "video/mov", "video/avi", "video/x-flv", "video/mpg", "video/webm", "video/wmv", "video/3gpp",
            "application/pdf", "application/json", "application/rtf", "application/x-javascript", "application/x-typescript", "application/x-python-code",
            "text/plain", "text/html", "text/css", "text/csv", "text/markdown", "text/xml", "text/rtf", "text/javascript", "text/x-typescript", "text/x-python",
        };

        public static readonly IReadOnlyList<string> ResponseTypes = new[] { "text/plain", "application/json", "text/x.enum" };

        private protected override IEnumerable<(string Value, string ToolTip)> Candidates(string parameterName) =>
            Plain(parameterName.StartsWith("Response", StringComparison.OrdinalIgnoreCase) ? ResponseTypes : InputTypes);
    }
}
