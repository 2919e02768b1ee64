using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace GenAI.Emulator.Tests;

[Collection("emulator")]
public sealed class FilesTests
{
    private const int Granularity = 262_144;
    private readonly EmulatorFixture _emulator;

    public FilesTests(EmulatorFixture emulator)
    {
        _emulator = emulator;
    }

    private HttpClient Client => _emulator.Client;

    [Fact]
    public async Task ResumableUploadInThreeChunksThenProcessingBecomesActive()
    {
        byte[] content = new byte[(2 * Granularity) + 1000];
        new Random(42).NextBytes(content);
        string uploadUrl = await StartAsync(content.Length, "image/png", "{\"file\":{\"display_name\":\"three chunks\"}}");

        Assert.StartsWith(_emulator.Host.BaseUri + "upload/v1beta/files?upload_id=", uploadUrl);
        using HttpClient keyless = new();
        HttpResponseMessage first = await SendChunkAsync(keyless, uploadUrl, content, 0, Granularity, "upload");
        Assert.Equal("active", Header(first, "X-Goog-Upload-Status"));
        HttpResponseMessage second = await SendChunkAsync(keyless, uploadUrl, content, Granularity, Granularity, "upload");
        Assert.Equal("active", Header(second, "X-Goog-Upload-Status"));
        HttpResponseMessage last = await SendChunkAsync(keyless, uploadUrl, content, 2 * Granularity, 1000, "upload, finalize");
        Assert.Equal(HttpStatusCode.OK, last.StatusCode);
        Assert.Equal("final", Header(last, "X-Goog-Upload-Status"));

        JsonNode file = JsonNode.Parse(await last.Content.ReadAsStringAsync())!["file"]!;
        string name = (string)file["name"]!;
        Assert.Matches("^files/[a-z0-9]{12}$", name);
        Assert.Equal("three chunks", (string?)file["displayName"]);
        Assert.Equal("image/png", (string?)file["mimeType"]);
        Assert.Equal(content.Length.ToString(), (string?)file["sizeBytes"]);
        Assert.Equal("PROCESSING", (string?)file["state"]);
        Assert.Equal("UPLOADED", (string?)file["source"]);
        Assert.Equal(_emulator.Host.BaseUri + "v1beta/" + name, (string?)file["uri"]);
        string hexDigest = Convert.ToHexStringLower(SHA256.HashData(content));
        Assert.Equal(Convert.ToBase64String(Encoding.ASCII.GetBytes(hexDigest)), (string?)file["sha256Hash"]);
        var created = DateTimeOffset.Parse((string)file["createTime"]!);
        var expires = DateTimeOffset.Parse((string)file["expirationTime"]!);
        Assert.InRange(expires - created, TimeSpan.FromHours(47.9), TimeSpan.FromHours(48.1));

        long[] chunkSizes = _emulator.Host.Requests.Where(r => r.Query.Contains(uploadUrl.Split("upload_id=")[1].Split('&')[0], StringComparison.Ordinal))
            .Select(r => r.BodyLength).ToArray();
        Assert.Equal(new long[] { Granularity, Granularity, 1000 }, chunkSizes);

        Assert.Equal("ACTIVE", await TestHttp.WaitForFileStateChangeAsync(Client, name));
    }

    [Fact]
    public async Task AWrongOffsetOrAnUnalignedChunkIsRejected()
    {
        byte[] content = new byte[Granularity + 10];
        string uploadUrl = await StartAsync(content.Length, "application/pdf", "{}");
        using HttpClient keyless = new();

        HttpResponseMessage wrongOffset = await SendChunkAsync(keyless, uploadUrl, content, 5, Granularity, "upload", offsetHeader: 5);
        Assert.Equal(HttpStatusCode.BadRequest, wrongOffset.StatusCode);

        HttpResponseMessage unaligned = await SendChunkAsync(keyless, uploadUrl, content, 0, 1000, "upload");
        Assert.Equal(HttpStatusCode.BadRequest, unaligned.StatusCode);

        HttpResponseMessage ok = await SendChunkAsync(keyless, uploadUrl, content, 0, content.Length, "upload, finalize");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task UploadFaultsComeFromTheDisplayNameAndQuerySaysWhatArrived()
    {
        byte[] content = new byte[Granularity + 10];
        using HttpClient keyless = new();

        string refused = await StartAsync(content.Length, "application/pdf", "{\"file\":{\"displayName\":\"fault-503x2-files\"}}");
        for (int i = 0; i < 2; i++)
        {
            HttpResponseMessage overloaded = await SendChunkAsync(keyless, refused, content, 0, Granularity, "upload");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, overloaded.StatusCode);
        }
        HttpResponseMessage nothing = await SendChunkAsync(keyless, refused, content, 0, 0, "query");
        Assert.Equal(("active", "0"), (Header(nothing, "X-Goog-Upload-Status"), Header(nothing, "X-Goog-Upload-Size-Received")));
        Assert.Equal(HttpStatusCode.OK, (await SendChunkAsync(keyless, refused, content, 0, content.Length, "upload, finalize")).StatusCode);

        string dropped = await StartAsync(content.Length, "application/pdf", "{\"file\":{\"displayName\":\"fault-reset-files\"}}");
        await Assert.ThrowsAsync<HttpRequestException>(() => SendChunkAsync(keyless, dropped, content, 0, Granularity, "upload"));
        HttpResponseMessage arrived = await SendChunkAsync(keyless, dropped, content, 0, 0, "query");
        Assert.Equal(Granularity.ToString(), Header(arrived, "X-Goog-Upload-Size-Received"));
        HttpResponseMessage rest = await SendChunkAsync(keyless, dropped, content, Granularity, 10, "upload, finalize");
        Assert.Equal("final", Header(rest, "X-Goog-Upload-Status"));
        HttpResponseMessage done = await SendChunkAsync(keyless, dropped, content, 0, 0, "query");
        Assert.Equal("final", Header(done, "X-Goog-Upload-Status"));
        Assert.Equal(content.Length.ToString(), (string?)JsonNode.Parse(await done.Content.ReadAsStringAsync())!["file"]!["sizeBytes"]);
    }

