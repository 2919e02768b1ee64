using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using GenAI.Emulator.Engine.Errors;

namespace GenAI.Emulator.Engine.Paging;

/// <summary>One page of a list call.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextPageToken);

/// <summary>
/// Paging for list methods. Items carry an ascending position; the opaque page token (shaped like
/// the service's: base64 of a small protobuf message) names the last position returned, so items
/// deleted between calls do not shift later pages.
/// </summary>
public static class Pager
{
    public static Page<T> Page<T>(IEnumerable<T> items, Func<T, long> position, string? pageSizeText, string? pageToken, int defaultSize, int maxSize)
    {
        int size = ParseSize(pageSizeText, defaultSize, maxSize);
        long after = long.MinValue;
        if (!string.IsNullOrEmpty(pageToken) && !TryDecode(pageToken, out after))
        {
            throw new ApiException(ApiErrors.InvalidArgument("Invalid page token."));
        }

        List<T> remaining = items.Where(item => position(item) > after).OrderBy(position).ToList();
        List<T> page = remaining.Take(size).ToList();
        string? next = remaining.Count > size ? Encode(position(page[^1])) : null;
        return new Page<T>(page, next);
    }

    private static int ParseSize(string? text, int defaultSize, int maxSize)
    {
        if (string.IsNullOrEmpty(text))
        {
            return defaultSize;
        }

        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int size))
        {
            throw new ApiException(ApiErrors.InvalidJsonPayload($"Invalid value at 'page_size' (TYPE_INT32), \"{text}\"", "page_size"));
        }

        if (size < 0)
        {
            throw new ApiException(ApiErrors.InvalidArgument("page_size must be non-negative."));
        }

        return size == 0 ? defaultSize : Math.Min(size, maxSize);
    }

    internal static string Encode(long position)
    {
        byte[] payload = Encoding.ASCII.GetBytes("p" + position.ToString(CultureInfo.InvariantCulture));
        byte[] message = new byte[payload.Length + 2];
        message[0] = 0x0A;
        message[1] = (byte)payload.Length;
        payload.CopyTo(message, 2);
        return Convert.ToBase64String(message);
    }

    private static bool TryDecode(string token, out long position)
    {
        position = 0;
        try
        {
            byte[] message = Convert.FromBase64String(token);
            if (message.Length < 3 || message[0] != 0x0A || message[1] != message.Length - 2 || message[2] != (byte)'p')
            {
                return false;
            }

            return long.TryParse(Encoding.ASCII.GetString(message, 3, message.Length - 3), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out position);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
