using System.Collections.Generic;
using System.Linq;
using GenAI.Core.Input;

namespace GenAI.PowerShell.Completers
{
    /// <summary>
    /// Completes the bare-word forms of the settings parameters: -SafetySetting (one threshold for all
    /// categories: BlockNone, BlockOnlyHigh, ...), -ToolConfig (AUTO, ANY, NONE, VALIDATED) and -Tool (the
    /// built-in tools). PowerShell does not complete inside hashtable literals, so @{ ... } forms get nothing.
    /// </summary>
    public sealed class SettingValueCompleter : FixedValueCompleter
    {
        private protected override IEnumerable<(string Value, string ToolTip)> Candidates(string parameterName)
        {
            IEnumerable<string> values = parameterName switch
            {
                "SafetySetting" => SafetySettingConverter.ThresholdNames.Keys,
                "ToolConfig" => ToolConfigConverter.Modes.Where(m => m != "MODE_UNSPECIFIED"),
                "Tool" => ToolConverter.BuiltInTools.Keys,
                _ => Enumerable.Empty<string>(),
            };
            return values.Select(v => (v, Tooltip(parameterName, v)));
        }

        private static string Tooltip(string parameterName, string value) => parameterName switch
        {
            "SafetySetting" => $"{SafetySettingConverter.ThresholdNames[value]} for harassment, hate speech, sexually explicit and dangerous content",
            "ToolConfig" => value switch
            {
                "AUTO" => "The model decides: text or a function call",
                "ANY" => "The model must call a function",
                "NONE" => "The model must not call functions",
                _ => value,
            },
            _ => "Built-in tool " + value,
        };
    }
}
