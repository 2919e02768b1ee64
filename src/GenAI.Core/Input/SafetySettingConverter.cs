using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using GenAI.Core.Errors;
using GenAI.Core.Protocol;

namespace GenAI.Core.Input
{
    /// <summary>
    /// Safety settings the way the seed SDK accepts them (https://ai.google.dev/api/generate-content#safetysetting): a map <c>{category: threshold}</c>,
    /// a list of <c>{category, threshold}</c> items, or one threshold for the four current categories.
    /// Categories and thresholds may be full enum names, the seed's short aliases, PowerShell-style
    /// PascalCase names (<c>HateSpeech</c>, <c>BlockOnlyHigh</c>) or numbers, in any case.
    /// </summary>
    public static class SafetySettingConverter
    {
        /// <summary>The categories a single threshold applies to (HARASSMENT, HATE_SPEECH, SEXUALLY_EXPLICIT, DANGEROUS_CONTENT).</summary>
        public static readonly IReadOnlyList<string> DefaultCategories = new[]
        {
            "HARM_CATEGORY_HARASSMENT", "HARM_CATEGORY_HATE_SPEECH", "HARM_CATEGORY_SEXUALLY_EXPLICIT", "HARM_CATEGORY_DANGEROUS_CONTENT",
        };

        /// <summary>Short PowerShell-style names of the Gemini categories → enum names (for completion and docs).</summary>
        public static readonly IReadOnlyDictionary<string, string> CategoryNames = new Dictionary<string, string>
        {
            ["Harassment"] = "HARM_CATEGORY_HARASSMENT",
            ["HateSpeech"] = "HARM_CATEGORY_HATE_SPEECH",
            ["SexuallyExplicit"] = "HARM_CATEGORY_SEXUALLY_EXPLICIT",
            ["DangerousContent"] = "HARM_CATEGORY_DANGEROUS_CONTENT",
            ["CivicIntegrity"] = "HARM_CATEGORY_CIVIC_INTEGRITY",
        };

        /// <summary>Short PowerShell-style names of the thresholds → enum names (for completion and docs).</summary>
        public static readonly IReadOnlyDictionary<string, string> ThresholdNames = new Dictionary<string, string>
        {
            ["BlockNone"] = "BLOCK_NONE",
            ["BlockOnlyHigh"] = "BLOCK_ONLY_HIGH",
            ["BlockMediumAndAbove"] = "BLOCK_MEDIUM_AND_ABOVE",
            ["BlockLowAndAbove"] = "BLOCK_LOW_AND_ABOVE",
            ["Off"] = "OFF",
            ["Unspecified"] = "HARM_BLOCK_THRESHOLD_UNSPECIFIED",
        };

        /// <summary>Every accepted category alias (the seed's, lower case) → enum name; matching also ignores '_' and case.</summary>
        public static readonly IReadOnlyDictionary<string, string> CategoryAliases = new Dictionary<string, string>
        {
            ["harm_category_unspecified"] = "HARM_CATEGORY_UNSPECIFIED",
            ["unspecified"] = "HARM_CATEGORY_UNSPECIFIED",
            ["harm_category_harassment"] = "HARM_CATEGORY_HARASSMENT",
            ["harassment"] = "HARM_CATEGORY_HARASSMENT",
            ["harm_category_hate_speech"] = "HARM_CATEGORY_HATE_SPEECH",
            ["hate_speech"] = "HARM_CATEGORY_HATE_SPEECH",
            ["hate"] = "HARM_CATEGORY_HATE_SPEECH",
            ["harm_category_sexually_explicit"] = "HARM_CATEGORY_SEXUALLY_EXPLICIT",
            ["harm_category_sexual"] = "HARM_CATEGORY_SEXUALLY_EXPLICIT",
            ["sexually_explicit"] = "HARM_CATEGORY_SEXUALLY_EXPLICIT",
            ["sexual"] = "HARM_CATEGORY_SEXUALLY_EXPLICIT",
            ["sex"] = "HARM_CATEGORY_SEXUALLY_EXPLICIT",
            ["harm_category_dangerous_content"] = "HARM_CATEGORY_DANGEROUS_CONTENT",
            ["harm_category_dangerous"] = "HARM_CATEGORY_DANGEROUS_CONTENT",
            ["dangerous_content"] = "HARM_CATEGORY_DANGEROUS_CONTENT",
            ["dangerous"] = "HARM_CATEGORY_DANGEROUS_CONTENT",
            ["danger"] = "HARM_CATEGORY_DANGEROUS_CONTENT",
            // Extensions: the seed has no alias for these.
            ["harm_category_civic_integrity"] = "HARM_CATEGORY_CIVIC_INTEGRITY",
            ["civic_integrity"] = "HARM_CATEGORY_CIVIC_INTEGRITY",
            ["civic"] = "HARM_CATEGORY_CIVIC_INTEGRITY",
        };

