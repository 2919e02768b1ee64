namespace GenAI.Transport.Grpc.Tests.TestSupport
{
    /// <summary>Small builders for proto replies.</summary>
    internal static class Protos
    {
        public static P.GenerateContentResponse TextChunk(string text, P.Candidate.Types.FinishReason finish = P.Candidate.Types.FinishReason.Unspecified)
        {
            var candidate = new P.Candidate
            {
                Content = new P.Content { Role = "model", Parts = { new P.Part { Text = text } } },
                FinishReason = finish,
                Index = 0,
            };
            return new P.GenerateContentResponse { Candidates = { candidate }, ModelVersion = "gemini-test-001", ResponseId = "resp-1" };
        }
    }
}
