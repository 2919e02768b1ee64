using System;
using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GenAI.Emulator.Engine.Json;

/// <summary>
/// Serialises JSON the way the Gemini front end does on the wire.
/// <list type="bullet">
/// <item><b>Pretty</b> (unary bodies, error bodies): two-space indent, <c>"key": value</c>.</item>
/// <item><b>Compact</b> (one SSE event per line): <c>{"key": value,"next": [1,2]}</c> — a space after
/// each colon, none after commas, exactly like the recorded <c>data:</c> lines.</item>
/// </list>
/// Strings escape <c>&lt; &gt; &amp;</c> as <c>\u003c</c> etc. (as the service does); other non-ASCII
/// characters are written as raw UTF-8.
/// </summary>
public static class WireJson
{
    public static byte[] ToPrettyBytes(JsonNode? node)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        WritePretty(node, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] ToCompactBytes(JsonNode? node)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        WriteCompact(node, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    public static string ToPrettyString(JsonNode? node) => Encoding.UTF8.GetString(ToPrettyBytes(node));

    public static string ToCompactString(JsonNode? node) => Encoding.UTF8.GetString(ToCompactBytes(node));

    public static void WritePretty(JsonNode? node, IBufferWriter<byte> output) => Write(node, output, pretty: true, depth: 0);

    public static void WriteCompact(JsonNode? node, IBufferWriter<byte> output) => Write(node, output, pretty: false, depth: 0);

    /// <summary>Writes a JSON string literal (with quotes) using the service's escaping rules.</summary>
    public static void WriteString(string value, IBufferWriter<byte> output)
    {
        WriteAscii(output, "\"");
        int runStart = 0;
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            string? escape = EscapeFor(c);
            if (escape is null)
            {
                continue;
            }

            WriteUtf8(output, value.AsSpan(runStart, i - runStart));
            WriteAscii(output, escape);
            runStart = i + 1;
        }

        WriteUtf8(output, value.AsSpan(runStart));
        WriteAscii(output, "\"");
    }

    private static string? EscapeFor(char c)
    {
        switch (c)
        {
            case '"': return "\\\"";
            case '\\': return "\\\\";
            case '\n': return "\\n";
            case '\r': return "\\r";
            case '\t': return "\\t";
            case '\b': return "\\b";
            case '\f': return "\\f";
            case '<': return "\\u003c";
            case '>': return "\\u003e";
            case '&': return "\\u0026";
            case '\u2028': return "\\u2028";
            case '\u2029': return "\\u2029";
        }

        return c < 0x20 ? "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture) : null;
    }

    private static void Write(JsonNode? node, IBufferWriter<byte> output, bool pretty, int depth)
    {
        switch (node)
        {
            case null:
                WriteAscii(output, "null");
                break;
            case JsonObject obj:
                WriteObject(obj, output, pretty, depth);
                break;
            case JsonArray array:
                WriteArray(array, output, pretty, depth);
                break;
            case JsonValue value:
                WriteValue(value, output);
                break;
        }
    }

    private static void WriteObject(JsonObject obj, IBufferWriter<byte> output, bool pretty, int depth)
    {
        if (obj.Count == 0)
        {
            WriteAscii(output, "{}");
            return;
        }

        WriteAscii(output, "{");
        bool first = true;
        foreach (var (key, child) in obj)
        {
            if (!first)
            {
                WriteAscii(output, ",");
            }

            first = false;
            NewLine(output, pretty, depth + 1);
            WriteString(key, output);
            WriteAscii(output, ": ");
            Write(child, output, pretty, depth + 1);
        }

        NewLine(output, pretty, depth);
        WriteAscii(output, "}");
    }

    private static void WriteArray(JsonArray array, IBufferWriter<byte> output, bool pretty, int depth)
    {
        if (array.Count == 0)
        {
            WriteAscii(output, "[]");
            return;
        }

        WriteAscii(output, "[");
        for (int i = 0; i < array.Count; i++)
        {
            if (i > 0)
            {
                WriteAscii(output, ",");
            }

            NewLine(output, pretty, depth + 1);
            Write(array[i], output, pretty, depth + 1);
        }

        NewLine(output, pretty, depth);
        WriteAscii(output, "]");
    }

    private static void WriteValue(JsonValue value, IBufferWriter<byte> output)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                WriteString(value.GetValue<string>(), output);
                break;
            case JsonValueKind.True:
                WriteAscii(output, "true");
                break;
            case JsonValueKind.False:
                WriteAscii(output, "false");
                break;
            case JsonValueKind.Null:
                WriteAscii(output, "null");
                break;
            default:
                WriteAscii(output, value.ToJsonString());
                break;
        }
    }

    private static void NewLine(IBufferWriter<byte> output, bool pretty, int depth)
    {
        if (!pretty)
        {
            return;
        }

        int length = 1 + (depth * 2);
        Span<byte> span = output.GetSpan(length);
        span[0] = (byte)'\n';
        span.Slice(1, depth * 2).Fill((byte)' ');
        output.Advance(length);
    }

    internal static void WriteAscii(IBufferWriter<byte> output, string ascii)
    {
        Span<byte> span = output.GetSpan(ascii.Length);
        for (int i = 0; i < ascii.Length; i++)
        {
            span[i] = (byte)ascii[i];
        }

        output.Advance(ascii.Length);
    }

    private static void WriteUtf8(IBufferWriter<byte> output, ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return;
        }

        int max = Encoding.UTF8.GetMaxByteCount(text.Length);
        Span<byte> span = output.GetSpan(max);
        int written = Encoding.UTF8.GetBytes(text, span);
        output.Advance(written);
    }
}
