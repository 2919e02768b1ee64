using System.Collections.Generic;
using GenAI.Core.Errors;
using GenAI.Core.Protocol;

namespace GenAI.Core.Chats
{
    /// <summary>
    /// Checks a history given to a new chat session before anything is sent, so a bad turn is reported where it was
    /// given, not as a 400 from the service on the next message. The Generative Language API requires each content's
    /// role to be "user" or "model" (unset means "user") and each content to hold at least one non-empty part.
    /// </summary>
    public static class ChatHistoryValidator
    {
        private static readonly HashSet<string> s_roles = new HashSet<string> { "user", "model" };

        /// <summary>Throws <see cref="InvalidInputException"/> (code InvalidHistory) for the first bad turn.</summary>
        public static void Validate(IReadOnlyList<Content?> history)
        {
            for (int i = 0; i < history.Count; i++)
            {
                var content = history[i];
                string where = $"History item {i + 1} of {history.Count}";
                if (content == null)
                    throw Invalid($"{where} is null.", content);
                if (content.Role != null && !s_roles.Contains(content.Role))
                    throw Invalid($"{where} has the role '{content.Role}'; a turn's role must be 'user' or 'model'.", content);
                if (content.Parts == null || content.Parts.Count == 0)
                    throw Invalid($"{where} ({content.Role ?? "user"}) has no parts.", content);
                for (int p = 0; p < content.Parts.Count; p++)
                {
                    if (IsEmpty(content.Parts[p]))
                        throw Invalid($"{where} ({content.Role ?? "user"}): part {p + 1} is empty (no text, data, file or function call).", content);
                }
            }
        }

        private static bool IsEmpty(Part? part) =>
            part == null
            || (string.IsNullOrEmpty(part.Text) && part.InlineData == null && part.FileData == null && part.FunctionCall == null
                && part.FunctionResponse == null && part.ExecutableCode == null && part.CodeExecutionResult == null
                && part.ThoughtSignature == null && (part.AdditionalProperties == null || part.AdditionalProperties.Count == 0));

        private static InvalidInputException Invalid(string message, object? content) =>
            new InvalidInputException(ErrorCodes.InvalidHistory, message, content,
                "Give each turn a role ('user' or 'model') and at least one part with text or data, e.g. @{ role = 'user'; parts = @(@{ text = 'Hi' }) }, or pass another session's History.");
    }
}
