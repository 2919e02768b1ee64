using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using GenAI.Core.Models;
using GenAI.Core.Protocol;
using GenAI.Core.Tokenization;

namespace GenAI.Core.Tests.Tokenization
{
    public class ProtocolTokenizerAdapterTests
    {
        private static readonly LocalTokenCounter Counter = new LocalTokenCounter(TokenizerTestEnvironment.Tokenizer);

        private static int T(string s) => TokenizerTestEnvironment.Tokenizer.CountTokens(s);

        private static JsonElement J(string json) => JsonDocument.Parse(json).RootElement.Clone();

        private static Tool WeatherTool() => new Tool
        {
            FunctionDeclarations = new List<FunctionDeclaration>
            {
                new FunctionDeclaration
                {
                    Name = "get_weather",
                    Description = "Weather for a city",
                    Parameters = J("{\"type\":\"OBJECT\",\"properties\":{\"city\":{\"type\":\"STRING\",\"description\":\"City name\"}},\"required\":[\"city\"]}"),
                },
            },
        };

        private static GenerativeModel FullModel() => new GenerativeModel("gemini-2.5-flash")
        {
            SystemInstruction = new Content(null, new[] { Part.FromText("You are terse.") }),
            Tools = new List<Tool> { WeatherTool(), new Tool { GoogleSearch = J("{}") } },
            GenerationConfig = new GenerationConfig
            {
                ResponseSchema = J("{\"type\":\"OBJECT\",\"properties\":{\"answer\":{\"type\":\"STRING\",\"enum\":[\"yes\",\"no\"]}}}"),
            },
        };

        private static List<Content> Conversation() => new List<Content>
        {
            new Content("user", new[] { Part.FromText("Is it sunny in Paris?"), Part.FromBytes(new byte[] { 137, 80, 78, 71 }, "image/png") }),
            new Content("model", new[] { new Part { FunctionCall = new FunctionCall { Name = "get_weather", Args = J("{\"city\":\"Paris\"}") } } }),
            new Content("user", new[] { new Part { FunctionResponse = new FunctionResponse { Name = "get_weather", Response = J("{\"sky\":\"sunny\",\"temp\":21}") } } }),
            new Content("model", new[] { new Part { ExecutableCode = new ExecutableCode { Language = "PYTHON", Code = "print(1)" } } }),
        };

        [VocabularyFact]
        public void CountsTheWholeRequestWithGoogleGenAiRules()
        {
            OfflineTokenCount count = Counter.CountRequest(FullModel(), Conversation(), includeDetails: true);

            // google-genai _TextsAccumulator: texts; call/response names, keys and string values; declaration name,
            // description, schema keys/descriptions/required/enum; the response schema; the system instruction.
            string[] counted =
            {
                "Is it sunny in Paris?",
                "get_weather", "city", "Paris",
                "get_weather", "sky", "sunny", "temp",
                "get_weather", "Weather for a city", "city", "city", "City name",
                "answer", "yes", "no",
                "You are terse.",
            };
            Assert.Equal(counted.Sum(T), count.TotalTokens);
            Assert.Equal(counted.OrderBy(s => s, System.StringComparer.Ordinal), count.Details.Select(d => d.Text).OrderBy(s => s, System.StringComparer.Ordinal));
            Assert.Contains(count.Details, d => d.Location == "tools.functionDeclarations[0].parameters.properties.city.description" && d.Text == "City name");
            Assert.Contains(count.Details, d => d.Location == "generationConfig.responseSchema.properties.answer.enum[1]" && d.Text == "no");
            Assert.Contains(count.Details, d => d.Location == "systemInstruction.parts[0].text");

            Assert.Equal("Offline", count.Source);
            Assert.Equal("models/gemini-2.5-flash", count.Model);
            Assert.Equal(4, count.ContentCount);
            Assert.True(count.HasSystemInstruction);
            Assert.Equal(count.TotalTokens + 4 + 1, count.EstimatedApiTotal);
            Assert.True(count.ApiEstimate.IsEstimate);
            Assert.Contains(count.ApiEstimate.Caveats, c => c.Contains("Tools add server-side tokens"));
        }

        [VocabularyFact]
        public void NonTextPartsAreListedAndNamedInAWarning()
        {
            OfflineTokenCount count = Counter.CountRequest(FullModel(), Conversation());

            Assert.Equal(new[] { "contents[0].parts[1]", "contents[3].parts[0]" }, count.NotCounted.Select(p => p.Location));
            Assert.Equal(TokenizerPartKind.InlineData, count.NotCounted[0].Kind);
            Assert.Equal("image/png", count.NotCounted[0].MimeType);
            Assert.Equal("executableCode", count.NotCounted[1].FieldName);
            string warning = Assert.Single(count.Warnings);
            Assert.Contains("2 non-text part(s) not counted offline", warning);
            Assert.Contains("contents[0].parts[1] (image/png)", warning);
            Assert.Contains("contents[3].parts[0] (executableCode)", warning);
            Assert.Contains("the service counts images, audio, video and documents by size and model", warning);
        }

