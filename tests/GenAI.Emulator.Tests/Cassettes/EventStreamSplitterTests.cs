using System;
using System.Linq;
using System.Text;
using GenAI.Emulator.Cassettes;

namespace GenAI.Emulator.Tests.Cassettes;

public sealed class EventStreamSplitterTests
{
    private const string Body =
        "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"Hel\"}]}}]}\r\n\r\n" +
        "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"lo ✓\"}]}}]}\r\n\r\n" +
        "{\n  \"error\": {\n    \"code\": 503\n  }\n}\n";

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(70)]
    [InlineData(4096)]
    public void CutsEventsWhereverTheNetworkSplitsTheBytes(int pieceSize)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(Body);
        var splitter = new EventStreamSplitter();
        for (int offset = 0; offset < bytes.Length; offset += pieceSize)
        {
            splitter.Write(bytes.AsSpan(offset, System.Math.Min(pieceSize, bytes.Length - offset)));
        }

        var events = splitter.Complete();
        Assert.Equal(3, events.Count);
        Assert.Equal("Hel", (string?)events[0].Data!["candidates"]![0]!["content"]!["parts"]![0]!["text"]);
        Assert.Equal("lo ✓", (string?)events[1].Data!["candidates"]![0]!["content"]!["parts"]![0]!["text"]);
        Assert.Null(events[2].Data);
        Assert.Equal("{\n  \"error\": {\n    \"code\": 503\n  }\n}\n", events[2].Raw);
    }

    [Fact]
    public void ReplaysAnEventAsOneDataLineAndARawOneByteForByte()
    {
        var splitter = new EventStreamSplitter();
        splitter.Write(Encoding.UTF8.GetBytes(Body));
        var events = splitter.Complete();
        string replayed = string.Concat(events.Select(e => Encoding.UTF8.GetString(CassettePlayer.Bytes(e))));
        Assert.Equal(Body, replayed);
    }
}
