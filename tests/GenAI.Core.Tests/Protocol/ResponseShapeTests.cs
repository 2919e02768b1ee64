using System.Linq;
using System.Text.Json;
using GenAI.Core.Protocol;
using GenAI.Core.Streaming;

namespace GenAI.Core.Tests.Protocol
{
    /// <summary>Every field of GenerateContentResponse (https://ai.google.dev/api/generate-content#generatecontentresponse) is reachable as a typed member, and anything else survives a round trip.</summary>
    public class ResponseShapeTests
    {
        private const string Json = @"{
          ""candidates"": [{
            ""index"": 0,
            ""content"": {""role"": ""model"", ""parts"": [
              {""text"": ""thinking..."", ""thought"": true, ""thoughtSignature"": ""c2ln""},
              {""text"": ""Answer""},
              {""functionCall"": {""id"": ""c1"", ""name"": ""get_weather"", ""args"": {""city"": ""Paris""}}},
              {""executableCode"": {""language"": ""PYTHON"", ""code"": ""print(1)""}},
              {""codeExecutionResult"": {""outcome"": ""OUTCOME_OK"", ""output"": ""1""}},
              {""inlineData"": {""mimeType"": ""image/png"", ""data"": ""AAEC""}},
              {""fileData"": {""mimeType"": ""video/mp4"", ""fileUri"": ""https://x/files/a""}, ""videoMetadata"": {""startOffset"": ""1s""}},
              {""futurePart"": {""x"": 1}}
            ]},
            ""finishReason"": ""A_REASON_FROM_THE_FUTURE"",
            ""finishMessage"": ""done"",
            ""safetyRatings"": [{""category"": ""HARM_CATEGORY_HARASSMENT"", ""probability"": ""NEGLIGIBLE"", ""blocked"": false}],
            ""citationMetadata"": {""citationSources"": [{""startIndex"": 1, ""endIndex"": 5, ""uri"": ""https://c"", ""license"": ""mit""}]},
            ""tokenCount"": 7,
            ""groundingAttributions"": [{""sourceId"": {}}],
            ""groundingMetadata"": {""webSearchQueries"": [""q""], ""groundingChunks"": [{""web"": {""uri"": ""https://w"", ""title"": ""W""}}],
              ""groundingSupports"": [{""segment"": {}}], ""searchEntryPoint"": {""renderedContent"": ""<b/>""}, ""retrievalMetadata"": {""googleSearchDynamicRetrievalScore"": 0.5}},
            ""avgLogprobs"": -0.25,
            ""logprobsResult"": {""topCandidates"": [], ""chosenCandidates"": [{""token"": ""A"", ""logProbability"": -0.1}]},
            ""urlContextMetadata"": {""urlMetadata"": [{""retrievedUrl"": ""https://u""}]},
            ""futureCandidateField"": 42
          }],
          ""promptFeedback"": {""safetyRatings"": []},
          ""usageMetadata"": {""promptTokenCount"": 10, ""cachedContentTokenCount"": 2, ""candidatesTokenCount"": 5, ""toolUsePromptTokenCount"": 1,
            ""thoughtsTokenCount"": 3, ""totalTokenCount"": 19, ""promptTokensDetails"": [{""modality"": ""TEXT"", ""tokenCount"": 8}, {""modality"": ""IMAGE"", ""tokenCount"": 2}],
            ""cacheTokensDetails"": [{""modality"": ""TEXT"", ""tokenCount"": 2}], ""candidatesTokensDetails"": [{""modality"": ""TEXT"", ""tokenCount"": 5}],
            ""toolUsePromptTokensDetails"": [{""modality"": ""TEXT"", ""tokenCount"": 1}]},
          ""modelVersion"": ""gemini-2.5-flash"",
          ""responseId"": ""r1"",
          ""futureTopLevel"": true
        }";

        [Fact]
        public void Every_documented_field_is_typed_and_unknown_ones_survive()
        {
            var response = JsonSerializer.Deserialize(Json, GenAIJsonContext.Default.GenerateContentResponse)!;
            var candidate = response.Candidates![0];
            var parts = candidate.Content!.Parts;
            Assert.Equal(new[] { "text", "text", "functionCall", "executableCode", "codeExecutionResult", "inlineData", "fileData", "unknown" }, parts.Select(p => p.Kind));
            Assert.True(parts[0].Thought);
            Assert.Equal("c2ln", parts[0].ThoughtSignature);
            Assert.Equal("Paris", parts[2].FunctionCall!.Args!.Value.GetProperty("city").GetString());
            Assert.Equal("print(1)", parts[3].ExecutableCode!.Code);
            Assert.Equal("OUTCOME_OK", parts[4].CodeExecutionResult!.Outcome);
            Assert.Equal(3, parts[5].InlineData!.DecodedLength);
            Assert.Equal("1s", parts[6].VideoMetadata!.Value.GetProperty("startOffset").GetString());
            Assert.True(parts[7].AdditionalProperties!.ContainsKey("futurePart"));

            Assert.Equal("A_REASON_FROM_THE_FUTURE", candidate.FinishReason);
            Assert.Equal("done", candidate.FinishMessage);
            Assert.False(candidate.SafetyRatings![0].Blocked);
            Assert.Equal("mit", candidate.CitationMetadata!.CitationSources![0].License);
            Assert.Equal(7, candidate.TokenCount);
            Assert.Single(candidate.GroundingAttributions!);
            Assert.Equal("q", candidate.GroundingMetadata!.WebSearchQueries![0]);
            Assert.Equal(0.5, candidate.GroundingMetadata.RetrievalMetadata!.Value.GetProperty("googleSearchDynamicRetrievalScore").GetDouble());
            Assert.Equal(-0.25, candidate.AvgLogprobs);
            Assert.Equal("A", candidate.LogprobsResult!.Value.GetProperty("chosenCandidates")[0].GetProperty("token").GetString());
            Assert.Equal("https://u", candidate.UrlContextMetadata!.Value.GetProperty("urlMetadata")[0].GetProperty("retrievedUrl").GetString());
            Assert.Equal(42, candidate.AdditionalProperties!["futureCandidateField"].GetInt32());

            var usage = response.UsageMetadata!;
            Assert.Equal((10, 2, 5, 1, 3, 19), (usage.PromptTokenCount, usage.CachedContentTokenCount, usage.CandidatesTokenCount, usage.ToolUsePromptTokenCount, usage.ThoughtsTokenCount, usage.TotalTokenCount));
            Assert.Equal("IMAGE", usage.PromptTokensDetails![1].Modality);
            Assert.Equal(2, usage.CacheTokensDetails![0].TokenCount);
            Assert.Equal(5, usage.CandidatesTokensDetails![0].TokenCount);
            Assert.Equal(1, usage.ToolUsePromptTokensDetails![0].TokenCount);
            Assert.Equal(("gemini-2.5-flash", "r1"), (response.ModelVersion, response.ResponseId));
            Assert.True(response.AdditionalProperties!.ContainsKey("futureTopLevel"));

            var again = JsonSerializer.Serialize(response, GenAIJsonContext.Default.GenerateContentResponse);
            using var original = JsonDocument.Parse(Json);
            using var roundTripped = JsonDocument.Parse(again);
            Assert.Equal(Normalize(original.RootElement), Normalize(roundTripped.RootElement));
            Assert.False(response.IsStreamChunk);
        }

        [Theory]
        [InlineData(@"{""unknownField"": ""\ud800""}")]
        [InlineData(@"{""unknownField"": {""\udc00"": 1}}")]
        [InlineData(@"{""candidates"": [{""content"": {""role"": ""model"", ""parts"": [{""functionCall"": {""name"": ""f"", ""args"": {""a"": [""\ud83d""]}}}]}}]}")]
        [InlineData(@"{""candidates"": [{""content"": {""role"": ""model"", ""parts"": [{""text"": ""\ud800""}]}}]}")]
        public void Text_with_a_lone_surrogate_is_unreadable_anywhere_in_a_reply_not_only_in_typed_fields(string json)
        {
            // Found by the JSON fuzz suite: free-form values (unknown fields, function arguments) read such text and
            // could then not be written back (chat history, exported sessions); now every field fails alike on reading.
            Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json, GenAIJsonContext.Default.GenerateContentResponse));
        }

        [Fact]
        public void Free_form_values_with_valid_text_read_and_write_back_unchanged()
        {
            const string json = @"{""candidates"": [{""content"": {""role"": ""model"", ""parts"": [{""functionCall"": {""name"": ""f"", ""args"": {""city"": ""Zürich \ud83d\ude00"", ""n"": [1, 2.5, true, null]}}}]}}], ""newField"": {""a"": ""b""}}";
            var response = JsonSerializer.Deserialize(json, GenAIJsonContext.Default.GenerateContentResponse)!;
            string written = JsonSerializer.Serialize(response, GenAIJsonContext.Default.GenerateContentResponse);
            var again = JsonSerializer.Deserialize(written, GenAIJsonContext.Default.GenerateContentResponse)!;
            Assert.Equal("Zürich \U0001F600", again.Candidates![0].Content!.Parts[0].FunctionCall!.Args!.Value.GetProperty("city").GetString());
            Assert.Equal("b", again.AdditionalProperties!["newField"].GetProperty("a").GetString());
        }

        [Fact]
        public void A_number_too_large_for_a_double_reads_and_writes_back_instead_of_throwing()
        {
            // Found by the JSON fuzz suite (seed cejq6A6__Ng2): 1e999 reads as infinity, which plain JSON cannot write.
            var response = JsonSerializer.Deserialize(@"{""candidates"": [{""avgLogprobs"": 1e999, ""content"": {""parts"": [{""text"": ""x""}]}}]}",
                GenAIJsonContext.Default.GenerateContentResponse)!;
            Assert.Equal(double.PositiveInfinity, response.Candidates![0].AvgLogprobs);
            string written = JsonSerializer.Serialize(response, GenAIJsonContext.Default.GenerateContentResponse);
            var again = JsonSerializer.Deserialize(written, GenAIJsonContext.Default.GenerateContentResponse)!;
            Assert.Equal(double.PositiveInfinity, again.Candidates![0].AvgLogprobs);
            Assert.Equal("x", again.Text);
        }

        [Fact]
        public void The_aggregate_of_a_stream_keeps_the_new_candidate_fields()
        {
            var chunk = JsonSerializer.Deserialize(Json, GenAIJsonContext.Default.GenerateContentResponse)!;
            chunk.ChunkIndex = 0;
            var aggregator = new StreamAggregator();
            aggregator.Add(chunk);
            var combined = aggregator.ToResponse();
            Assert.False(combined.IsStreamChunk);
            Assert.NotNull(combined.Candidates![0].LogprobsResult);
            Assert.NotNull(combined.Candidates[0].UrlContextMetadata);
            Assert.NotNull(combined.Candidates[0].Content!.Parts.Single(p => p.FileData != null).VideoMetadata);
        }

        private static string Normalize(JsonElement element) => element.ValueKind switch
        {
            JsonValueKind.Object => "{" + string.Join(",", element.EnumerateObject().OrderBy(p => p.Name, System.StringComparer.Ordinal).Select(p => p.Name + ":" + Normalize(p.Value))) + "}",
            JsonValueKind.Array => "[" + string.Join(",", element.EnumerateArray().Select(Normalize)) + "]",
            JsonValueKind.String => "'" + element.GetString() + "'",
            _ => element.GetRawText(),
        };
    }
}
