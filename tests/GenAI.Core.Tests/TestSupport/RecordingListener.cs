#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace GenAI.Core.Tests.TestSupport
{
    /// <summary>
    /// A second local listener (127.0.0.1, any free port) that records the request head of everything it receives,
    /// then answers <c>200 {}</c>: a stand-in for a host the key must never reach. A request is recorded before it is
    /// answered, so once a client call has returned, everything it sent here is in <see cref="Received"/>.
    /// </summary>
    public sealed class RecordingListener : IDisposable
    {
        private readonly TcpListener _listener = new TcpListener(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly List<string> _received = new List<string>();

        public RecordingListener()
        {
            _listener.Start();
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
            _ = Task.Run(AcceptLoopAsync);
        }

        public int Port { get; }

        /// <summary>The request heads received so far (request line and headers).</summary>
        public IReadOnlyList<string> Received { get { lock (_received) return _received.ToArray(); } }

        private async Task AcceptLoopAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try { client = await _listener.AcceptTcpClientAsync(); }
                catch (Exception) { return; }
                _ = Task.Run(() => ServeAsync(client));
            }
        }

        private async Task ServeAsync(TcpClient client)
        {
            using (client)
            {
                try
                {
                    var stream = client.GetStream();
                    var head = new StringBuilder();
                    var buffer = new byte[4096];
                    while (head.ToString().IndexOf("\r\n\r\n", StringComparison.Ordinal) < 0)
                    {
                        int read = await stream.ReadAsync(buffer, 0, buffer.Length, _stop.Token);
                        if (read == 0) break;
                        head.Append(Encoding.ASCII.GetString(buffer, 0, read));
                    }
                    lock (_received) _received.Add(head.ToString());
                    byte[] reply = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
                    await stream.WriteAsync(reply, 0, reply.Length, _stop.Token);
                }
                catch (Exception e) when (e is IOException || e is OperationCanceledException || e is SocketException)
                {
                }
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            _stop.Dispose();
        }
    }
}
