using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace GenAI.Emulator.Engine.Json;

/// <summary>google.protobuf.Timestamp and Duration in their JSON forms.</summary>
internal static class ProtoTime
{
    private static readonly Regex s_duration = new(@"^(-?\d+)(\.\d{1,9})?s$", RegexOptions.Compiled | RegexOptions.CultureInvariant);

    /// <summary>RFC 3339 UTC with microseconds, like createTime: <c>2024-07-11T18:02:48.257891Z</c>.</summary>
    public static string FormatMicros(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>RFC 3339 UTC with nanoseconds, like expireTime: <c>2024-07-11T18:07:47.635193300Z</c>.</summary>
    public static string FormatNanos(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'00Z'", CultureInfo.InvariantCulture);

    public static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = default;
        Match match = s_duration.Match(text);
        if (!match.Success || !long.TryParse(match.Groups[1].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long seconds))
        {
            return false;
        }

        double fraction = match.Groups[2].Success ? double.Parse("0" + match.Groups[2].Value, CultureInfo.InvariantCulture) : 0;
        if (seconds < 0)
        {
            fraction = -fraction;
        }

        if (Math.Abs(seconds) > 315_576_000_000L)
        {
            return false;
        }

        duration = TimeSpan.FromSeconds(seconds) + TimeSpan.FromSeconds(fraction);
        return true;
    }

    public static bool TryParseTimestamp(string text, out DateTimeOffset time) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time) &&
        (text.EndsWith('Z') || text.EndsWith('z') || Regex.IsMatch(text, @"[+-]\d\d:\d\d$"));
}
