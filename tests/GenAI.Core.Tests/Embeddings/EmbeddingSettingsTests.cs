using System;
using GenAI.Core.Embeddings;
using GenAI.Core.Errors;

namespace GenAI.Core.Tests.Embeddings
{
    public class EmbeddingSettingsTests
    {
        [Theory]
        [InlineData("RETRIEVAL_QUERY", "RETRIEVAL_QUERY")]
        [InlineData("RetrievalQuery", "RETRIEVAL_QUERY")]
        [InlineData("retrieval_query", "RETRIEVAL_QUERY")]
        [InlineData("semantic-similarity", "SEMANTIC_SIMILARITY")]
        [InlineData("CodeRetrievalQuery", "CODE_RETRIEVAL_QUERY")]
        public void Task_types_are_sent_in_their_wire_form(string given, string sent) =>
            Assert.Equal(sent, EmbeddingTaskTypes.Normalize(given));

        [Fact]
        public void Every_request_names_the_model_and_carries_the_shared_settings()
        {
            var settings = new EmbeddingSettings { TaskType = "RetrievalDocument", Title = "Handbook", OutputDimensionality = 768 };
            var request = settings.BuildRequest("gemini-embedding-001", "The cafeteria opens at noon.");

            Assert.Equal("models/gemini-embedding-001", request.Model);
            Assert.Equal("The cafeteria opens at noon.", request.Content.Parts[0].Text);
            Assert.Null(request.Content.Role);
            Assert.Equal("RETRIEVAL_DOCUMENT", request.TaskType);
            Assert.Equal("Handbook", request.Title);
            Assert.Equal(768, request.OutputDimensionality);
        }

        [Fact]
        public void A_title_implies_retrieval_document_and_conflicts_with_other_task_types()
        {
            Assert.Equal("RETRIEVAL_DOCUMENT", new EmbeddingSettings { Title = "Doc" }.BuildRequest("m", "x").TaskType);
            Assert.Null(new EmbeddingSettings().BuildRequest("m", "x").TaskType);

            var error = Assert.Throws<InvalidInputException>(() => new EmbeddingSettings { Title = "Doc", TaskType = "CLUSTERING" }.Validate());
            Assert.Equal("TitleRequiresRetrievalDocument", error.ErrorCode);
            Assert.Contains("CLUSTERING", error.Message);
        }

        [Fact]
        public void A_non_positive_dimensionality_is_refused()
        {
            var error = Assert.Throws<InvalidInputException>(() => new EmbeddingSettings { OutputDimensionality = 0 }.Validate());
            Assert.Equal("InvalidOutputDimensionality", error.ErrorCode);
        }

        [Fact]
        public void Normalize_scales_to_length_one_and_leaves_the_input_alone()
        {
            var values = new[] { 3f, 4f };
            var unit = EmbeddingVector.Normalize(values);

            Assert.Equal(new[] { 0.6f, 0.8f }, unit);
            Assert.Equal(new[] { 3f, 4f }, values);
            Assert.Equal(1.0, EmbeddingVector.Length(unit), 6);
            Assert.Equal(new[] { 0f, 0f }, EmbeddingVector.Normalize(new[] { 0f, 0f }));
        }

        [Fact]
        public void Embedding_models_are_told_by_name()
        {
            Assert.True(EmbeddingModels.IsEmbeddingModel("gemini-embedding-001"));
            Assert.True(EmbeddingModels.IsEmbeddingModel("models/text-embedding-004"));
            Assert.False(EmbeddingModels.IsEmbeddingModel("gemini-2.5-flash"));
        }
    }
}
