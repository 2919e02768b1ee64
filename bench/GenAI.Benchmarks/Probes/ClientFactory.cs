using System;
using GenAI.Core;
using GenAI.Core.Transport;

namespace GenAI.Benchmarks.Probes;

/// <summary>
/// The core client the probes use: the emulator's base URI and key, and the transport named by
/// <c>--transport rest|grpc</c> (gRPC at <c>--grpc URI</c>). A gRPC request that falls back to REST is an error,
/// not a silently mislabelled figure.
/// </summary>
public static class ClientFactory
{
    public static GenAIClient Create(ProbeArgs args)
    {
        var options = new GenAIClientOptions { BaseUri = args.BaseUri, ApiKey = args.Key };
        switch (TransportName(args))
        {
            case "rest":
                break;
            case "grpc":
                options.Transport = TransportKind.Grpc;
                options.GrpcUri = new Uri(args.Get("grpc"));
                break;
            default:
                throw new ArgumentException($"Unknown transport '{TransportName(args)}' (rest or grpc).");
        }

        var client = new GenAIClient(options);
        if (client.TransportKind != options.Transport)
        {
            client.Dispose();
            throw new InvalidOperationException($"Asked for {options.Transport} but got {client.TransportKind}: {client.TransportFallbackReason}");
        }

        return client;
    }

    public static string TransportName(ProbeArgs args) => args.Get("transport", "rest").ToLowerInvariant();
}
