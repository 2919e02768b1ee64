using System;
using System.Globalization;

namespace GenAI.PowerShell.Formatting
{
    /// <summary>
    /// Shows a service timestamp (RFC 3339, UTC) in the views as local time with its offset, so a reader in any
    /// zone can tell which time it is: 2026-03-14 10:12 UTC+01:00. Text that is not a timestamp is shown as it is.
    /// </summary>
    public static class LocalTimeText
    {
        public static string Format(string? timestamp)
        {
            if (string.IsNullOrEmpty(timestamp)) return string.Empty;
            if (!DateTimeOffset.TryParse(timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                return TerminalText.Neutralize(timestamp);
            return Format(parsed);
        }

        public static string Format(DateTimeOffset time)
        {
            var local = time.ToLocalTime();
            string offset = local.Offset == TimeSpan.Zero ? "UTC" : "UTC" + local.ToString("zzz", CultureInfo.InvariantCulture);
            return local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " " + offset;
        }
    }
}
