using GenAI.Transport.Grpc.Mapping;
using Xunit;

namespace GenAI.Transport.Grpc.Tests.Mapping
{
    /// <summary>
    /// Enum values from a newer service than the bundled protos arrive over gRPC as bare numbers. Every response
    /// field keeps such a value as the service sent it (its number), as REST keeps an unknown name, instead of
    /// failing the call or turning it into the unspecified value.
    /// </summary>
    public sealed class UnknownEnumTests
    {
        [Fact]
        public void Unknown_numbers_in_every_response_enum_field_are_kept()
        {
            var proto = new P.GenerateContentResponse
            {
                Candidates =
                {
                    new P.Candidate
                    {
                        FinishReason = (P.Candidate.Types.FinishReason)91,
                        SafetyRatings = { new P.SafetyRating { Category = (P.HarmCategory)92, Probability = (P.SafetyRating.Types.HarmProbability)93 } },
                    },
                },
                PromptFeedback = new P.GenerateContentResponse.Types.PromptFeedback
                {
                    BlockReason = (P.GenerateContentResponse.Types.PromptFeedback.Types.BlockReason)94,
                    SafetyRatings = { new P.SafetyRating { Category = (P.HarmCategory)95, Probability = P.SafetyRating.Types.HarmProbability.Low } },
                },
                UsageMetadata = new P.GenerateContentResponse.Types.UsageMetadata
                {
                    PromptTokenCount = 3,
                    PromptTokensDetails = { new P.ModalityTokenCount { Modality = (P.Modality)96, TokenCount = 3 } },
                },
            };

            var response = GenerateMapper.ToCore(proto);

            var candidate = response.Candidates![0];
            Assert.Equal("91", candidate.FinishReason);
            Assert.Equal("92", candidate.SafetyRatings![0].Category);
            Assert.Equal("93", candidate.SafetyRatings[0].Probability);
            Assert.Equal("94", response.PromptFeedback!.BlockReason);
            Assert.Equal("95", response.PromptFeedback.SafetyRatings![0].Category);
            Assert.Equal("LOW", response.PromptFeedback.SafetyRatings[0].Probability);
            Assert.Equal("96", response.UsageMetadata!.PromptTokensDetails![0].Modality);
            Assert.Equal(3, response.UsageMetadata.PromptTokensDetails[0].TokenCount);
        }
    }
}
