using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace GenAI.Emulator.Tests;

[Collection("emulator")]
public sealed class CachedContentTests
{
    private const string CacheBody = """
        {"model": "models/gemini-2.5-flash", "displayName": "apollo", "ttl": "300s",
         "systemInstruction": {"parts": [{"text": "You are an expert"}]},
         "contents": [{"role": "user", "parts": [{"text": "A long transcript of words"}]}]}
        """;

    private readonly EmulatorFixture _emulator;

    public CachedContentTests(EmulatorFixture emulator)
    {
        _emulator = emulator;
    }

    private HttpClient Client => _emulator.Client;

    [Fact]
    public async Task CreateGetListPatchDelete()
    {
        var (created, cache) = await TestHttp.PostAsync(Client, "v1beta/cachedContents", CacheBody);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        string name = (string)cache!["name"]!;
        Assert.Matches("^cachedContents/[a-z0-9]+$", name);
        Assert.Equal("models/gemini-2.5-flash", (string?)cache["model"]);
        Assert.Equal("apollo", (string?)cache["displayName"]);
        Assert.Equal(9, (int)cache["usageMetadata"]!["totalTokenCount"]!);
        Assert.Null(cache["contents"]);
        Assert.Null(cache["systemInstruction"]);
        var createTime = DateTimeOffset.Parse((string)cache["createTime"]!);
        var expireTime = DateTimeOffset.Parse((string)cache["expireTime"]!);
        Assert.InRange(expireTime - createTime, TimeSpan.FromSeconds(299), TimeSpan.FromSeconds(301));

        var (_, fetched) = await TestHttp.GetAsync(Client, "v1beta/" + name);
        Assert.True(JsonNode.DeepEquals(cache, fetched));

        var (_, list) = await TestHttp.GetAsync(Client, "v1beta/cachedContents?pageSize=1000");
        Assert.Contains(list!["cachedContents"]!.AsArray(), c => (string?)c!["name"] == name);

        HttpResponseMessage patched = await Client.PatchAsync($"v1beta/{name}?updateMask=ttl", TestHttp.Json("{\"ttl\": \"7200s\"}"));
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        JsonNode updated = JsonNode.Parse(await patched.Content.ReadAsStringAsync())!;
        Assert.True(DateTimeOffset.Parse((string)updated["expireTime"]!) > expireTime.AddMinutes(100));
        Assert.Equal((string?)cache["createTime"], (string?)updated["createTime"]);

        HttpResponseMessage badMask = await Client.PatchAsync($"v1beta/{name}?updateMask=displayName", TestHttp.Json("{\"displayName\": \"x\"}"));
        Assert.Equal(HttpStatusCode.BadRequest, badMask.StatusCode);

        HttpResponseMessage deleted = await Client.DeleteAsync("v1beta/" + name);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal("{}", (await deleted.Content.ReadAsStringAsync()).Trim());
        var (gone, _) = await TestHttp.GetAsync(Client, "v1beta/" + name);
        Assert.Equal(HttpStatusCode.Forbidden, gone.StatusCode);
    }

