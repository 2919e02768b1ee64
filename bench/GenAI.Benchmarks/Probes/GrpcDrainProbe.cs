using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Buffers.Binary;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading.Tasks;
using Google.Protobuf;

namespace GenAI.Benchmarks.Probes;

/// <summary>
/// The emulator's send rate over gRPC, the twin of the socket drain: one h2c POST of
/// GenerativeService/StreamGenerateContent through a plain HttpClient (HTTP/2 only), the response body read in
/// large blocks and its gRPC length-prefixed messages skipped and counted, never parsed (no Grpc.Net.Client,
/// no protobuf).
/// </summary>
public static class GrpcDrainProbe
{
    private const string Path = "google.ai.generativelanguage.v1beta.GenerativeService/StreamGenerateContent";

    public static async Task<JsonObject> RunAsync(ProbeArgs args)
    {
        string modelName = args.Get("model", "stream-10000");
        int expected = StreamProbes.ChunkCount(modelName);
        int runs = args.GetInt("runs", 5);
        byte[] message = Request("models/" + modelName, "x");
        byte[] framed = new byte[5 + message.Length];
        BinaryPrimitives.WriteInt32BigEndian(framed.AsSpan(1), message.Length);
        message.CopyTo(framed, 5);
        var uri = new Uri(new Uri(args.Get("grpc")), Path);
        using var http = new HttpClient(new SocketsHttpHandler());
        byte[] buffer = new byte[64 * 1024];

        var seconds = new List<double>();
        for (int run = -1; run < runs; run++)
        {
            long start = Stopwatch.GetTimestamp();
            using var request = new HttpRequestMessage(HttpMethod.Post, uri)
            {
                Content = new ByteArrayContent(framed),
                Version = HttpVersion.Version20,
                VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
            request.Headers.TryAddWithoutValidation("te", "trailers");
            request.Headers.TryAddWithoutValidation("x-goog-api-key", args.Key);
            using HttpResponseMessage response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            using var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            int count = 0, read;
            long skip = 0;           // bytes of the current message still to skip
            int headerFill = 0;      // bytes of the 5-byte message prefix seen so far
            byte[] header = new byte[5];
            while ((read = await body.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            {
                int i = 0;
                while (i < read)
                {
                    if (skip > 0)
                    {
                        int n = (int)Math.Min(skip, read - i);
                        skip -= n;
                        i += n;
                        continue;
                    }

                    header[headerFill++] = buffer[i++];
                    if (headerFill == 5)
                    {
                        skip = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(1));
                        headerFill = 0;
                        count++;
                    }
                }
            }

            long end = Stopwatch.GetTimestamp();
            string status = response.TrailingHeaders.TryGetValues("grpc-status", out var values) ? string.Join(",", values) : "?";
            if (status != "0" || count != expected)
            {
                throw new InvalidOperationException($"Expected {expected} messages and grpc-status 0, received {count} and grpc-status {status}.");
            }

            if (run >= 0)
            {
                seconds.Add(Stats.Seconds(start, end));
            }
        }

        return StreamProbes.Throughput("emulator-drain", "grpc", expected, seconds, null);
    }

    /// <summary>GenerateContentRequest { model = 1; contents = 2 [{ parts = 1 [{ text = 2 }], role = 2 }] }, encoded by hand.</summary>
    private static byte[] Request(string model, string text)
    {
        byte[] part = Message(w => { w.WriteTag(2, WireFormat.WireType.LengthDelimited); w.WriteString(text); });
        byte[] content = Message(w =>
        {
            w.WriteTag(1, WireFormat.WireType.LengthDelimited);
            w.WriteBytes(ByteString.CopyFrom(part));
            w.WriteTag(2, WireFormat.WireType.LengthDelimited);
            w.WriteString("user");
        });
        return Message(w =>
        {
            w.WriteTag(1, WireFormat.WireType.LengthDelimited);
            w.WriteString(model);
            w.WriteTag(2, WireFormat.WireType.LengthDelimited);
            w.WriteBytes(ByteString.CopyFrom(content));
        });
    }

    private static byte[] Message(Action<CodedOutputStream> write)
    {
        using var buffer = new System.IO.MemoryStream();
        using (var output = new CodedOutputStream(buffer, leaveOpen: true))
        {
            write(output);
        }

        return buffer.ToArray();
    }
}
