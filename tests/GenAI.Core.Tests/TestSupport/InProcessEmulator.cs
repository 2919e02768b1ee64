using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using GenAI.Emulator;

namespace GenAI.Core.Tests.TestSupport
{
    /// <summary>One in-process emulator per test class and a client configured for it; tests isolate themselves with unique model tags.</summary>
    public sealed class InProcessEmulator : IAsyncLifetime
    {
        public const string ApiKey = "emulator-key";

        public EmulatorHost Host { get; private set; }

        public GenAIClient Client { get; private set; }

        public async Task InitializeAsync()
        {
            Host = await EmulatorHost.StartAsync(new EmulatorOptions { Port = 0, ApiKey = ApiKey });
            Client = new GenAIClient(new GenAIClientOptions { BaseUri = Host.BaseUri, ApiKey = ApiKey });
        }

        public async Task DisposeAsync()
        {
            Client?.Dispose();
            if (Host != null) await Host.DisposeAsync();
        }

        /// <summary>A model id unique to the calling test, e.g. <c>echo-3f2a…</c> (scenario counters and gates are per id).</summary>
        public static string Tagged(string scenario) => $"{scenario}-{Guid.NewGuid():N}".Substring(0, scenario.Length + 13);

        /// <summary>The generation requests that reached the emulator for <paramref name="model"/>, oldest first.</summary>
        public IReadOnlyList<RecordedRequest> RequestsFor(string model) =>
            Host.Requests.Where(r => r.Path.Contains("/models/" + model + ":", StringComparison.Ordinal)).OrderBy(r => r.Sequence).ToList();

        /// <summary>The text of every content of a recorded generation request, in order.</summary>
        public static List<string> ContentTexts(RecordedRequest request)
        {
            using var body = JsonDocument.Parse(request.Body);
            return body.RootElement.GetProperty("contents").EnumerateArray()
                .Select(c => string.Concat(c.GetProperty("parts").EnumerateArray().Select(p => p.TryGetProperty("text", out var t) ? t.GetString() : "")))
                .ToList();
        }

        /// <summary>Waits (bounded) until <paramref name="condition"/> holds, e.g. a request has reached the emulator.</summary>
        public static async Task WaitUntil(Func<bool> condition, int timeoutMs = 10000)
        {
            var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
            while (!condition())
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException("The condition did not hold within " + timeoutMs + " ms.");
                await Task.Delay(10);
            }
        }
    }
}