    [Fact]
    public async Task GenerateWithACacheReportsCachedTokens()
    {
        var (_, cache) = await TestHttp.PostAsync(Client, "v1beta/cachedContents", CacheBody);
        string name = (string)cache!["name"]!;
        string request = TestHttp.Prompt("Summarise", $",\"cachedContent\":\"{name}\"");

        JsonNode response = await TestHttp.GenerateAsync(Client, "gemini-2.5-flash", request);
        Assert.Equal("Echo: Summarise", TestHttp.Text(response));
        Assert.Equal(9, (int)response["usageMetadata"]!["cachedContentTokenCount"]!);
        Assert.Equal(10, (int)response["usageMetadata"]!["promptTokenCount"]!);

        var (count, tokens) = await TestHttp.PostAsync(Client, "v1beta/models/gemini-2.5-flash:countTokens",
            $"{{\"generateContentRequest\":{{\"model\":\"models/gemini-2.5-flash\",\"cachedContent\":\"{name}\",\"contents\":[{{\"parts\":[{{\"text\":\"Summarise\"}}]}}]}}}}");
        Assert.Equal(HttpStatusCode.OK, count.StatusCode);
        Assert.Equal(10, (int)tokens!["totalTokens"]!);
        Assert.Equal(9, (int)tokens["cachedContentTokenCount"]!);

        var (mismatch, error) = await TestHttp.PostAsync(Client, "v1beta/models/gemini-2.0-flash:generateContent", request);
        Assert.Equal(HttpStatusCode.BadRequest, mismatch.StatusCode);
        Assert.Contains("has to be the same", (string?)error!["error"]!["message"]);

        var (withSystem, _) = await TestHttp.PostAsync(Client, "v1beta/models/gemini-2.5-flash:generateContent",
            TestHttp.Prompt("x", $",\"cachedContent\":\"{name}\",\"systemInstruction\":{{\"parts\":[{{\"text\":\"no\"}}]}}"));
        Assert.Equal(HttpStatusCode.BadRequest, withSystem.StatusCode);
    }

    [Fact]
    public async Task UnknownCacheAndInvalidCreateRequestsFail()
    {
        var (unknown, error) = await TestHttp.PostAsync(Client, "v1beta/models/gemini-2.5-flash:generateContent",
            TestHttp.Prompt("x", ",\"cachedContent\":\"cachedContents/doesnotexist\""));
        Assert.Equal(HttpStatusCode.Forbidden, unknown.StatusCode);
        Assert.Equal("CachedContent not found (or permission denied)", (string?)error!["error"]!["message"]);

        var (both, _) = await TestHttp.PostAsync(Client, "v1beta/cachedContents",
            "{\"model\":\"models/gemini-2.5-flash\",\"ttl\":\"60s\",\"expireTime\":\"2099-01-01T00:00:00Z\"}");
        Assert.Equal(HttpStatusCode.BadRequest, both.StatusCode);

        var (longName, _) = await TestHttp.PostAsync(Client, "v1beta/cachedContents",
            $"{{\"model\":\"models/gemini-2.5-flash\",\"displayName\":\"{new string('x', 129)}\"}}");
        Assert.Equal(HttpStatusCode.BadRequest, longName.StatusCode);

        var (noModel, noModelBody) = await TestHttp.PostAsync(Client, "v1beta/cachedContents", "{\"model\":\"models/nope\"}");
        Assert.Equal(HttpStatusCode.NotFound, noModel.StatusCode);
        Assert.Equal("NOT_FOUND", TestHttp.ErrorStatus(noModelBody));
    }

    [Fact]
    public async Task DefaultTtlIsOneHourAndExpireTimeCanBeSet()
    {
        var (_, cache) = await TestHttp.PostAsync(Client, "v1beta/cachedContents", "{\"model\":\"models/gemini-2.0-flash\"}");
        TimeSpan ttl = DateTimeOffset.Parse((string)cache!["expireTime"]!) - DateTimeOffset.Parse((string)cache["createTime"]!);
        Assert.InRange(ttl, TimeSpan.FromMinutes(59.9), TimeSpan.FromMinutes(60.1));
        Assert.Equal(string.Empty, (string?)cache["displayName"]);

        string target = DateTimeOffset.UtcNow.AddDays(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
        HttpResponseMessage patched = await Client.PatchAsync($"v1beta/{cache["name"]}?update_mask=expire_time", TestHttp.Json($"{{\"expire_time\":\"{target}\"}}"));
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        JsonNode updated = JsonNode.Parse(await patched.Content.ReadAsStringAsync())!;
        Assert.Equal(DateTimeOffset.Parse(target), DateTimeOffset.Parse((string)updated["expireTime"]!));
    }
}
