using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace GenAI.Tests
{
    /// <summary>
    /// A minimal HTTP forward proxy for tests: takes absolute-URI requests (GET http://127.0.0.1:port/path HTTP/1.1),
    /// forwards them to loopback targets only, one request per connection, and records what it saw. Can demand
    /// Basic proxy authentication (answering 407 until the right Proxy-Authorization arrives). CONNECT requests
    /// (https through the proxy) are tunnelled to the loopback port <see cref="Tunnels"/> maps their target to.
    /// </summary>
    public sealed class TestForwardProxy : IDisposable
    {
        private readonly TcpListener _listener = new TcpListener(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private int _forwarded;
        private int _challenged;
        private int _connections;

        public TestForwardProxy(string requiredCredential = null)
        {
            RequiredCredential = requiredCredential;
            _listener.Start();
            Uri = new Uri("http://127.0.0.1:" + ((IPEndPoint)_listener.LocalEndpoint).Port + "/");
            Task.Run(AcceptLoop);
        }

        public Uri Uri { get; }

        /// <summary>"user:password" the proxy demands, or null for none.</summary>
        public string RequiredCredential { get; set; }

        public int ForwardedCount => Volatile.Read(ref _forwarded);

        public int ChallengedCount => Volatile.Read(ref _challenged);

        /// <summary>TCP connections accepted, whatever came over them.</summary>
        public int ConnectionCount => Volatile.Read(ref _connections);

        /// <summary>CONNECT targets ("host:port") and the loopback port each is tunnelled to.</summary>
        public ConcurrentDictionary<string, int> Tunnels { get; } = new ConcurrentDictionary<string, int>(StringComparer.OrdinalIgnoreCase);

        public ConcurrentQueue<string> RequestLines { get; } = new ConcurrentQueue<string>();

        public ConcurrentQueue<string> ProxyAuthorizations { get; } = new ConcurrentQueue<string>();

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
        }

        private async Task AcceptLoop()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try { client = await _listener.AcceptTcpClientAsync().ConfigureAwait(false); }
                catch (Exception) { return; }
                Interlocked.Increment(ref _connections);
                _ = Task.Run(() => HandleAsync(client));
            }
        }

        private async Task HandleAsync(TcpClient client)
        {
            using (client)
            {
                try
                {
                    var stream = client.GetStream();
                    var (head, leftover) = await ReadHeadAsync(stream).ConfigureAwait(false);
                    if (head == null) return;
                    var lines = head.Split(new[] { "\r\n" }, StringSplitOptions.None);
                    string[] requestLine = lines[0].Split(' ');
                    var headers = new List<string>();
                    string authorization = null;
                    for (int i = 1; i < lines.Length; i++)
                    {
                        if (lines[i].Length == 0) continue;
                        string name = lines[i].Substring(0, lines[i].IndexOf(':')).Trim();
                        string value = lines[i].Substring(lines[i].IndexOf(':') + 1).Trim();
                        if (name.Equals("Proxy-Authorization", StringComparison.OrdinalIgnoreCase)) { authorization = value; continue; }
                        if (name.Equals("Proxy-Connection", StringComparison.OrdinalIgnoreCase) || name.Equals("Connection", StringComparison.OrdinalIgnoreCase)) continue;
                        headers.Add(lines[i]);
                    }

                    if (RequiredCredential != null && authorization != "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(RequiredCredential)))
                    {
                        Interlocked.Increment(ref _challenged);
                        await WriteAsync(stream, "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").ConfigureAwait(false);
                        return;
                    }
                    if (authorization != null) ProxyAuthorizations.Enqueue(authorization);

                    if (requestLine.Length == 3 && requestLine[0] == "CONNECT")
                    {
                        await TunnelAsync(stream, lines[0], requestLine[1], leftover).ConfigureAwait(false);
                        return;
                    }

                    if (requestLine.Length != 3 || !Uri.TryCreate(requestLine[1], UriKind.Absolute, out var target) || !IPAddress.TryParse(target.Host, out var address) || !IPAddress.IsLoopback(address))
                    {
                        await WriteAsync(stream, "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").ConfigureAwait(false);
                        return;
                    }
                    RequestLines.Enqueue(lines[0]);
                    Interlocked.Increment(ref _forwarded);

                    using var upstream = new TcpClient();
                    await upstream.ConnectAsync(address, target.Port).ConfigureAwait(false);
                    var server = upstream.GetStream();
                    var forwarded = new StringBuilder();
                    forwarded.Append(requestLine[0]).Append(' ').Append(target.PathAndQuery).Append(' ').Append(requestLine[2]).Append("\r\n");
                    foreach (var header in headers) forwarded.Append(header).Append("\r\n");
                    forwarded.Append("Connection: close\r\n\r\n");
                    await WriteAsync(server, forwarded.ToString()).ConfigureAwait(false);
                    if (leftover.Length > 0) await server.WriteAsync(leftover, 0, leftover.Length).ConfigureAwait(false);

                    _ = stream.CopyToAsync(server, 81920, _stop.Token);
                    await server.CopyToAsync(stream, 81920, _stop.Token).ConfigureAwait(false);
                }
                catch (Exception)
                {
                    // A test proxy: a broken connection just ends that connection.
                }
            }
        }

        private async Task TunnelAsync(NetworkStream stream, string line, string target, byte[] leftover)
        {
            if (!Tunnels.TryGetValue(target, out int port))
            {
                await WriteAsync(stream, "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").ConfigureAwait(false);
                return;
            }
            RequestLines.Enqueue(line);
            Interlocked.Increment(ref _forwarded);
            using var upstream = new TcpClient();
            await upstream.ConnectAsync(IPAddress.Loopback, port).ConfigureAwait(false);
            var server = upstream.GetStream();
            await WriteAsync(stream, "HTTP/1.1 200 Connection established\r\n\r\n").ConfigureAwait(false);
            if (leftover.Length > 0) await server.WriteAsync(leftover, 0, leftover.Length).ConfigureAwait(false);
            _ = stream.CopyToAsync(server, 81920, _stop.Token);
            await server.CopyToAsync(stream, 81920, _stop.Token).ConfigureAwait(false);
        }

        private static async Task<(string, byte[])> ReadHeadAsync(Stream stream)
        {
            var buffer = new MemoryStream();
            var chunk = new byte[8192];
            while (true)
            {
                int read = await stream.ReadAsync(chunk, 0, chunk.Length).ConfigureAwait(false);
                if (read == 0) return (null, Array.Empty<byte>());
                buffer.Write(chunk, 0, read);
                byte[] data = buffer.ToArray();
                for (int i = 3; i < data.Length; i++)
                {
                    if (data[i - 3] == '\r' && data[i - 2] == '\n' && data[i - 1] == '\r' && data[i] == '\n')
                    {
                        string head = Encoding.ASCII.GetString(data, 0, i - 3);
                        byte[] rest = new byte[data.Length - i - 1];
                        Array.Copy(data, i + 1, rest, 0, rest.Length);
                        return (head, rest);
                    }
                }
                if (data.Length > 65536) return (null, Array.Empty<byte>());
            }
        }

        private static Task WriteAsync(Stream stream, string text)
        {
            byte[] bytes = Encoding.ASCII.GetBytes(text);
            return stream.WriteAsync(bytes, 0, bytes.Length);
        }
    }
}
