using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace GenAI.Emulator.Tests;

[Collection("emulator")]
public sealed class AuthTests
{
    private const string InvalidKeyBody =
        "{\"error\":{\"code\":400,\"message\":\"API key not valid. Please pass a valid API key.\",\"status\":\"INVALID_ARGUMENT\",\"details\":[" +
        "{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\",\"reason\":\"API_KEY_INVALID\",\"domain\":\"googleapis.com\",\"metadata\":{\"service\":\"generativelanguage.googleapis.com\"}}," +
        "{\"@type\":\"type.googleapis.com/google.rpc.LocalizedMessage\",\"locale\":\"en-US\",\"message\":\"API key not valid. Please pass a valid API key.\"}]}}";

    private readonly EmulatorFixture _emulator;

    public AuthTests(EmulatorFixture emulator)
    {
        _emulator = emulator;
    }

    [Fact]
    public async Task KeyInHeaderIsAccepted()
    {
        var (response, body) = await TestHttp.PostAsync(_emulator.Client, "v1beta/models/gemini-2.0-flash:generateContent", TestHttp.Prompt("hi"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Echo: hi", TestHttp.Text(body!));
    }

    [Fact]
    public async Task KeyInQueryIsAccepted()
    {
        using HttpClient client = TestHttp.CreateClient(_emulator.Host, withKey: false);
        var (response, _) = await TestHttp.GetAsync(client, $"v1beta/models?key={TestHttp.Key}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task WrongKeyGives400ApiKeyInvalidExactlyLikeTheService()
    {
        using HttpClient client = TestHttp.CreateClient(_emulator.Host, withKey: false);
        client.DefaultRequestHeaders.Add("x-goog-api-key", "wrong");
        HttpResponseMessage response = await client.PostAsync("v1beta/models/gemini-2.0-flash:generateContent", TestHttp.Json(TestHttp.Prompt("hi")));
        string raw = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json; charset=UTF-8", TestHttp.ContentType(response));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(InvalidKeyBody), JsonNode.Parse(raw)), raw);
        Assert.StartsWith("{\n  \"error\": {\n    \"code\": 400,", raw);
    }

    [Fact]
    public async Task WrongKeyInQueryIsRejected()
    {
        using HttpClient client = TestHttp.CreateClient(_emulator.Host, withKey: false);
        var (response, body) = await TestHttp.GetAsync(client, "v1beta/models?key=nope");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("API_KEY_INVALID", (string?)body!["error"]!["details"]![0]!["reason"]);
    }

    [Fact]
    public async Task MissingKeyGives403PermissionDenied()
    {
        using HttpClient client = TestHttp.CreateClient(_emulator.Host, withKey: false);
        var (response, body) = await TestHttp.PostAsync(client, "v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse", TestHttp.Prompt("hi"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("PERMISSION_DENIED", TestHttp.ErrorStatus(body));
        Assert.Contains("unregistered callers", (string?)body!["error"]!["message"]);
    }

    [Fact]
    public async Task ControlEndpointsNeedNoKey()
    {
        using HttpClient client = TestHttp.CreateClient(_emulator.Host, withKey: false);
        var (response, body) = await TestHttp.GetAsync(client, "emulator/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", (string?)body!["status"]);
    }

    [Fact]
    public async Task UnknownPathGivesGoogleStyleHtml404()
    {
        HttpResponseMessage response = await _emulator.Client.GetAsync("v1beta/nothing/here");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Error 404 (Not Found)", await response.Content.ReadAsStringAsync());
    }
}
