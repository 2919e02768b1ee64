using System;
using System.Linq;
using System.Net;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace GenAI.Emulator.Tests;

[Collection("emulator")]
public sealed class EmbeddingsTests
{
    private const string Model = "models/gemini-embedding-001";
    private readonly EmulatorFixture _emulator;

    public EmbeddingsTests(EmulatorFixture emulator)
    {
        _emulator = emulator;
    }

    private static string Request(string text, string extra = "", string model = Model) =>
        $"{{\"model\": \"{model}\", \"content\": {{\"parts\": [{{\"text\": \"{text}\"}}]}}{extra}}}";

    private static float[] Values(JsonNode? embedding) => embedding!["values"]!.AsArray().Select(v => (float)v!).ToArray();

    private static double Length(float[] values) => Math.Sqrt(values.Sum(v => (double)v * v));

    [Fact]
    public async Task EmbedContentReturnsAFullSizeNormalisedVector()
    {
        var (response, body) = await TestHttp.PostAsync(_emulator.Client, "v1beta/models/gemini-embedding-001:embedContent", "{\"content\": {\"parts\": [{\"text\": \"hello world\"}]}}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        float[] values = Values(body!["embedding"]);
        Assert.Equal(3072, values.Length);
        Assert.Equal(1.0, Length(values), 3);
    }

    [Fact]
    public async Task VectorsAreDeterministicAndFollowTheText()
    {
        string json = $"{{\"requests\": [{Request("the cat sat on the mat")}, {Request("the cat sat on the mat")}, {Request("a cat on a mat")}, {Request("quarterly revenue report")}]}}";
        var (_, first) = await TestHttp.PostAsync(_emulator.Client, "v1beta/models/gemini-embedding-001:batchEmbedContents", json);
        var (_, second) = await TestHttp.PostAsync(_emulator.Client, "v1beta/models/gemini-embedding-001:batchEmbedContents", json);

        float[][] vectors = first!["embeddings"]!.AsArray().Select(Values).ToArray();
        Assert.Equal(4, vectors.Length);
        Assert.Equal(vectors[0], vectors[1]);
        Assert.Equal(vectors[0], Values(second!["embeddings"]![0]));
        double Cosine(float[] a, float[] b) => a.Zip(b, (x, y) => (double)x * y).Sum();
        Assert.True(Cosine(vectors[0], vectors[2]) > Cosine(vectors[0], vectors[3]) + 0.2, "texts sharing words should be closer");
    }

    [Fact]
    public async Task OutputDimensionalityTruncatesWithoutNormalising()
    {
        string json = $"{{\"requests\": [{Request("truncate me", ", \"outputDimensionality\": 768")}, {Request("truncate me")}]}}";
        var (_, body) = await TestHttp.PostAsync(_emulator.Client, "v1beta/models/gemini-embedding-001:batchEmbedContents", json);

        float[] shortened = Values(body!["embeddings"]![0]);
        float[] full = Values(body["embeddings"]![1]);
        Assert.Equal(768, shortened.Length);
        Assert.Equal(full.Take(768), shortened);
        Assert.True(Length(shortened) < 0.9, $"a truncated vector is not normalised (length {Length(shortened)})");
    }

    [Fact]
    public async Task TaskTypeChangesTheVectorAndUnknownTaskTypesAreRejected()
    {
        string json = $"{{\"requests\": [{Request("same text", ", \"taskType\": \"RETRIEVAL_QUERY\"")}, {Request("same text", ", \"taskType\": \"RETRIEVAL_DOCUMENT\", \"title\": \"Doc\"")}]}}";
        var (_, body) = await TestHttp.PostAsync(_emulator.Client, "v1beta/models/gemini-embedding-001:batchEmbedContents", json);
        Assert.NotEqual(Values(body!["embeddings"]![0]), Values(body["embeddings"]![1]));

        var (response, error) = await TestHttp.PostAsync(_emulator.Client, "v1beta/models/gemini-embedding-001:embedContent",
            Request("x", ", \"taskType\": \"SEARCHING\""));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("task_type", (string)error!["error"]!["message"]!);
    }

    [Fact]
    public async Task MoreThanOneHundredRequestsIsRejectedWithTheServiceMessage()
    {
        string json = "{\"requests\": [" + string.Join(", ", Enumerable.Range(0, 101).Select(i => Request("item " + i))) + "]}";
        var (response, body) = await TestHttp.PostAsync(_emulator.Client, "v1beta/models/gemini-embedding-001:batchEmbedContents", json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("INVALID_ARGUMENT", TestHttp.ErrorStatus(body));
        Assert.Equal("* BatchEmbedContentsRequest.requests: at most 100 requests can be in one batch\n", (string)body!["error"]!["message"]!);

        string hundred = "{\"requests\": [" + string.Join(", ", Enumerable.Range(0, 100).Select(i => Request("item " + i))) + "]}";
        var (ok, accepted) = await TestHttp.PostAsync(_emulator.Client, "v1beta/models/gemini-embedding-001:batchEmbedContents", hundred);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(100, accepted!["embeddings"]!.AsArray().Count);
    }

    [Fact]
    public async Task EveryRequestMustNameTheModelOfTheCall()
    {
        var (response, body) = await TestHttp.PostAsync(_emulator.Client, "v1beta/models/gemini-embedding-001:batchEmbedContents",
            $"{{\"requests\": [{Request("a")}, {Request("b", model: "models/text-embedding-004")}]}}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("requests[1].model", (string)body!["error"]!["message"]!);
    }

    [Fact]
    public async Task GenerativeModelsDoNotEmbedAndEmbeddingModelsAreListed()
    {
        var (response, _) = await TestHttp.PostAsync(_emulator.Client, "v1beta/models/gemini-2.5-flash:embedContent", Request("x", model: "models/gemini-2.5-flash"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);

        var (_, model) = await TestHttp.GetAsync(_emulator.Client, "v1beta/models/gemini-embedding-001");
        Assert.Contains("embedContent", model!["supportedGenerationMethods"]!.AsArray().Select(m => (string?)m));
        Assert.DoesNotContain("generateContent", model["supportedGenerationMethods"]!.AsArray().Select(m => (string?)m));
    }

    [Fact]
    public async Task CountTokensWorksForTheEmbeddingModel()
    {
        var (response, body) = await TestHttp.PostAsync(_emulator.Client, "v1beta/models/gemini-embedding-001:countTokens", TestHttp.Prompt("count these words"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((int)body!["totalTokens"]! > 0);
    }
}
