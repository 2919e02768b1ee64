using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using GenAI.Core.Tokenization;
using GenAI.Core.Transport;

namespace GenAI.Core.Tests.Tokenization
{
    /// <summary>DownloadAndInstallAsync against a loopback server: its own HTTP client, the timeout from RequestOptions, no retries.</summary>
    public sealed class TokenizerDownloadTests : IDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), $"genai-tokdl-{Guid.NewGuid():N}");
        private readonly TcpListener _server = new TcpListener(IPAddress.Loopback, 0);

        public TokenizerDownloadTests() { _server.Start(); }

        private Uri ServerUri => new Uri($"http://127.0.0.1:{((IPEndPoint)_server.LocalEndpoint).Port}/tokenizer.model");

        public void Dispose()
        {
            _server.Stop();
            if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
        }

        [Fact]
        public async Task A_server_that_never_answers_times_out_after_the_options_timeout_with_a_download_error()
        {
            var accepting = _server.AcceptTcpClientAsync();   // accepts, reads nothing, answers nothing
            var cache = new TokenizerCache(_dir);

            var e = await Assert.ThrowsAsync<TokenizerDownloadException>(() =>
                cache.DownloadAndInstallAsync(ServerUri, null, options: new RequestOptions { Timeout = TimeSpan.FromSeconds(1) }));

            Assert.Equal($"Downloading the tokenizer from {ServerUri} timed out after 1 s.", e.Message);
            Assert.Equal(ServerUri, e.SourceUri);
            Assert.False(cache.IsInstalled);
            (await accepting).Dispose();
        }

        [Fact]
        public async Task A_shorter_deadline_wins_over_the_timeout()
        {
            var accepting = _server.AcceptTcpClientAsync();
            var cache = new TokenizerCache(_dir);

            var e = await Assert.ThrowsAsync<TokenizerDownloadException>(() =>
                cache.DownloadAndInstallAsync(ServerUri, null, options: new RequestOptions { Timeout = TimeSpan.FromSeconds(60), Deadline = TimeSpan.FromSeconds(1) }));

            Assert.EndsWith("timed out after 1 s.", e.Message);
            (await accepting).Dispose();
        }

        [Fact]
        public async Task An_http_error_is_reported_once_with_its_status()
        {
            int requests = 0;
            var serving = Task.Run(async () =>
            {
                while (true)
                {
                    using var client = await _server.AcceptTcpClientAsync();
                    Interlocked.Increment(ref requests);
                    var stream = client.GetStream();
                    using var reader = new StreamReader(stream, Encoding.ASCII, false, 1024, leaveOpen: true);
                    while (!string.IsNullOrEmpty(await reader.ReadLineAsync())) { }   // the request line and headers
                    byte[] reply = Encoding.ASCII.GetBytes("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                    await stream.WriteAsync(reply, 0, reply.Length);
                }
            });
            var cache = new TokenizerCache(_dir);

            var e = await Assert.ThrowsAsync<TokenizerDownloadException>(() => cache.DownloadAndInstallAsync(ServerUri, null));

            Assert.Equal(404, e.StatusCode);
            Assert.Equal(1, Volatile.Read(ref requests));
        }

        [Fact]
        public async Task The_callers_cancellation_stays_a_cancellation()
        {
            var accepting = _server.AcceptTcpClientAsync();
            using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new TokenizerCache(_dir).DownloadAndInstallAsync(ServerUri, null, cancellationToken: cts.Token));
            (await accepting).Dispose();
        }
    }
}
