using GenAI.Core.Errors;

namespace GenAI.Transport.Grpc.Mapping
{
    /// <summary>
    /// Request fields the core types but the public v1beta protos (googleapis/googleapis,
    /// google/ai/generativelanguage/v1beta) do not define: thinkingConfig.thinkingLevel,
    /// imageConfig.imageSize and a part's mediaResolution. Sending them over gRPC would drop them
    /// silently, so the mapping refuses the request instead, naming the field. Field numbers are never guessed.
    /// The same error ends a request carrying an untyped field (set through -GenerationConfig and the like) that the
    /// bundled protos do not have.
    /// </summary>
    internal static class GrpcUnsupportedFields
    {
        public const string RecommendedAction = "Send this request over REST, or leave the setting out.";

        public static InvalidInputException Error(string jsonField) =>
            new InvalidInputException(ErrorCodes.FieldNotSupportedOverGrpc,
                $"The request sets {jsonField}, which the public v1beta gRPC protocol does not define, so it cannot be sent over gRPC.",
                jsonField,
                RecommendedAction);
    }
}