        /// <summary>Every accepted threshold alias (the seed's, lower case) → enum name; matching also ignores '_' and case.</summary>
        public static readonly IReadOnlyDictionary<string, string> ThresholdAliases = new Dictionary<string, string>
        {
            ["harm_block_threshold_unspecified"] = "HARM_BLOCK_THRESHOLD_UNSPECIFIED",
            ["block_threshold_unspecified"] = "HARM_BLOCK_THRESHOLD_UNSPECIFIED",
            ["unspecified"] = "HARM_BLOCK_THRESHOLD_UNSPECIFIED",
            ["block_low_and_above"] = "BLOCK_LOW_AND_ABOVE",
            ["low"] = "BLOCK_LOW_AND_ABOVE",
            ["block_medium_and_above"] = "BLOCK_MEDIUM_AND_ABOVE",
            ["medium"] = "BLOCK_MEDIUM_AND_ABOVE",
            ["med"] = "BLOCK_MEDIUM_AND_ABOVE",
            ["block_only_high"] = "BLOCK_ONLY_HIGH",
            ["high"] = "BLOCK_ONLY_HIGH",
            ["block_none"] = "BLOCK_NONE",
            // Extensions: the seed has no alias for these.
            ["none"] = "BLOCK_NONE",
            ["off"] = "OFF",
        };

        private static readonly string[] s_categoryByNumber =
        {
            "HARM_CATEGORY_UNSPECIFIED", "", "", "", "", "", "", "HARM_CATEGORY_HARASSMENT", "HARM_CATEGORY_HATE_SPEECH",
            "HARM_CATEGORY_SEXUALLY_EXPLICIT", "HARM_CATEGORY_DANGEROUS_CONTENT", "HARM_CATEGORY_CIVIC_INTEGRITY",
        };

        private static readonly string[] s_thresholdByNumber =
        {
            "HARM_BLOCK_THRESHOLD_UNSPECIFIED", "BLOCK_LOW_AND_ABOVE", "BLOCK_MEDIUM_AND_ABOVE", "BLOCK_ONLY_HIGH", "BLOCK_NONE", "OFF",
        };

        private static readonly Dictionary<string, string> s_categoryLookup = BuildLookup(CategoryAliases, CategoryNames, s_categoryByNumber);
        private static readonly Dictionary<string, string> s_thresholdLookup = BuildLookup(ThresholdAliases, ThresholdNames, s_thresholdByNumber);

        /// <summary>The enum name of a harm category given as a name, alias or number.</summary>
        public static string NormalizeCategory(object? value) =>
            Normalize(value, s_categoryLookup, s_categoryByNumber, "harm category",
                "Use Harassment, HateSpeech, SexuallyExplicit, DangerousContent (or CivicIntegrity), the full names such as HARM_CATEGORY_HARASSMENT, or the seed's aliases (hate, sex, danger).");

        /// <summary>The enum name of a block threshold given as a name, alias or number.</summary>
        public static string NormalizeThreshold(object? value) =>
            Normalize(value, s_thresholdLookup, s_thresholdByNumber, "block threshold",
                "Use BlockNone, BlockOnlyHigh, BlockMediumAndAbove, BlockLowAndAbove or Off (also BLOCK_NONE, none, high, medium, low, or 0-5).");

        /// <summary>
        /// Settings from any accepted shape; later entries for a category replace earlier ones.
        /// </summary>
        public static List<SafetySetting> Convert(object? value)
        {
            var result = new List<SafetySetting>();
            Add(result, value, topLevel: true);
            return result;
        }

