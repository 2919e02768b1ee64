#nullable enable
using System.Linq;
using System.Text.Json;
using GenAI.Core.Tokenization;

namespace GenAI.Core.Tests.Tokenization
{
    public class LocalTokenCounterTests
    {
        private static readonly LocalTokenCounter Counter = new LocalTokenCounter(TokenizerTestEnvironment.Tokenizer);

        private static int T(string s) => TokenizerTestEnvironment.Tokenizer.CountTokens(s);

        private static JsonElement J(string json) => JsonDocument.Parse(json).RootElement.Clone();

        [VocabularyFact]
        public void RecordedDeveloperApiCountTokensIsLocalPlusOnePerContent()
        {
            // js-genai recording: {"contentTokens":[{"partTokens":[10],"roleTokens":1}],"totalTokens":11}.
            var r = Counter.Count(new[] { TokenizerContent.UserText("The quick brown fox jumps over the lazy dog.") });
            Assert.Equal(10, r.TotalTokens);
            ApiTokenEstimate dev = r.EstimateApiTotal(TokenCountApi.GeminiDeveloperApi, "gemini-2.5-flash");
            Assert.Equal(11, dev.EstimatedTotal);
            Assert.Equal(1, dev.RoleTokens);
            Assert.True(dev.IsEstimate);
            Assert.Equal(10, r.EstimateApiTotal(TokenCountApi.VertexAI, "gemini-2.5-flash").EstimatedTotal);
            Assert.Equal(10, r.EstimateApiTotal(TokenCountApi.GeminiDeveloperApi, "models/gemini-2.0-flash").EstimatedTotal);
            Assert.Contains(r.EstimateApiTotal(TokenCountApi.GeminiDeveloperApi, "gemini-2.0-flash").Caveats, c => c.Contains("256k"));
        }

        [VocabularyFact]
        public void SystemInstructionAddsOneOnTheDeveloperApi()
        {
            // js-genai recording (gemini-2.5, Developer API): "high" + system "I say high you say low" → promptTokenCount 9.
            var r = Counter.Count(new[] { TokenizerContent.UserText("high") },
                new LocalTokenCountOptions { SystemInstruction = new[] { TokenizerPart.FromText("I say high you say low") } });
            Assert.Equal(T("high") + T("I say high you say low"), r.TotalTokens);
            Assert.True(r.HasSystemInstruction);
            Assert.Equal(1, r.ContentCount);
            Assert.Equal(9, r.EstimateApiTotal(TokenCountApi.GeminiDeveloperApi, "gemini-2.5-flash").EstimatedTotal);
            Assert.Equal(7, r.EstimateApiTotal(TokenCountApi.VertexAI).EstimatedTotal);
        }

        [VocabularyFact]
        public void PlainPromptMatchesGoogleGenAiExample()
        {
            // google-genai docstring: LocalTokenizer('gemini-2.5-flash').count_tokens("What is your name?") → total_tokens=5.
            Assert.Equal(5, Counter.CountText("What is your name?"));
            Assert.Equal(5, Counter.Count(new (string?, System.Collections.Generic.IEnumerable<TokenizerPart>)[] { ("user", new[] { TokenizerPart.FromText("What is your name?") }) }).TotalTokens);
        }

        [VocabularyFact]
        public void FunctionCallsAndResponsesCountNamesKeysAndStringLeaves()
        {
            var contents = new[]
            {
                new TokenizerContent("model", new[] { TokenizerPart.FromFunctionCall("get_weather", J("{\"city\":\"Paris\",\"days\":3,\"units\":[\"metric\",\"kelvin\"],\"opts\":{\"verbose\":true,\"lang\":\"fr\"},\"none\":null}")) }),
                new TokenizerContent("user", new[] { TokenizerPart.FromFunctionResponse("get_weather", J("{\"forecast\":[{\"day\":1,\"sky\":\"sunny\"}]}")) }),
            };
            var r = Counter.Count(contents, new LocalTokenCountOptions { IncludeDetails = true });
            int expected = new[] { "get_weather", "city", "days", "units", "opts", "none", "Paris", "metric", "kelvin", "verbose", "lang", "fr",
                                   "get_weather", "forecast", "day", "sky", "sunny" }.Sum(T);
            Assert.Equal(expected, r.TotalTokens);
            Assert.Equal(17, r.Details.Count);
            Assert.Equal(r.TotalTokens, r.Details.Sum(d => d.Tokens));
            Assert.Empty(r.NotCounted);
        }

        [VocabularyFact]
        public void SchemasCountLikeTheTextsAccumulator()
        {
            JsonElement parameters = J(@"{
                ""type"": ""OBJECT"", ""title"": ""ignored title"", ""description"": ""Weather query"",
                ""properties"": {
                    ""city"": { ""type"": ""STRING"", ""description"": ""City name"", ""example"": ""Paris"" },
                    ""unit"": { ""type"": ""STRING"", ""enum"": [""celsius"", ""fahrenheit""], ""default"": ""celsius"" },
                    ""when"": { ""type"": ""STRING"", ""format"": ""date-time"" },
                    ""tags"": { ""type"": ""ARRAY"", ""items"": { ""type"": ""STRING"", ""description"": ""A tag"" } },
                    ""meta"": { ""type"": ""OBJECT"", ""example"": { ""k"": ""v"", ""n"": 1 }, ""anyOf"": [ { ""description"": ""not counted"" } ] }
                },
                ""required"": [""city""]
            }");
            var r = Counter.Count(new[] { TokenizerContent.UserText("hi") }, new LocalTokenCountOptions
            {
                FunctionDeclarations = new[] { new TokenizerFunctionDeclaration("get_weather", "Gets the weather", parameters) },
                ResponseSchema = J("{\"type\":\"STRING\",\"enum\":[\"yes\",\"no\"]}"),
            });
            int expected = new[]
            {
                "hi", "get_weather", "Gets the weather", "Weather query",
                "city", "City name", "Paris", "unit", "celsius", "fahrenheit", "when", "date-time", "tags", "A tag", "meta", "k", "n", "v", // example: keys and string values
                "city", // required entries are counted again
                "yes", "no",
            }.Sum(T);
            Assert.Equal(expected, r.TotalTokens);
            Assert.True(r.HasFunctionDeclarations);
            Assert.Contains(r.EstimateApiTotal(TokenCountApi.GeminiDeveloperApi, "gemini-2.5-pro").Caveats, c => c.Contains("Tools"));
        }

        [VocabularyFact]
        public void NonTextPartsAreReportedNotCounted()
        {
            var r = Counter.Count(new[]
            {
                new TokenizerContent("user", new[]
                {
                    TokenizerPart.FromText("Describe this image."),
                    TokenizerPart.FromInlineData("image/png"),
                    TokenizerPart.FromFileData("video/mp4"),
                    TokenizerPart.FromOther("executableCode"),
                }),
            });
            Assert.Equal(T("Describe this image."), r.TotalTokens);
            Assert.Equal(new[] { "image/png", "video/mp4", null }, r.NotCounted.Select(n => n.MimeType).ToArray());
            Assert.Equal("contents[0].parts[1]", r.NotCounted[0].Location);
            Assert.Equal(TokenizerPartKind.Other, r.NotCounted[2].Kind);
            Assert.Equal("executableCode", r.NotCounted[2].FieldName);
            Assert.Contains(r.EstimateApiTotal(TokenCountApi.GeminiDeveloperApi).Caveats, c => c.Contains("3 non-text"));
        }
    }
}
