using GenAI.Core.Errors;
using GenAI.Core.Protocol;

namespace GenAI.Core.Files
{
    /// <summary>
    /// An upload that did not complete (UploadFailed), or a file that did not become usable
    /// (FileProcessingFailed, FileProcessingTimedOut).
    /// </summary>
    public sealed class FilesException : GenAIException
    {
        public FilesException(string errorCode, string message, GenAIFile? file = null, string? recommendedAction = null, System.Exception? inner = null)
            : base(errorCode, message, inner, recommendedAction)
        {
            File = file;
        }

        /// <summary>The file concerned, when it exists on the service.</summary>
        public GenAIFile? File { get; }
    }
}
