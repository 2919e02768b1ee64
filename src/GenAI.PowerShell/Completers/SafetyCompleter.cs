using System;
using System.Collections.Generic;

namespace GenAI.PowerShell.Completers
{
    /// <summary>
    /// Completes harm categories (-Category, -HarmCategory) and block thresholds (-Threshold). PowerShell does not
    /// consult argument completers for the keys and values inside a hashtable literal, so -SafetySetting @{...} is not completed.
    /// </summary>
    public sealed class SafetyCompleter : FixedValueCompleter
    {
        public static readonly IReadOnlyList<(string Value, string ToolTip)> Categories = new[]
        {
            ("HARM_CATEGORY_HARASSMENT", "Negative or harmful comments targeting identity and/or protected attributes."),
            ("HARM_CATEGORY_HATE_SPEECH", "Content that is rude, disrespectful, or profane."),
            ("HARM_CATEGORY_SEXUALLY_EXPLICIT", "References to sexual acts or other lewd content."),
            ("HARM_CATEGORY_DANGEROUS_CONTENT", "Promotes, facilitates, or encourages harmful acts."),
            ("HARM_CATEGORY_CIVIC_INTEGRITY", "Election-related queries (deprecated by the service)."),
        };

        public static readonly IReadOnlyList<(string Value, string ToolTip)> Thresholds = new[]
        {
            ("BLOCK_NONE", "Always show, whatever the probability of unsafe content."),
            ("BLOCK_ONLY_HIGH", "Block when the probability of unsafe content is high."),
            ("BLOCK_MEDIUM_AND_ABOVE", "Block when the probability is medium or high."),
            ("BLOCK_LOW_AND_ABOVE", "Block when the probability is low, medium or high."),
            ("OFF", "Turn the safety filter off."),
            ("HARM_BLOCK_THRESHOLD_UNSPECIFIED", "The service's default."),
        };

        private protected override IEnumerable<(string Value, string ToolTip)> Candidates(string parameterName) =>
            parameterName.IndexOf("Threshold", StringComparison.OrdinalIgnoreCase) >= 0 ? Thresholds : Categories;
    }
}
