using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using GenAI.Emulator;

namespace GenAI.Emulator.Tests;

/// <summary>The optional TLS listener that tests of proxies and non-loopback endpoints use.</summary>
public sealed class TlsListenerTests
{
    [Fact]
    public async Task ServesTlsForTheGivenNameWithACertificateWrittenForTestsToTrust()
    {
        string pem = Path.Combine(Path.GetTempPath(), "genai-tls-" + Guid.NewGuid().ToString("n") + ".pem");
        try
        {
            await using EmulatorHost host = await EmulatorHost.StartAsync(new EmulatorOptions
            {
                ApiKey = TestHttp.Key, EnableGrpc = false, TlsHostNames = new[] { "gemini.test" }, TlsCertificatePath = pem,
            });
            Assert.NotNull(host.TlsUri);
            Assert.Equal("https", host.TlsUri!.Scheme);
            using X509Certificate2 written = X509Certificate2.CreateFromPem(File.ReadAllText(pem));
            Assert.DoesNotContain("PRIVATE KEY", File.ReadAllText(pem));

            // Trust exactly the written certificate, and reach the listener as "gemini.test" (SNI and Host).
            string[] presentedNames = Array.Empty<string>();
            using var handler = new SocketsHttpHandler
            {
                ConnectCallback = async (context, token) =>
                {
                    var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
                    await socket.ConnectAsync(IPAddress.Loopback, host.TlsUri.Port, token);
                    return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
                },
                SslOptions =
                {
                    RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    {
                        presentedNames = certificate is X509Certificate2 full ? SubjectNames(full) : Array.Empty<string>();
                        return certificate?.GetCertHashString() == written.Thumbprint;
                    },
                },
            };
            using var client = new HttpClient(handler) { BaseAddress = new Uri("https://gemini.test/") };
            client.DefaultRequestHeaders.Add("x-goog-api-key", TestHttp.Key);

            var (response, body) = await TestHttp.PostAsync(client, "v1beta/models/gemini-2.0-flash:generateContent", TestHttp.Prompt("over tls"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("Echo: over tls", TestHttp.Text(body!));
            Assert.Contains("gemini.test", presentedNames);

            using var other = new HttpRequestMessage(HttpMethod.Get, "v1beta/models");
            other.Headers.Host = "elsewhere.test";
            HttpResponseMessage refused = await client.SendAsync(other);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }
        finally
        {
            File.Delete(pem);
        }
    }

    [Fact]
    public async Task HasNoTlsListenerUnlessAsked()
    {
        await using EmulatorHost host = await EmulatorHost.StartAsync(new EmulatorOptions { ApiKey = TestHttp.Key, EnableGrpc = false });
        Assert.Null(host.TlsUri);
    }

    private static string[] SubjectNames(X509Certificate2 certificate)
    {
        foreach (X509Extension extension in certificate.Extensions)
        {
            if (extension is X509SubjectAlternativeNameExtension names)
            {
                return System.Linq.Enumerable.ToArray(names.EnumerateDnsNames());
            }
        }

        return Array.Empty<string>();
    }
}
