using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace GenAI.Benchmarks.Micro;

/// <summary>An HTTP handler that answers every request with the same event-stream body, from memory.</summary>
public sealed class ReplayHandler : HttpMessageHandler
{
    private static readonly MediaTypeHeaderValue s_eventStream = new("text/event-stream");
    private readonly byte[] _body;

    public ReplayHandler(byte[] body)
    {
        _body = body;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content != null)
        {
            await request.Content.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
        }

        var content = new StreamContent(new MemoryStream(_body, writable: false));
        content.Headers.ContentType = s_eventStream;
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request };
    }
}
