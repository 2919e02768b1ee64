using System;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;

namespace GenAI.Emulator.Tests;

/// <summary>The emulator guards itself: a random key per start, control endpoints behind it, and loopback Host names only.</summary>
[Collection("emulator")]
public sealed class LocalAccessGuardTests
{
    private readonly EmulatorFixture _emulator;

    public LocalAccessGuardTests(EmulatorFixture emulator)
    {
        _emulator = emulator;
    }

    [Fact]
    public async Task The_default_key_is_random_per_start()
    {
        await using EmulatorHost first = await EmulatorHost.StartAsync(new EmulatorOptions { EnableGrpc = false });
        await using EmulatorHost second = await EmulatorHost.StartAsync(new EmulatorOptions { EnableGrpc = false });
        Assert.Matches("^emu-[0-9a-f]{32}$", first.ApiKey);
        Assert.NotEqual(first.ApiKey, second.ApiKey);
        Assert.NotEqual("emulator-key", first.ApiKey);

        using HttpClient client = TestHttp.CreateClient(first);
        var (response, _) = await TestHttp.GetAsync(client, "v1beta/models");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("DELETE", "emulator/requests")]
    [InlineData("GET", "emulator/requests")]
    [InlineData("POST", "emulator/reset")]
    [InlineData("POST", "emulator/gates/gated-x/release")]
    [InlineData("POST", "emulator/replay")]
    [InlineData("GET", "emulator/stream-timings")]
    public async Task Control_endpoints_need_the_key(string method, string path)
    {
        using HttpClient anonymous = TestHttp.CreateClient(_emulator.Host, withKey: false);
        using HttpResponseMessage missing = await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        Assert.Equal(HttpStatusCode.Forbidden, missing.StatusCode);

        using var wrong = new HttpRequestMessage(new HttpMethod(method), path);
        wrong.Headers.Add("x-goog-api-key", "guessed-key");
        using HttpResponseMessage refused = await anonymous.SendAsync(wrong);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("API_KEY_INVALID", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task With_the_key_a_control_endpoint_works_and_health_needs_none()
    {
        using HttpClient keyed = TestHttp.CreateClient(_emulator.Host);
        var (requests, _) = await TestHttp.GetAsync(keyed, "emulator/requests");
        Assert.Equal(HttpStatusCode.OK, requests.StatusCode);

        using HttpClient anonymous = TestHttp.CreateClient(_emulator.Host, withKey: false);
        var (health, _) = await TestHttp.GetAsync(anonymous, "emulator/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Theory]
    [InlineData("attacker.example")]
    [InlineData("127.0.0.1.attacker.example")]
    [InlineData("localhost.attacker.example")]
    public async Task A_host_name_that_is_not_loopback_is_refused_even_with_the_key(string host)
    {
        using HttpClient keyed = TestHttp.CreateClient(_emulator.Host);
        foreach (string path in new[] { "v1beta/models", "emulator/requests" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Host = $"{host}:{_emulator.Host.BaseUri.Port}";
            using HttpResponseMessage response = await keyed.SendAsync(request);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("loopback name", await response.Content.ReadAsStringAsync());
        }
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    [InlineData("127.1.2.3")]
    public async Task Loopback_host_names_are_served(string host)
    {
        using HttpClient keyed = TestHttp.CreateClient(_emulator.Host);
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1beta/models");
        request.Headers.Host = $"{host}:{_emulator.Host.BaseUri.Port}";
        using HttpResponseMessage response = await keyed.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
