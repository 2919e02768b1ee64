using System;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using GenAI.Emulator.Engine;
using GenAI.Emulator.Recording;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

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
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(GrpcEndpoint).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, PassiveLifetime>();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = engine.Options.MaxRequestBodyBytes;
            kestrel.Listen(address, port, listen => listen.Protocols = HttpProtocols.Http2);
        });
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

        string bound = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        string host = address.Equals(IPAddress.IPv6Loopback) ? "[::1]" : "127.0.0.1";
        return (app, new Uri($"http://{host}:{new Uri(bound).Port}/"));
    }

    private sealed class PassiveLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
