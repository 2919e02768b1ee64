using System.Linq;

namespace GenAI.Transport.Grpc.Mapping
{
    /// <summary>embedContent and batchEmbedContents messages: core ↔ proto.</summary>
    internal static class EmbedMapper
    {
        public static P.EmbedContentRequest ToProto(string model, C.EmbedContentRequest request)
        {
            var result = new P.EmbedContentRequest { Model = request.Model ?? model, Content = ContentMapper.ToProto(request.Content) };
            if (request.TaskType != null) result.TaskType = ProtoEnum<P.TaskType>.Parse(request.TaskType, "task_type");
            if (request.Title != null) result.Title = request.Title;
            if (request.OutputDimensionality.HasValue) result.OutputDimensionality = request.OutputDimensionality.Value;
            ProtoJson.MergeExtras(result, request.AdditionalProperties);
            return result;
        }

        public static P.BatchEmbedContentsRequest ToProto(string model, C.BatchEmbedContentsRequest request)
        {
            var result = new P.BatchEmbedContentsRequest { Model = model };
            result.Requests.AddRange(request.Requests.Select(r => ToProto(model, r)));
            ProtoJson.MergeExtras(result, request.AdditionalProperties);
            return result;
        }

        public static C.EmbedContentResponse ToCore(P.EmbedContentResponse response) => new C.EmbedContentResponse
        {
            Embedding = response.Embedding == null ? null : ToCore(response.Embedding),
        };

        public static C.BatchEmbedContentsResponse ToCore(P.BatchEmbedContentsResponse response) => new C.BatchEmbedContentsResponse
        {
            Embeddings = response.Embeddings.Select(ToCore).ToList(),
        };

        private static C.ContentEmbedding ToCore(P.ContentEmbedding embedding) => new C.ContentEmbedding { Values = embedding.Values.ToArray() };
    }
}
