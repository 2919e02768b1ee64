using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using GenAI.Core.Protocol;
using GenAI.Emulator;

namespace GenAI.Core.Tests.TestSupport
{
    /// <summary>One in-process emulator per test class; tests isolate themselves with a unique model tag.</summary>
    public sealed class EmulatorFixture : IAsyncLifetime
    {
        public const string ApiKey = "emulator-key";

        public EmulatorHost Host { get; private set; }

        public async Task InitializeAsync() => Host = await EmulatorHost.StartAsync(new EmulatorOptions { Port = 0, ApiKey = ApiKey });

        public async Task DisposeAsync()
        {
            if (Host != null) await Host.DisposeAsync();
        }

        /// <summary>A client whose retry waits are short (the service's RetryInfo still applies in full).</summary>
        public GenAIClient Client(List<string> log = null, string key = ApiKey)
        {
            var options = new GenAIClientOptions { BaseUri = Host.BaseUri, ApiKey = key };
            options.Retry.InitialDelay = TimeSpan.FromMilliseconds(20);
            options.Retry.MaxDelay = TimeSpan.FromMilliseconds(100);
            if (log != null) options.Defaults.Log = (level, message) => { lock (log) log.Add($"{level}: {message}"); };
            return new GenAIClient(options);
        }

        /// <summary>How many generation requests reached the emulator for <paramref name="model"/>.</summary>
        public int RequestsFor(string model) => Host.Requests.Count(r => r.Path.Contains("/models/" + model + ":", StringComparison.Ordinal));

        public static string Tagged(string scenario) => $"{scenario}-{Guid.NewGuid():N}".Substring(0, scenario.Length + 9);

        public static GenerateContentRequest Prompt(string text) => new GenerateContentRequest
        {
            Contents = new List<Content> { new Content("user", new[] { new Part { Text = text } }) },
        };
    }
}