        private static void Add(List<SafetySetting> result, object? value, bool topLevel)
        {
            switch (value)
            {
                case null:
                    return;
                case SafetySetting setting:
                    Put(result, NormalizeCategory(setting.Category), NormalizeThreshold(setting.Threshold));
                    return;
                case IDictionary dictionary when IsItem(dictionary):
                    Put(result, NormalizeCategory(Get(dictionary, "category")), NormalizeThreshold(Get(dictionary, "threshold")));
                    return;
                case IDictionary map:
                    foreach (DictionaryEntry entry in map)
                        Put(result, NormalizeCategory(entry.Key), NormalizeThreshold(entry.Value));
                    return;
                case string _:
                case int _:
                case long _:
                case Enum _:
                    if (!topLevel)
                        throw Invalid($"'{value}' is not a safety setting item: a list holds @{{ category = ...; threshold = ... }} items.", value,
                            "Pass @{ Harassment = 'BlockNone' }, a list of @{ category = 'Harassment'; threshold = 'BlockNone' }, or one threshold such as 'BlockOnlyHigh'.");
                    string threshold = NormalizeThreshold(value);
                    foreach (var category in DefaultCategories) Put(result, category, threshold);
                    return;
                case IEnumerable items:
                    foreach (var item in items) Add(result, item, topLevel: false);
                    return;
                default:
                    throw Invalid($"A safety setting cannot be made from a value of type '{value.GetType().Name}'.", value,
                        "Pass @{ Harassment = 'BlockNone'; DangerousContent = 'BlockOnlyHigh' }, a list of @{ category = ...; threshold = ... }, or one threshold.");
            }
        }

        private static void Put(List<SafetySetting> result, string category, string threshold)
        {
            int index = result.FindIndex(s => s.Category == category);
            var setting = new SafetySetting(category, threshold);
            if (index >= 0) result[index] = setting;
            else result.Add(setting);
        }

        private static string Normalize(object? value, Dictionary<string, string> lookup, string[] byNumber, string what, string help)
        {
            switch (value)
            {
                case null:
                    throw Invalid($"A {what} is missing.", null, help);
                case string text when lookup.TryGetValue(FieldNames.Squash(text), out var name):
                    return name;
                case string text when int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int fromText):
                    return Normalize(fromText, lookup, byNumber, what, help);
                case Enum enumValue:
                    return Normalize(enumValue.ToString(), lookup, byNumber, what, help);
                case int _:
                case long _:
                case short _:
                case byte _:
                    long number = System.Convert.ToInt64(value, CultureInfo.InvariantCulture);
                    if (number >= 0 && number < byNumber.Length && byNumber[number].Length > 0) return byNumber[number];
                    break;
            }
            throw Invalid($"'{value}' is not a {what}.", value, help);
        }

        private static Dictionary<string, string> BuildLookup(IReadOnlyDictionary<string, string> aliases, IReadOnlyDictionary<string, string> shortNames, string[] byNumber)
        {
            var lookup = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var name in byNumber.Where(n => n.Length > 0)) lookup[FieldNames.Squash(name)] = name;
            foreach (var pair in shortNames) lookup[FieldNames.Squash(pair.Key)] = pair.Value;
            foreach (var pair in aliases) lookup[FieldNames.Squash(pair.Key)] = pair.Value;
            return lookup;
        }

        private static bool IsItem(IDictionary dictionary)
        {
            var keys = dictionary.Keys.Cast<object>().Select(k => FieldNames.Squash(System.Convert.ToString(k, CultureInfo.InvariantCulture) ?? "")).ToList();
            return keys.Count == 2 && keys.Contains("category") && keys.Contains("threshold");
        }

        private static object? Get(IDictionary dictionary, string key)
        {
            foreach (DictionaryEntry entry in dictionary)
                if (FieldNames.Squash(System.Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "") == key) return entry.Value;
            return null;
        }

        private static InvalidInputException Invalid(string message, object? input, string action) =>
            new InvalidInputException(ErrorCodes.InvalidSafetySetting, message, input, action);
    }
}
