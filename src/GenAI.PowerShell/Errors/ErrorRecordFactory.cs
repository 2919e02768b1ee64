using System;
using System.Management.Automation;
using GenAI.Core.Errors;
using GenAI.PowerShell.Configuration;
using GenAI.PowerShell.Formatting;

namespace GenAI.PowerShell.Errors
{
    /// <summary>
    /// The only place that builds ErrorRecords: a stable id ("GenAI.&lt;Code&gt;"), the category and recommended action
    /// from <see cref="ErrorTable"/>, the failing input as target, and never the key.
    /// The displayed message carries no terminal control sequences (service text can contain them).
    /// </summary>
    internal static class ErrorRecordFactory
    {
        public const string IdPrefix = "GenAI.";

        /// <summary>The id of a .NET exception the module did not expect (category NotSpecified): not a GenAI error code.</summary>
        public const string UnexpectedErrorId = IdPrefix + "UnexpectedError";

        public static ErrorRecord Create(GenAIException exception, object? target)
        {
            string key = ModuleConfiguration.CurrentKey ?? "";
            string message = KeyMask.Redact(exception.Message, key);
            var record = new ErrorRecord(Sanitize(exception, message), IdPrefix + exception.ErrorCode, ErrorTable.CategoryOf(exception.ErrorCode), target ?? TargetOf(exception));
            record.ErrorDetails = new ErrorDetails(TerminalText.Neutralize(message));
            string? action = ErrorTable.RecommendedActionFor(exception);
            if (action != null) record.ErrorDetails.RecommendedAction = action;
            return record;
        }

        /// <summary>The record of a failed work item: a core exception's own record, anything else as <see cref="UnexpectedErrorId"/>.</summary>
        public static ErrorRecord ForFailure(Exception error, object? target) => error is GenAIException known
            ? Create(known, target)
            : new ErrorRecord(error, UnexpectedErrorId, ErrorCategory.NotSpecified, target);

        /// <summary>For failures that are not core exceptions (bad parameter combinations, file system); the category is the code's.</summary>
        public static ErrorRecord Create(string errorCode, string message, object? target, string? recommendedAction = null, Exception? inner = null)
        {
            var record = new ErrorRecord(inner ?? new InvalidOperationException(message), IdPrefix + errorCode, ErrorTable.CategoryOf(errorCode), target);
            record.ErrorDetails = new ErrorDetails(message);
            if (recommendedAction != null) record.ErrorDetails.RecommendedAction = recommendedAction;
            return record;
        }

        private static object? TargetOf(GenAIException exception) => exception switch
        {
            InvalidInputException invalid => invalid.Input,
            PromptBlockedException blocked => blocked.Response,
            CandidateStoppedException stopped => stopped.Response,
            GenAI.Core.Files.FilesException files => files.File,
            GenAI.Core.Chats.ChatBusyException busy => busy.Session,
            GenAI.Core.Batches.BatchException batch => batch.Batch,
            _ => null,
        };

        // The exception travels with the record ($error[0].Exception); keep the key out of its message too.
        private static Exception Sanitize(GenAIException exception, string redactedMessage) =>
            redactedMessage == exception.Message ? exception : new InvalidOperationException(redactedMessage);
    }
}
