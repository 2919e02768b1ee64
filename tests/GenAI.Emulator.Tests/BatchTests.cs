using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace GenAI.Emulator.Tests;

[Collection("emulator")]
public sealed class BatchTests
{
    private readonly EmulatorFixture _emulator;

    public BatchTests(EmulatorFixture emulator)
    {
        _emulator = emulator;
    }

    private HttpClient Client => _emulator.Client;

    private static string InlineBatch(string displayName, params string[] requests) =>
        "{\"batch\": {\"displayName\": \"" + displayName + "\", \"inputConfig\": {\"requests\": {\"requests\": [" +
        string.Join(",", requests.Select((r, i) => "{\"request\": " + r + ", \"metadata\": {\"key\": \"k" + (i + 1) + "\"}}")) + "]}}}}";

    private static string Request(string text, string extra = "") => "{\"contents\": [{\"parts\": [{\"text\": \"" + text + "\"}]}]" + extra + "}";

    private async Task<JsonNode> WaitDoneAsync(HttpClient client, string name)
    {
        for (int i = 0; i < 200; i++)
        {
            var (_, operation) = await TestHttp.GetAsync(client, "v1beta/" + name);
            if ((bool?)operation!["done"] == true)
            {
                return operation;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException(name + " did not finish.");
    }

    [Fact]
    public async Task InlineBatchGoesPendingThenSucceedsWithTheOperationShape()
    {
        var (created, operation) = await TestHttp.PostAsync(Client, "v1beta/models/gemini-2.5-flash:batchGenerateContent",
            InlineBatch("shape", Request("one"), Request("two", ", \"generationConfig\": {\"temperature\": 5}")));
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        string name = (string)operation!["name"]!;
        Assert.Matches("^batches/[a-z0-9]{36}$", name);
        Assert.Null(operation["done"]);
        JsonNode metadata = operation["metadata"]!;
        Assert.Equal("type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatch", (string?)metadata["@type"]);
        Assert.Equal("BATCH_STATE_PENDING", (string?)metadata["state"]);
        Assert.Equal("2", (string?)metadata["batchStats"]!["requestCount"]);
        Assert.Equal("2", (string?)metadata["batchStats"]!["pendingRequestCount"]);
        Assert.Null(metadata["batchStats"]!["successfulRequestCount"]);

        JsonNode done = await WaitDoneAsync(Client, name);
        metadata = done["metadata"]!;
        Assert.Equal("BATCH_STATE_SUCCEEDED", (string?)metadata["state"]);
        Assert.NotNull(metadata["endTime"]);
        Assert.Equal("1", (string?)metadata["batchStats"]!["successfulRequestCount"]);
        Assert.Equal("1", (string?)metadata["batchStats"]!["failedRequestCount"]);
        Assert.Null(metadata["batchStats"]!["pendingRequestCount"]);
        JsonArray items = metadata["output"]!["inlinedResponses"]!["inlinedResponses"]!.AsArray();
        Assert.Equal("k1", (string?)items[0]!["metadata"]!["key"]);
        Assert.Equal("Echo: one", TestHttp.Text(items[0]!["response"]!));
        Assert.Equal(3, (int)items[1]!["error"]!["code"]!);
        Assert.Contains("temperature", (string)items[1]!["error"]!["message"]!);
        Assert.Equal("type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatchOutput", (string?)done["response"]!["@type"]);
        Assert.Equal(2, done["response"]!["inlinedResponses"]!["inlinedResponses"]!.AsArray().Count);

        var (_, list) = await TestHttp.GetAsync(Client, "v1beta/batches?pageSize=100");
        JsonNode listed = list!["operations"]!.AsArray().Single(o => (string?)o!["name"] == name)!;
        Assert.Null(listed["metadata"]!["output"]);
    }

    [Fact]
    public async Task AsyncBatchEmbedContentRunsTheSameLifecycleWithEmbeddingResults()
    {
        static string Embed(string text, int size) =>
            "{\"model\": \"models/gemini-embedding-001\", \"content\": {\"parts\": [{\"text\": \"" + text + "\"}]}, \"outputDimensionality\": " + size + "}";
        var (created, operation) = await TestHttp.PostAsync(Client, "v1beta/models/gemini-embedding-001:asyncBatchEmbedContent",
            InlineBatch("embed", Embed("one", 8), "{\"content\": {\"parts\": []}, \"outputDimensionality\": -1}", Embed("three", 4)));
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal("type.googleapis.com/google.ai.generativelanguage.v1main.EmbedContentBatch", (string?)operation!["metadata"]!["@type"]);
        Assert.Equal("BATCH_STATE_PENDING", (string?)operation["metadata"]!["state"]);

        JsonNode done = await WaitDoneAsync(Client, (string)operation["name"]!);
        Assert.Equal("BATCH_STATE_SUCCEEDED", (string?)done["metadata"]!["state"]);
        Assert.Equal("2", (string?)done["metadata"]!["batchStats"]!["successfulRequestCount"]);
        Assert.Equal("type.googleapis.com/google.ai.generativelanguage.v1main.EmbedContentBatchOutput", (string?)done["response"]!["@type"]);
        JsonArray items = done["metadata"]!["output"]!["inlinedResponses"]!["inlinedResponses"]!.AsArray();
        Assert.Equal(new[] { "k1", "k2", "k3" }, items.Select(i => (string?)i!["metadata"]!["key"]));
        Assert.Equal(8, items[0]!["response"]!["embedding"]!["values"]!.AsArray().Count);
        Assert.Equal(3, (int)items[1]!["error"]!["code"]!);
        Assert.Equal(4, items[2]!["response"]!["embedding"]!["values"]!.AsArray().Count);
        var (_, direct) = await TestHttp.PostAsync(Client, "v1beta/models/gemini-embedding-001:embedContent", Embed("three", 4));
        Assert.Equal(direct!["embedding"]!["values"]!.ToJsonString(), items[2]!["response"]!["embedding"]!["values"]!.ToJsonString());

        var (refused, error) = await TestHttp.PostAsync(Client, "v1beta/models/gemini-2.5-flash:asyncBatchEmbedContent", InlineBatch("wrong", Embed("x", 4)));
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Contains("asyncBatchEmbedContent", (string?)error!["error"]!["message"]);
    }

    [Fact]
    public async Task FileBatchWritesADownloadableResultFile()
    {
        HttpRequestMessage start = new(HttpMethod.Post, "upload/v1beta/files") { Content = TestHttp.Json("{\"file\": {\"displayName\": \"in.jsonl\"}}") };
        start.Headers.Add("X-Goog-Upload-Protocol", "resumable");
        start.Headers.Add("X-Goog-Upload-Command", "start");
        start.Headers.Add("X-Goog-Upload-Header-Content-Type", "application/jsonl");
        HttpResponseMessage started = await Client.SendAsync(start);
        string uploadUrl = started.Headers.GetValues("X-Goog-Upload-URL").Single();
        byte[] content = System.Text.Encoding.UTF8.GetBytes(
            "{\"key\": \"a\", \"request\": " + Request("alpha") + "}\n{\"key\": \"b\", \"request\": " + Request("beta") + "}\n");
        HttpRequestMessage finish = new(HttpMethod.Post, uploadUrl) { Content = new ByteArrayContent(content) };
        finish.Headers.Add("X-Goog-Upload-Command", "upload, finalize");
        finish.Headers.Add("X-Goog-Upload-Offset", "0");
        JsonNode file = JsonNode.Parse(await (await Client.SendAsync(finish)).Content.ReadAsStringAsync())!["file"]!;
        string fileName = (string)file["name"]!;
        Assert.Equal("ACTIVE", await TestHttp.WaitForFileStateChangeAsync(Client, fileName));

        var (_, operation) = await TestHttp.PostAsync(Client, "v1beta/models/gemini-2.5-flash:batchGenerateContent",
            "{\"batch\": {\"display_name\": \"file\", \"input_config\": {\"file_name\": \"" + fileName + "\"}}}");
        Assert.Equal(fileName, (string?)operation!["metadata"]!["inputConfig"]!["fileName"]);
        JsonNode done = await WaitDoneAsync(Client, (string)operation["name"]!);
        string results = (string)done["metadata"]!["output"]!["responsesFile"]!;
        Assert.Equal("files/batch-" + ((string)operation["name"]!)["batches/".Length..], results);

        var (_, resultFile) = await TestHttp.GetAsync(Client, "v1beta/" + results);
        Assert.Equal("GENERATED", (string?)resultFile!["source"]);
        Assert.NotNull(resultFile["downloadUri"]);
        foreach (string path in new[] { $"v1beta/{results}:download?alt=media", $"download/v1beta/{results}:download?alt=media" })
        {
            string[] lines = (await Client.GetStringAsync(path)).TrimEnd('\n').Split('\n');
            Assert.Equal(2, lines.Length);
            Assert.Equal("a", (string?)JsonNode.Parse(lines[0])!["key"]);
            Assert.Equal("Echo: beta", TestHttp.Text(JsonNode.Parse(lines[1])!["response"]!));
        }

        Assert.Equal("{}", (await Client.GetStringAsync($"v1beta/{results}:download")).Trim());
        HttpResponseMessage uploaded = await Client.GetAsync($"v1beta/{fileName}:download?alt=media");
        Assert.Equal(HttpStatusCode.BadRequest, uploaded.StatusCode);
    }

    [Fact]
    public async Task CancelEndsCancelledAndDeleteRemovesTheBatch()
    {
        var (_, operation) = await TestHttp.PostAsync(Client, "v1beta/models/gemini-2.5-flash:batchGenerateContent", InlineBatch("held hold", Request("x")));
        string name = (string)operation!["name"]!;
        HttpResponseMessage cancelled = await Client.PostAsync($"v1beta/{name}:cancel", new StringContent(""));
        Assert.Equal("{}", (await cancelled.Content.ReadAsStringAsync()).Trim());
        var (_, after) = await TestHttp.GetAsync(Client, "v1beta/" + name);
        Assert.Equal("BATCH_STATE_CANCELLED", (string?)after!["metadata"]!["state"]);
        Assert.True((bool)after["done"]!);
        Assert.Equal(1, (int)after["error"]!["code"]!);
        Assert.Null(after["metadata"]!["output"]);

        HttpResponseMessage deleted = await Client.DeleteAsync("v1beta/" + name);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("v1beta/" + name)).StatusCode);
    }

