using System;
using System.Linq;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GenAI.Emulator;

/// <summary>
/// The Kestrel setup every emulator listener shares (REST and gRPC): one loopback address and port, no
/// logging, no Server header, the request body limit, a 5 s shutdown, and no console hooks.
/// </summary>
internal static class LoopbackWebApp
{
    /// <param name="protocols">Null for Kestrel's default (HTTP/1.1 and HTTP/2 over TLS); Http2 for plain h2c.</param>
    /// <param name="tls">A second, https listener on <c>tls.Port</c> with <c>tls.Certificate</c> (the tests' TLS endpoint), or null.</param>
    public static WebApplicationBuilder CreateBuilder(IPAddress address, int port, long maxRequestBodyBytes, HttpProtocols? protocols = null,
        (X509Certificate2 Certificate, int Port)? tls = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(LoopbackWebApp).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, PassiveHostLifetime>();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        if (tls is not null)
        {
            builder.WebHost.UseKestrelHttpsConfiguration();
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = maxRequestBodyBytes;
            if (protocols is HttpProtocols only)
            {
                kestrel.Listen(address, port, listen => listen.Protocols = only);
            }
            else
            {
                kestrel.Listen(address, port);
            }

            if (tls is { } https)
            {
                kestrel.Listen(address, https.Port, listen => listen.UseHttps(https.Certificate));
            }
        });
        return builder;
    }

    /// <summary>The started app's base address for <paramref name="scheme"/>, e.g. <c>http://127.0.0.1:54321/</c> (with the port Kestrel chose for port 0).</summary>
    public static Uri BaseUri(WebApplication app, IPAddress address, string scheme = "http")
    {
        string bound = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses
            .First(a => a.StartsWith(scheme + ":", StringComparison.Ordinal));
        string host = address.Equals(IPAddress.IPv6Loopback) ? "[::1]" : "127.0.0.1";
        return new Uri($"{scheme}://{host}:{new Uri(bound).Port}/");
    }

    /// <summary>No console hooks: an in-process emulator must not react to the test runner's Ctrl+C.</summary>
    private sealed class PassiveHostLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
