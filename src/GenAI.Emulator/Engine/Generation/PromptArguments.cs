using System;
using System.Text.RegularExpressions;

namespace GenAI.Emulator.Engine.Generation;

/// <summary>Finds <c>name=value</c> (or <c>name="two words"</c>) in the prompt text.</summary>
internal sealed class PromptArguments
{
    private readonly string _text;

    public PromptArguments(string text)
    {
        _text = text;
    }

    public string? Find(string name)
    {
        var match = Regex.Match(_text, @"(?<![\w.])" + Regex.Escape(name) + @"=(?:""(?<q>[^""]*)""|'(?<q>[^']*)'|(?<v>[^\s,;]+))");
        if (!match.Success)
        {
            return null;
        }

        return match.Groups["q"].Success ? match.Groups["q"].Value : match.Groups["v"].Value.TrimEnd('.', '!', '?', ')', ':');
    }
}
