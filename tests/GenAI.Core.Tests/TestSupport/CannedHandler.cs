using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace GenAI.Core.Tests.TestSupport
{
    /// <summary>An HTTP handler that answers every request with fixed bytes, handed out a few at a time.</summary>
    public sealed class CannedHandler : HttpMessageHandler
    {
        private readonly byte[] _body;
        private readonly string _contentType;
        private readonly int _readSize;
        private readonly HttpStatusCode _status;

        public CannedHandler(byte[] body, string contentType, int readSize = 4096, HttpStatusCode status = HttpStatusCode.OK)
        {
            _body = body;
            _contentType = contentType;
            _readSize = readSize;
            _status = status;
        }

        public HttpRequestMessage LastRequest { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            LastRequest = request;
            var content = new StreamContent(new ChunkedStream(_body, _readSize));
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(_contentType);
            return Task.FromResult(new HttpResponseMessage(_status) { Content = content, RequestMessage = request });
        }

        /// <summary>A client over a REST transport that reads this handler's reply.</summary>
        public GenAIClient Client(Action<GenAI.Core.Transport.DiagnosticLevel, string> log = null)
        {
            var options = new GenAIClientOptions { BaseUri = new Uri("https://generativelanguage.googleapis.com/"), ApiKey = "canned-secret-key-0123456789" };
            options.Defaults.Log = log;
            options.Defaults.MaxRetries = 0;
            return new GenAIClient(options, new GenAI.Core.Transport.RestTransport(options, new HttpClient(this)));
        }
    }
}
