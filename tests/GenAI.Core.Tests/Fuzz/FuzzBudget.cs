using System;
using System.Globalization;

namespace GenAI.Core.Tests.Fuzz
{
    /// <summary>
    /// How many generated inputs each fuzz property checks. The CI defaults add up to more than 10^5 per
    /// run; set GENAI_FUZZ_ITERATIONS (e.g. 2000000) for a long run that checks that many per property.
    /// </summary>
    internal static class FuzzBudget
    {
        public const string Variable = "GENAI_FUZZ_ITERATIONS";

        public static long Iterations(long ciDefault)
        {
            string value = Environment.GetEnvironmentVariable(Variable);
            return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long configured) && configured > 0 ? configured : ciDefault;
        }
    }
}
