using System;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using GenAI.Emulator.Engine;
using GenAI.Emulator.Recording;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace GenAI.Emulator.Grpc;

/// <summary>
/// The gRPC side of the emulator: its own Kestrel listener (HTTP/2 only, so plain h2c works with
/// prior knowledge) on loopback, serving GenerativeService, ModelService, CacheService and FileService
/// of <c>google.ai.generativelanguage.v1beta</c> over the same <see cref="EmulatorEngine"/> as REST.
/// </summary>
internal static class GrpcEndpoint
{
    public static async Task<(WebApplication App, Uri Uri)> StartAsync(EmulatorEngine engine, RequestLog log, IPAddress address, int port, CancellationToken cancellationToken)
    {
        WebApplicationBuilder builder = LoopbackWebApp.CreateBuilder(address, port, engine.Options.MaxRequestBodyBytes, HttpProtocols.Http2);
        builder.Services.AddGrpc(o =>
        {
            o.MaxReceiveMessageSize = (int)Math.Min(int.MaxValue, engine.Options.MaxRequestBodyBytes);
            o.MaxSendMessageSize = null;
        });
        builder.Services.AddSingleton(new GrpcCalls(engine, log));

        WebApplication app = builder.Build();
        app.Use(Rest.LocalAccessGuard.Create(engine.Options.ApiKey));
        app.MapGrpcService<EmulatorGenerativeService>();
        app.MapGrpcService<EmulatorModelService>();
        app.MapGrpcService<EmulatorCacheService>();
        app.MapGrpcService<EmulatorFileService>();
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        return (app, LoopbackWebApp.BaseUri(app, address));
    }
}