    [Fact]
    public async Task RefusesBadBatches()
    {
        var (noInput, _) = await TestHttp.PostAsync(Client, "v1beta/models/gemini-2.5-flash:batchGenerateContent", "{\"batch\": {\"displayName\": \"x\"}}");
        Assert.Equal(HttpStatusCode.BadRequest, noInput.StatusCode);
        var (noModel, _) = await TestHttp.PostAsync(Client, "v1beta/models/no-such-model:batchGenerateContent", InlineBatch("x", Request("x")));
        Assert.Equal(HttpStatusCode.NotFound, noModel.StatusCode);
        var (noName, _) = await TestHttp.PostAsync(Client, "v1beta/models/gemini-2.5-flash:batchGenerateContent",
            "{\"batch\": {\"inputConfig\": {\"requests\": {\"requests\": [{\"request\": " + Request("x") + "}]}}}}");
        Assert.Equal(HttpStatusCode.BadRequest, noName.StatusCode);
    }

    [Fact]
    public async Task ABatchStillRunningPastTheExpiryEndsExpired()
    {
        await using EmulatorHost host = await EmulatorHost.StartAsync(new EmulatorOptions
        {
            ApiKey = TestHttp.Key, Port = 0, EnableGrpc = false, BatchExpiry = TimeSpan.FromMilliseconds(300),
        });
        using HttpClient client = TestHttp.CreateClient(host);
        var (_, operation) = await TestHttp.PostAsync(client, "v1beta/models/gemini-2.5-flash:batchGenerateContent", InlineBatch("forever hold", Request("x")));
        JsonNode done = await WaitDoneAsync(client, (string)operation!["name"]!);
        Assert.Equal("BATCH_STATE_EXPIRED", (string?)done["metadata"]!["state"]);
        Assert.Null(done["metadata"]!["output"]);
    }
}
