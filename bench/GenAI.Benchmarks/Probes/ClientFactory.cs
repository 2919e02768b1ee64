using GenAI.Core;

namespace GenAI.Benchmarks.Probes;

/// <summary>The core client the probes use: the emulator's base URI and key, the transport named by <c>--transport</c>.</summary>
public static class ClientFactory
{
    public static GenAIClient Create(ProbeArgs args)
    {
        var options = new GenAIClientOptions { BaseUri = args.BaseUri, ApiKey = args.Key };
        string transport = TransportName(args);
        if (transport != "rest")
        {
            throw new System.ArgumentException($"Transport '{transport}' is not available in this build (rest only).");
        }

        return new GenAIClient(options);
    }

    public static string TransportName(ProbeArgs args) => args.Get("transport", "rest").ToLowerInvariant();
}
