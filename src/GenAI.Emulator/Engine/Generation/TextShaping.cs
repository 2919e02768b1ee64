using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace GenAI.Emulator.Engine.Generation;

/// <summary>stopSequences, maxOutputTokens and word splitting for the reply text.</summary>
internal static class TextShaping
{
    private static readonly Regex s_piece = new(@"\s*\S+\s*", RegexOptions.Compiled);

    /// <summary>Cuts <paramref name="text"/> before the earliest occurrence of any stop sequence.</summary>
    public static string ApplyStopSequences(string text, IReadOnlyList<string> stops)
    {
        int cut = text.Length;
        foreach (string stop in stops)
        {
            int at = text.IndexOf(stop, StringComparison.Ordinal);
            if (at >= 0 && at < cut)
            {
                cut = at;
            }
        }

        return text[..cut];
    }

    /// <summary>Keeps the first <paramref name="maxWords"/> words; true when something was cut.</summary>
    public static bool TryTruncateWords(string text, int maxWords, out string truncated)
    {
        int words = 0;
        for (Match match = Regex.Match(text, @"\S+"); match.Success; match = match.NextMatch())
        {
            if (++words > maxWords)
            {
                truncated = text[..match.Index].TrimEnd();
                return true;
            }
        }

        truncated = text;
        return false;
    }

    /// <summary>Splits into stream pieces: each word with its following whitespace (leading whitespace joins the first).</summary>
    public static List<string> SplitWords(string text)
    {
        var pieces = new List<string>();
        foreach (Match match in s_piece.Matches(text))
        {
            pieces.Add(match.Value);
        }

        if (pieces.Count == 0)
        {
            pieces.Add(text);
        }

        return pieces;
    }
}
