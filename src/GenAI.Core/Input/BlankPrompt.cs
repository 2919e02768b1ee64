using System.Collections.Generic;
using System.Linq;
using GenAI.Core.Protocol;

namespace GenAI.Core.Input
{
    /// <summary>
    /// Whether a prompt has nothing to send: no contents, no parts, or only text parts that are empty or white space.
    /// The service refuses such a request with a 400; the client refuses it first, the same way as a missing prompt.
    /// </summary>
    public static class BlankPrompt
    {
        public static bool IsBlank(IReadOnlyList<Content>? contents) =>
            contents == null || contents.All(c => c == null || IsBlank(c));

        public static bool IsBlank(Content content) =>
            content.Parts == null || content.Parts.All(p => p == null || (string.IsNullOrWhiteSpace(p.Text) && p.InlineData == null
                && p.FileData == null && p.FunctionCall == null && p.FunctionResponse == null && p.ExecutableCode == null
                && p.CodeExecutionResult == null && (p.AdditionalProperties == null || p.AdditionalProperties.Count == 0)));
    }
}