    [Fact]
    public async Task MultipartUploadListGetAndDelete()
    {
        await using EmulatorHost host = await EmulatorHost.StartAsync(new EmulatorOptions { ApiKey = TestHttp.Key, FileProcessingDelay = TimeSpan.Zero });
        using HttpClient client = TestHttp.CreateClient(host);
        for (int i = 0; i < 3; i++)
        {
            var content = new MultipartContent("related", "BOUNDARY")
            {
                new StringContent($"{{\"file\":{{\"displayName\":\"doc{i}\",\"mimeType\":\"text/plain\"}}}}", Encoding.UTF8, "application/json"),
                new ByteArrayContent(Encoding.UTF8.GetBytes("hello " + i)) { Headers = { { "Content-Type", "text/plain" } } },
            };
            using var request = new HttpRequestMessage(HttpMethod.Post, "upload/v1beta/files") { Content = content };
            request.Headers.Add("X-Goog-Upload-Protocol", "multipart");
            HttpResponseMessage response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            JsonNode file = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["file"]!;
            Assert.Equal("ACTIVE", (string?)file["state"]);
            Assert.Equal("7", (string?)file["sizeBytes"]);
        }

        var (_, page1) = await TestHttp.GetAsync(client, "v1beta/files?pageSize=2");
        Assert.Equal(new[] { "doc2", "doc1" }, page1!["files"]!.AsArray().Select(f => (string?)f!["displayName"]));
        var (_, page2) = await TestHttp.GetAsync(client, "v1beta/files?pageSize=2&pageToken=" + Uri.EscapeDataString((string)page1["nextPageToken"]!));
        JsonNode only = Assert.Single(page2!["files"]!.AsArray())!;
        Assert.Null(page2["nextPageToken"]);

        string name = (string)only["name"]!;
        HttpResponseMessage deleted = await client.DeleteAsync("v1beta/" + name);
        Assert.Equal("{}", (await deleted.Content.ReadAsStringAsync()).Trim());
        var (gone, error) = await TestHttp.GetAsync(client, "v1beta/" + name);
        Assert.Equal(HttpStatusCode.Forbidden, gone.StatusCode);
        Assert.Contains("may not exist", (string?)error!["error"]!["message"]);
    }

    [Fact]
    public async Task AFileCanBeUsedInAPromptOnlyOnceActive()
    {
        byte[] content = Encoding.UTF8.GetBytes("some text");
        string uploadUrl = await StartAsync(content.Length, "text/plain", "{\"file\":{\"name\":\"files/" + TestHttp.Unique("doc") + "\"}}");
        using HttpClient keyless = new();
        HttpResponseMessage final = await SendChunkAsync(keyless, uploadUrl, content, 0, content.Length, "upload, finalize");
        JsonNode file = JsonNode.Parse(await final.Content.ReadAsStringAsync())!["file"]!;
        string prompt = $$$"""{"contents":[{"parts":[{"text":"Summarise"},{"fileData":{"mimeType":"text/plain","fileUri":"{{{file["uri"]}}}"}}]}]}""";

        var (early, error) = await TestHttp.PostAsync(Client, "v1beta/models/gemini-2.0-flash:generateContent", prompt);
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Equal("FAILED_PRECONDITION", TestHttp.ErrorStatus(error));

        Assert.Equal("ACTIVE", await TestHttp.WaitForFileStateChangeAsync(Client, (string)file["name"]!));
        JsonNode response = await TestHttp.GenerateAsync(Client, "gemini-2.0-flash", prompt);
        Assert.Equal($"Echo: Summarise [fileData text/plain {file["uri"]}]", TestHttp.Text(response));
    }

    private async Task<string> StartAsync(long length, string mimeType, string metadata)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "upload/v1beta/files") { Content = TestHttp.Json(metadata) };
        request.Headers.Add("X-Goog-Upload-Protocol", "resumable");
        request.Headers.Add("X-Goog-Upload-Command", "start");
        request.Headers.Add("X-Goog-Upload-Header-Content-Length", length.ToString());
        request.Headers.Add("X-Goog-Upload-Header-Content-Type", mimeType);
        HttpResponseMessage response = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("active", Header(response, "X-Goog-Upload-Status"));
        Assert.Equal("262144", Header(response, "X-Goog-Upload-Chunk-Granularity"));
        return Header(response, "x-goog-upload-url");
    }

    private static async Task<HttpResponseMessage> SendChunkAsync(
        HttpClient client, string url, byte[] content, int offset, int count, string command, long? offsetHeader = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(content, offset, count) };
        request.Headers.Add("X-Goog-Upload-Offset", (offsetHeader ?? offset).ToString());
        request.Headers.Add("X-Goog-Upload-Command", command);
        return await client.SendAsync(request);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.Single() : string.Empty;
}