        [VocabularyFact]
        public void FileDataAndUnknownPartsAreNotCounted()
        {
            Part future = JsonSerializer.Deserialize("{\"futurePart\":{\"x\":\"words that must not count\"}}", GenAIJsonContext.Default.Part)!;
            var contents = new List<Content>
            {
                new Content("user", new[] { Part.FromFile("https://generativelanguage.googleapis.com/v1beta/files/abc", "video/mp4"), future, Part.FromText("hi") }),
            };

            OfflineTokenCount count = Counter.CountRequest(new GenerativeModel("gemini-2.5-flash"), contents);

            Assert.Equal(T("hi"), count.TotalTokens);
            Assert.Equal(TokenizerPartKind.FileData, count.NotCounted[0].Kind);
            Assert.Equal("video/mp4", count.NotCounted[0].MimeType);
            Assert.Equal("futurePart", count.NotCounted[1].FieldName);
            Assert.Contains("contents[0].parts[0] (video/mp4 file)", count.Warnings[0]);
        }

        [VocabularyFact]
        public void CountsTheSameRequestTheServiceWouldReceive()
        {
            // Per-call tools replace the model's, as in BuildRequest; the role of the last content is left as given.
            GenerativeModel model = FullModel();
            var overrides = new CallOverrides
            {
                Tools = new List<Tool> { new Tool { FunctionDeclarations = new List<FunctionDeclaration> { new FunctionDeclaration { Name = "lookup" } } } },
            };
            var contents = new List<Content> { new Content(null, new[] { Part.FromText("Hello, world!") }) };

            OfflineTokenCount count = Counter.CountRequest(model, contents, overrides);

            GenerateContentRequest sent = model.BuildRequest(contents, overrides, defaultLastRoleToUser: false);
            OfflineTokenCount direct = Counter.CountRequest(sent, model.Name);
            Assert.Equal(direct.TotalTokens, count.TotalTokens);
            Assert.Equal(T("Hello, world!") + T("lookup") + T("answer") + T("yes") + T("no") + T("You are terse."), count.TotalTokens);
            Assert.Equal(4, T("Hello, world!"));   // published SentencePiece vector: 9259, 236764, 1902, 236888
        }

        [VocabularyFact]
        public void PlainPromptMatchesTheRecordedDeveloperApiCount()
        {
            // js-genai recording (Developer API): totalTokens 11 = 10 text tokens + roleTokens 1.
            OfflineTokenCount count = Counter.CountRequest(new GenerativeModel("gemini-2.5-flash"),
                new[] { Content.FromText("The quick brown fox jumps over the lazy dog.") });

            Assert.Equal(10, count.TotalTokens);
            Assert.Equal(11, count.EstimatedApiTotal);
            Assert.Empty(count.NotCounted);
            Assert.Empty(count.Warnings);
            Assert.Equal("10", count.ToString());
        }

        [VocabularyFact]
        public void WhatTheLocalRulesLeaveOutIsAWarning()
        {
            var model = new GenerativeModel("gemini-2.5-flash")
            {
                CachedContent = "cachedContents/abc123",
                GenerationConfig = new GenerationConfig { ResponseJsonSchema = J("{\"type\":\"object\",\"description\":\"ignored by google-genai\"}") },
            };
            var tools = new List<Tool>
            {
                new Tool { FunctionDeclarations = new List<FunctionDeclaration> { new FunctionDeclaration { Name = "f", ParametersJsonSchema = J("{\"type\":\"object\"}") } } },
            };

            OfflineTokenCount count = Counter.CountRequest(model, new[] { Content.FromText("x") }, new CallOverrides { GenerationConfig = null });
            Assert.Contains(count.Warnings, w => w.Contains("cachedContents/abc123") && w.Contains("CachedContentTokenCount"));
            Assert.Contains(count.Warnings, w => w.Contains("responseJsonSchema"));
            Assert.Equal(T("x"), count.TotalTokens);

            var withTools = new GenerateContentRequest { Contents = { Content.FromText("x") }, Tools = tools };
            Assert.Contains(Counter.CountRequest(withTools, "gemini-2.5-flash").Warnings, w => w.Contains("parametersJsonSchema of function 'f'"));
        }

        [VocabularyFact]
        public void ApiCountSaysWhereItCameFromWithoutChangingTheWire()
        {
            var response = new CountTokensResponse { TotalTokens = 3 };
            Assert.Equal("Api", response.Source);
            Assert.Equal("{\"totalTokens\":3}", JsonSerializer.Serialize(response, GenAIJsonContext.Default.CountTokensResponse));
        }
    }
}
