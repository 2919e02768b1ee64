using System;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GenAI.Transport.Grpc.Tests.TestSupport
{
    /// <summary>A real Kestrel gRPC server (h2c on 127.0.0.1, a free port) hosting the fake services of one test.</summary>
    internal sealed class TestGrpcServer : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private TestGrpcServer(WebApplication app, Uri address)
        {
            _app = app;
            Address = address;
        }

        public Uri Address { get; }

        public FakeServices Services { get; private set; }

        public static async Task<TestGrpcServer> StartAsync(FakeServices services = null)
        {
            services ??= new FakeServices();
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, o => o.Protocols = HttpProtocols.Http2));
            builder.Services.AddGrpc();
            builder.Services.AddSingleton(services.Generative);
            builder.Services.AddSingleton(services.Models);
            builder.Services.AddSingleton(services.Caches);
            builder.Services.AddSingleton(services.Files);
            var app = builder.Build();
            app.MapGrpcService<FakeGenerativeService>();
            app.MapGrpcService<FakeModelService>();
            app.MapGrpcService<FakeCacheService>();
            app.MapGrpcService<FakeFileService>();
            await app.StartAsync();
            string url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new TestGrpcServer(app, new Uri(url.TrimEnd('/') + "/")) { Services = services };
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
