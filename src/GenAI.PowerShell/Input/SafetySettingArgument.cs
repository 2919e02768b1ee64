using System.Collections.Specialized;

namespace GenAI.PowerShell.Input
{
    /// <summary>
    /// The value of -SafetySetting. PowerShell completes the keys of a hashtable literal from the writable
    /// properties of the parameter's type, so typing the parameter as this class makes <c>-SafetySetting @{ &lt;Tab&gt;</c>
    /// offer the harm categories. Whatever form the user gives (a hashtable with any accepted spelling, a list of
    /// @{ category; threshold }, one threshold, SafetySetting objects) is kept as given in <see cref="Value"/> by
    /// <see cref="Transformations.SafetySettingArgumentTransformationAttribute"/>, and converted later like before.
    /// </summary>
    public sealed class SafetySettingArgument
    {
        private readonly OrderedDictionary _byCategory = new OrderedDictionary();

        /// <summary>For <c>[SafetySettingArgument]@{ Harassment = 'BlockNone' }</c>: the properties set fill the map.</summary>
        public SafetySettingArgument()
        {
            Value = _byCategory;
        }

        internal SafetySettingArgument(object value)
        {
            Value = value;
        }

        /// <summary>The settings as the user gave them, for <c>SafetySettingConverter</c>.</summary>
        internal object Value { get; }

        public string? Harassment { get => Get(nameof(Harassment)); set => Set(nameof(Harassment), value); }

        public string? HateSpeech { get => Get(nameof(HateSpeech)); set => Set(nameof(HateSpeech), value); }

        public string? SexuallyExplicit { get => Get(nameof(SexuallyExplicit)); set => Set(nameof(SexuallyExplicit), value); }

        public string? DangerousContent { get => Get(nameof(DangerousContent)); set => Set(nameof(DangerousContent), value); }

        public string? CivicIntegrity { get => Get(nameof(CivicIntegrity)); set => Set(nameof(CivicIntegrity), value); }

        private string? Get(string category) => _byCategory[category] as string;

        private void Set(string category, string? threshold)
        {
            if (threshold == null) _byCategory.Remove(category);
            else _byCategory[category] = threshold;
        }
    }
}
