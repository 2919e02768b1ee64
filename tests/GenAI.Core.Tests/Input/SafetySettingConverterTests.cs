using System.Collections;
using System.Collections.Generic;
using System.Linq;
using GenAI.Core.Errors;
using GenAI.Core.Input;
using GenAI.Core.Protocol;

namespace GenAI.Core.Tests.Input
{
    public class SafetySettingConverterTests
    {
        [Theory]
        [InlineData("Harassment", "HARM_CATEGORY_HARASSMENT")]
        [InlineData("harm_category_harassment", "HARM_CATEGORY_HARASSMENT")]
        [InlineData("HATE", "HARM_CATEGORY_HATE_SPEECH")]
        [InlineData("HateSpeech", "HARM_CATEGORY_HATE_SPEECH")]
        [InlineData("hate_speech", "HARM_CATEGORY_HATE_SPEECH")]
        [InlineData("sex", "HARM_CATEGORY_SEXUALLY_EXPLICIT")]
        [InlineData("harm_category_sexual", "HARM_CATEGORY_SEXUALLY_EXPLICIT")]
        [InlineData("Danger", "HARM_CATEGORY_DANGEROUS_CONTENT")]
        [InlineData("HARM_CATEGORY_DANGEROUS", "HARM_CATEGORY_DANGEROUS_CONTENT")]
        [InlineData("10", "HARM_CATEGORY_DANGEROUS_CONTENT")]
        [InlineData("civic", "HARM_CATEGORY_CIVIC_INTEGRITY")]
        public void Categories_accept_the_seed_aliases_PascalCase_and_numbers(string input, string expected) =>
            Assert.Equal(expected, SafetySettingConverter.NormalizeCategory(input));

        [Theory]
        [InlineData("BlockNone", "BLOCK_NONE")]
        [InlineData("block_none", "BLOCK_NONE")]
        [InlineData("high", "BLOCK_ONLY_HIGH")]
        [InlineData("BlockOnlyHigh", "BLOCK_ONLY_HIGH")]
        [InlineData("MED", "BLOCK_MEDIUM_AND_ABOVE")]
        [InlineData("low", "BLOCK_LOW_AND_ABOVE")]
        [InlineData("off", "OFF")]
        [InlineData("unspecified", "HARM_BLOCK_THRESHOLD_UNSPECIFIED")]
        public void Thresholds_accept_the_seed_aliases_and_PascalCase(string input, string expected) =>
            Assert.Equal(expected, SafetySettingConverter.NormalizeThreshold(input));

        [Fact]
        public void Numbers_name_thresholds_and_categories()
        {
            Assert.Equal("BLOCK_ONLY_HIGH", SafetySettingConverter.NormalizeThreshold(3));
            Assert.Equal("HARM_CATEGORY_HARASSMENT", SafetySettingConverter.NormalizeCategory(7));
            Assert.Throws<InvalidInputException>(() => SafetySettingConverter.NormalizeCategory(3));
        }

        [Fact]
        public void A_map_gives_one_setting_per_category()
        {
            var settings = SafetySettingConverter.Convert(new Hashtable { ["Harassment"] = "BlockNone", ["dangerous"] = 3 });
            Assert.Equal(2, settings.Count);
            Assert.Contains(settings, s => s.Category == "HARM_CATEGORY_HARASSMENT" && s.Threshold == "BLOCK_NONE");
            Assert.Contains(settings, s => s.Category == "HARM_CATEGORY_DANGEROUS_CONTENT" && s.Threshold == "BLOCK_ONLY_HIGH");
        }

        [Fact]
        public void One_threshold_applies_to_the_four_current_categories()
        {
            var settings = SafetySettingConverter.Convert("BlockOnlyHigh");
            Assert.Equal(SafetySettingConverter.DefaultCategories, settings.Select(s => s.Category));
            Assert.All(settings, s => Assert.Equal("BLOCK_ONLY_HIGH", s.Threshold));
        }

        [Fact]
        public void A_list_of_items_is_accepted_and_the_last_entry_for_a_category_wins()
        {
            var settings = SafetySettingConverter.Convert(new object[]
            {
                new Dictionary<string, object> { ["category"] = "hate", ["threshold"] = "low" },
                new SafetySetting("HARM_CATEGORY_HATE_SPEECH", "block_none"),
            });
            var setting = Assert.Single(settings);
            Assert.Equal("BLOCK_NONE", setting.Threshold);
        }

        [Fact]
        public void Unknown_names_are_refused_with_the_valid_ones_named()
        {
            var error = Assert.Throws<InvalidInputException>(() => SafetySettingConverter.Convert(new Hashtable { ["violence"] = "none" }));
            Assert.Equal("InvalidSafetySetting", error.ErrorCode);
            Assert.Contains("'violence'", error.Message);
            Assert.Contains("HateSpeech", error.RecommendedAction);
            Assert.Throws<InvalidInputException>(() => SafetySettingConverter.Convert(new Hashtable { ["hate"] = "sometimes" }));
        }

        [Fact]
        public void The_alias_tables_are_public_for_completion()
        {
            Assert.Equal("HARM_CATEGORY_HATE_SPEECH", SafetySettingConverter.CategoryNames["HateSpeech"]);
            Assert.Equal("BLOCK_ONLY_HIGH", SafetySettingConverter.ThresholdNames["BlockOnlyHigh"]);
            Assert.Equal("HARM_CATEGORY_SEXUALLY_EXPLICIT", SafetySettingConverter.CategoryAliases["sex"]);
        }
    }
}
