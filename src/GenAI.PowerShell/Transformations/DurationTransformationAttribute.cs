using System;
using System.Globalization;
using System.Management.Automation;

namespace GenAI.PowerShell.Transformations
{
    /// <summary>
    /// Lets a TimeSpan parameter take seconds: <c>-Ttl 600</c> is ten minutes (PowerShell alone would read
    /// 600 ticks). Also accepts a TimeSpan, <c>'600s'</c> (the API's duration form) and <c>'00:10:00'</c>.
    /// </summary>
    public sealed class DurationTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var value = inputData is PSObject ps ? ps.BaseObject : inputData;
            switch (value)
            {
                case null: return null!;
                case TimeSpan span: return span;
                case byte _: case sbyte _: case short _: case ushort _: case int _: case uint _: case long _: case ulong _:
                case float _: case double _: case decimal _:
                    return FromSeconds(Convert.ToDouble(value, CultureInfo.InvariantCulture), value);
                case string text:
                    text = text.Trim();
                    string number = text.EndsWith("s", StringComparison.OrdinalIgnoreCase) ? text.Substring(0, text.Length - 1) : text;
                    if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds)) return FromSeconds(seconds, value);
                    if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var parsed)) return parsed;
                    break;
            }
            throw new ArgumentTransformationMetadataException(
                $"'{value}' is not a duration. Pass a TimeSpan (New-TimeSpan -Hours 2), a number of seconds (7200), or text such as '7200s' or '02:00:00'.");
        }

        private static TimeSpan FromSeconds(double seconds, object value)
        {
            if (double.IsNaN(seconds) || double.IsInfinity(seconds) || Math.Abs(seconds) > TimeSpan.MaxValue.TotalSeconds)
                throw new ArgumentTransformationMetadataException($"'{value}' seconds is not a usable duration.");
            return TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));
        }
    }
}
