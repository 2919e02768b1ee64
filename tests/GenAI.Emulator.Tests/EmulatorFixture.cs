using System;
using System.Net.Http;
using System.Threading.Tasks;

namespace GenAI.Emulator.Tests;

/// <summary>One emulator shared by the tests of the "emulator" collection; tests use unique model names.</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    public EmulatorHost Host { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await EmulatorHost.StartAsync(new EmulatorOptions { ApiKey = TestHttp.Key, Port = 0 });
        Client = TestHttp.CreateClient(Host);
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
    }
}

[CollectionDefinition("emulator")]
public sealed class EmulatorCollection : ICollectionFixture<EmulatorFixture>
{
}
