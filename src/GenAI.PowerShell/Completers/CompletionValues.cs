using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace GenAI.PowerShell.Completers
{
    /// <summary>Turns candidate values into completion results for the word typed so far (quoted when needed).</summary>
    internal static class CompletionValues
    {
        public static IEnumerable<CompletionResult> Complete(IEnumerable<(string Value, string ToolTip)> candidates, string? wordToComplete)
        {
            string word = (wordToComplete ?? "").Trim('\'', '"');
            var pattern = new WildcardPattern(word + "*", WildcardOptions.IgnoreCase);
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (value, toolTip) in candidates)
            {
                if (!pattern.IsMatch(value) || !seen.Add(value)) continue;
                yield return new CompletionResult(Quote(value), value, CompletionResultType.ParameterValue, string.IsNullOrEmpty(toolTip) ? value : toolTip);
            }
        }

        public static IEnumerable<CompletionResult> Complete(IEnumerable<string> values, string? wordToComplete) =>
            Complete(values.Select(v => (v, v)), wordToComplete);

        private static string Quote(string value) =>
            value.IndexOfAny(new[] { ' ', '\'', '"', '$', '`', ';', '(', ')', '{', '}', '@', '#', ',' }) >= 0 ? "'" + value.Replace("'", "''") + "'" : value;
    }
}
