using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using GenAI.Emulator.Engine.Errors;
using Microsoft.AspNetCore.Http;

namespace GenAI.Emulator.Cassettes;

/// <summary>
/// Record mode's proxy: sends a request on to the upstream service with the upstream key (never the caller's),
/// passes the reply back unchanged as it arrives — a stream piece by piece, flushed at once — and returns what
/// it passed on as a <see cref="CassetteResponse"/>. Resumable uploads work through it: the upload URL the
/// upstream hands out is rewritten to point at this emulator, which sends the chunks on to the upstream URL.
/// </summary>
internal sealed class UpstreamForwarder : IDisposable
{
    private static readonly string[] s_forwardedHeaders = { "accept", "user-agent", "x-goog-api-client" };
    private readonly HttpClient _http;
    private readonly Uri _upstream;
    private readonly string _apiKey;
    private readonly ConcurrentDictionary<string, Uri> _uploadUrls = new(StringComparer.Ordinal);

    public UpstreamForwarder(Uri upstream, string apiKey)
    {
        _upstream = Validate(upstream);
        _apiKey = apiKey;
        _http = new HttpClient(new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.All,
            AllowAutoRedirect = false,
        }) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>The key goes only over https, or plain http to a service on this machine.</summary>
    public static Uri Validate(Uri upstream)
    {
        if (!upstream.IsAbsoluteUri || !(upstream.Scheme == Uri.UriSchemeHttps || (upstream.Scheme == Uri.UriSchemeHttp && upstream.IsLoopback)))
        {
            throw new ArgumentException($"The upstream must be an https URI (or http on loopback), not '{upstream}': the API key travels with every request.");
        }

        return upstream.AbsoluteUri.EndsWith('/') ? upstream : new Uri(upstream.AbsoluteUri + "/");
    }

    public async Task<CassetteResponse> ForwardAsync(HttpContext context, ReadOnlyMemory<byte> body, Uri self, CancellationToken cancellationToken)
    {
        using HttpRequestMessage message = Build(context.Request, body);
        HttpResponseMessage upstream;
        try
        {
            upstream = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new ApiException(new ApiError(502, "UNAVAILABLE",
                $"The recording emulator could not reach the upstream {_upstream}: {ex.Message} Nothing was recorded."));
        }

        using (upstream)
        {
            SortedDictionary<string, string> headers = KeptHeaders(upstream);
            CassettePlayer.ApplyHead(context, (int)upstream.StatusCode, headers, self);
            bool events = upstream.Content.Headers.ContentType?.MediaType == "text/event-stream";
            var splitter = new EventStreamSplitter();
            using var whole = new MemoryStream();
            bool dropped = false;
            await context.Response.StartAsync(cancellationToken).ConfigureAwait(false);
            Stream reply = await upstream.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            byte[] buffer = new byte[16 * 1024];
            while (true)
            {
                int read;
                try
                {
                    read = await reply.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
                {
                    dropped = true;
                    break;
                }

                if (read == 0)
                {
                    break;
                }

                await context.Response.Body.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                await context.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
                if (events)
                {
                    splitter.Write(buffer.AsSpan(0, read));
                }
                else
                {
                    whole.Write(buffer, 0, read);
                }
            }

            if (dropped)
            {
                context.Abort();
            }

            var (json, text) = events ? (null, null) : CassetteResponse.ParseBody(whole.ToArray());
            return new CassetteResponse
            {
                Status = (int)upstream.StatusCode,
                Headers = headers,
                Json = json,
                Text = text,
                Events = events ? splitter.Complete() : null,
                ConnectionDropped = dropped,
            };
        }
    }

    private HttpRequestMessage Build(HttpRequest request, ReadOnlyMemory<byte> body)
    {
        string uploadId = request.Query["upload_id"].ToString();
        Uri target = uploadId.Length > 0 && _uploadUrls.TryGetValue(uploadId, out Uri? uploadUrl)
            ? uploadUrl
            : new Uri(_upstream, (request.Path.Value ?? "/").TrimStart('/') + QueryWithoutKey(request));
        var message = new HttpRequestMessage(new HttpMethod(request.Method), target);
        if (!body.IsEmpty || HttpMethods.IsPost(request.Method) || HttpMethods.IsPatch(request.Method))
        {
            message.Content = new ReadOnlyMemoryContent(body);
            if (!string.IsNullOrEmpty(request.ContentType))
            {
                message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType);
            }
        }

        foreach (var (name, values) in request.Headers)
        {
            if (s_forwardedHeaders.Contains(name, StringComparer.OrdinalIgnoreCase) || name.StartsWith("x-goog-upload-", StringComparison.OrdinalIgnoreCase))
            {
                message.Headers.TryAddWithoutValidation(name, values.ToArray());
            }
        }

        if (uploadId.Length == 0)
        {
            // Upload URLs are authorised by their upload id: the key goes only to the upstream's API paths.
            message.Headers.TryAddWithoutValidation("x-goog-api-key", _apiKey);
        }

        return message;
    }

    private static string QueryWithoutKey(HttpRequest request)
    {
        string[] kept = request.Query
            .Where(p => !string.Equals(p.Key, "key", StringComparison.OrdinalIgnoreCase))
            .SelectMany(p => p.Value.Select(v => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(v ?? string.Empty)))
            .ToArray();
        return kept.Length == 0 ? string.Empty : "?" + string.Join("&", kept);
    }

    /// <summary>The allow-listed reply headers; an upload URL is remembered (to forward its chunks) and kept as a path.</summary>
    private SortedDictionary<string, string> KeptHeaders(HttpResponseMessage upstream)
    {
        var kept = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, values) in upstream.Headers.Concat(upstream.Content.Headers))
        {
            string lower = name.ToLowerInvariant();
            if (!CassetteResponse.KeptHeaders.Contains(lower))
            {
                continue;
            }

            string value = string.Join(", ", values);
            if (CassettePlayer.IsUploadUrl(lower) && Uri.TryCreate(value, UriKind.Absolute, out Uri? url))
            {
                string id = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(url.Query).TryGetValue("upload_id", out var ids) ? ids.ToString() : string.Empty;
                if (id.Length > 0)
                {
                    _uploadUrls[id] = url;
                }

                value = url.PathAndQuery;
            }

            kept[lower] = value;
        }

        return kept;
    }

    public void Dispose() => _http.Dispose();
}
