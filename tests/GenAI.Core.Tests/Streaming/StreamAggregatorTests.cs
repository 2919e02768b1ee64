#nullable enable
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using GenAI.Core.Protocol;
using GenAI.Core.Streaming;

namespace GenAI.Core.Tests.Streaming
{
    public class StreamAggregatorTests
    {
        private static GenerateContentResponse Chunk(string json) => JsonSerializer.Deserialize(json, GenAIJsonContext.Default.GenerateContentResponse)!;

        [Fact]
        public void Concatenates_text_keeps_other_parts_and_takes_the_last_finish_reason_and_usage()
        {
            var aggregator = new StreamAggregator();
            aggregator.Add(Chunk("{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"Hel\"}]},\"index\":0}],\"usageMetadata\":{\"totalTokenCount\":4},\"modelVersion\":\"v1\"}"));
            aggregator.Add(Chunk("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"lo\"},{\"functionCall\":{\"name\":\"f\",\"args\":{}}}]}}]}"));
            aggregator.Add(Chunk("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"!\"}]},\"finishReason\":\"STOP\"}],\"usageMetadata\":{\"totalTokenCount\":9}}"));
            var response = aggregator.ToResponse();
            var parts = response.Candidates![0].Content!.Parts;
            Assert.Equal(3, parts.Count);
            Assert.Equal("Hello", parts[0].Text);
            Assert.Equal("f", parts[1].FunctionCall!.Name);
            Assert.Equal("!", parts[2].Text);
            Assert.Equal("model", response.Candidates[0].Content!.Role);
            Assert.Equal("STOP", response.FinishReason);
            Assert.Equal(9, response.UsageMetadata!.TotalTokenCount);
            Assert.Equal("v1", response.ModelVersion);
        }

        [Fact]
        public void Thought_text_is_not_merged_with_answer_text()
        {
            var aggregator = new StreamAggregator();
            aggregator.Add(Chunk("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"thinking\",\"thought\":true}]}}]}"));
            aggregator.Add(Chunk("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"answer\",\"thoughtSignature\":\"c2ln\"}]}}]}"));
            var parts = aggregator.ToResponse().Candidates![0].Content!.Parts;
            Assert.Equal(2, parts.Count);
            Assert.True(parts[0].Thought);
            Assert.Equal("answer", parts[1].Text);
            Assert.Equal("c2ln", parts[1].ThoughtSignature);
            Assert.Equal("thinking\nanswer", aggregator.ToResponse().Text);   // the seed includes thought parts in .text
            Assert.Equal("answer", aggregator.ToResponse().TextOrEmpty);
        }

        [Fact]
        public void Groups_candidates_by_index_and_unions_safety_ratings()
        {
            var aggregator = new StreamAggregator();
            aggregator.Add(Chunk("{\"candidates\":[{\"index\":1,\"content\":{\"parts\":[{\"text\":\"b\"}]},\"safetyRatings\":[{\"category\":\"H\",\"probability\":\"LOW\"}]},{\"content\":{\"parts\":[{\"text\":\"a\"}]}}]}"));
            aggregator.Add(Chunk("{\"candidates\":[{\"index\":1,\"content\":{\"parts\":[{\"text\":\"2\"}]},\"safetyRatings\":[{\"category\":\"H\",\"probability\":\"HIGH\",\"blocked\":true},{\"category\":\"D\",\"probability\":\"LOW\"}]}]}"));
            var candidates = aggregator.ToResponse().Candidates!;
            Assert.Equal(2, candidates.Count);
            Assert.Equal("a", candidates[0].Content!.Text);
            Assert.Equal("b2", candidates[1].Content!.Text);
            Assert.Equal(2, candidates[1].SafetyRatings!.Count);
            Assert.Equal("HIGH", candidates[1].SafetyRatings![0].Probability);
            Assert.True(candidates[1].SafetyRatings![0].Blocked);
        }

        [Fact]
        public void Keeps_the_first_prompt_feedback()
        {
            var aggregator = new StreamAggregator();
            aggregator.Add(Chunk("{\"promptFeedback\":{\"blockReason\":\"SAFETY\"}}"));
            Assert.Equal("SAFETY", aggregator.ToResponse().PromptFeedback!.BlockReason);
        }

        [Fact]
        public void The_aggregate_does_not_alias_the_chunks()
        {
            var first = Chunk("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\"}]}}]}");
            var aggregator = new StreamAggregator();
            aggregator.Add(first);
            aggregator.Add(Chunk("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"b\"}]}}]}"));
            Assert.Equal("a", first.Candidates![0].Content!.Parts[0].Text);
        }

        [Fact]
        public void Keeps_going_after_a_snapshot_and_joins_a_long_stream_exactly()
        {
            var aggregator = new StreamAggregator();
            var expected = new StringBuilder();
            GenerateContentResponse? early = null;
            for (int i = 0; i < 5000; i++)
            {
                aggregator.Add(Chunk("{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"w" + i + " \"}]}}]}"));
                expected.Append("w").Append(i).Append(' ');
                if (i == 9) early = aggregator.ToResponse();
            }
            aggregator.Add(Chunk("{\"candidates\":[{\"content\":{\"parts\":[{\"functionCall\":{\"name\":\"f\",\"args\":{}}}]}}]}"));
            aggregator.Add(Chunk("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"after\"}]}}]}"));
            aggregator.Add(Chunk("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\" call\"}]},\"finishReason\":\"STOP\"}]}"));

            Assert.Equal("w0 w1 w2 w3 w4 w5 w6 w7 w8 w9 ", early!.Candidates![0].Content!.Parts[0].Text);
            var parts = aggregator.ToResponse().Candidates![0].Content!.Parts;
            Assert.Equal(3, parts.Count);
            Assert.Equal(expected.ToString(), parts[0].Text);
            Assert.Equal("f", parts[1].FunctionCall!.Name);
            Assert.Equal("after call", parts[2].Text);
            Assert.Equal("w0 w1 w2 w3 w4 w5 w6 w7 w8 w9 ", early.Candidates[0].Content!.Parts[0].Text);
        }
    }
}
