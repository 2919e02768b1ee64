using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using GenAI.Core.Errors;
using GenAI.Core.Protocol;

namespace GenAI.Core.Transport
{
    /// <summary>Turns an error body (<c>{"error":...}</c>, or array-wrapped) into an <see cref="ApiException"/>.</summary>
    internal static class ApiErrorParser
    {
        public static ApiException Parse(int httpStatus, string? body, TimeSpan? retryAfterHeader, string? reasonPhrase = null)
        {
            ErrorStatus? status = TryReadStatus(body);
            if (status == null)
            {
                string text = string.IsNullOrWhiteSpace(body) ? (reasonPhrase ?? "The service returned an error without a body.") : Truncate(body!.Trim(), 500);
                return new ApiException(httpStatus, null, text, retryDelay: retryAfterHeader);
            }

            string? reason = null;
            TimeSpan? retryDelay = null;
            var details = status.Details ?? new List<JsonElement>();
            foreach (var detail in details)
            {
                if (detail.ValueKind != JsonValueKind.Object || !detail.TryGetProperty("@type", out var type) || type.ValueKind != JsonValueKind.String) continue;
                string typeName = type.GetString() ?? "";
                if (typeName.EndsWith("google.rpc.ErrorInfo", StringComparison.Ordinal) && detail.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String)
                    reason = r.GetString();
                else if (typeName.EndsWith("google.rpc.RetryInfo", StringComparison.Ordinal) && detail.TryGetProperty("retryDelay", out var d))
                    retryDelay = ParseDuration(d);
            }
            int code = status.Code != 0 ? status.Code : httpStatus;
            return new ApiException(code, status.Status, status.Message ?? reasonPhrase ?? "Unknown error.", reason, retryDelay ?? retryAfterHeader, details);
        }

        /// <summary>Whether a JSON document is an error envelope (used for mid-stream errors).</summary>
        public static ApiException? TryParseEnvelope(string text, int httpStatus)
        {
            var status = TryReadStatus(text);
            return status == null ? null : Parse(status.Code != 0 ? status.Code : httpStatus, text, null);
        }

        private static ErrorStatus? TryReadStatus(string? body)
        {
            if (string.IsNullOrWhiteSpace(body)) return null;
            try
            {
                string trimmed = body!.TrimStart();
                if (trimmed.StartsWith("[", StringComparison.Ordinal))
                {
                    var list = JsonSerializer.Deserialize(trimmed, GenAIJsonContext.Default.ListErrorEnvelope);
                    return list != null && list.Count > 0 ? list[0]?.Error : null;
                }
                return JsonSerializer.Deserialize(trimmed, GenAIJsonContext.Default.ErrorEnvelope)?.Error;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        /// <summary>
        /// Parses a protobuf JSON Duration ("47s", "1.5s") or a {seconds, nanos} object. Anything else,
        /// negative or beyond a day (no sane retry hint) is null.
        /// </summary>
        public static TimeSpan? ParseDuration(JsonElement value)
        {
            double? seconds = value.ValueKind switch
            {
                JsonValueKind.String => ParseSecondsText(value.GetString()),
                JsonValueKind.Object => ParseSecondsObject(value),
                _ => null,
            };
            if (!seconds.HasValue || double.IsNaN(seconds.Value) || seconds.Value < 0 || seconds.Value > MaxRetryDelaySeconds) return null;
            return TimeSpan.FromSeconds(seconds.Value);
        }

        private const double MaxRetryDelaySeconds = 86400;

        private static double? ParseSecondsText(string? text)
        {
            if (text == null || !text.EndsWith("s", StringComparison.Ordinal)) return null;
            return double.TryParse(text.Substring(0, text.Length - 1), NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) ? seconds : (double?)null;
        }

        private static double? ParseSecondsObject(JsonElement value)
        {
            double total = 0;
            if (value.TryGetProperty("seconds", out var sec))
            {
                var part = Number(sec);
                if (!part.HasValue) return null;
                total += part.Value;
            }
            if (value.TryGetProperty("nanos", out var nanos))
            {
                var part = Number(nanos);
                if (!part.HasValue) return null;
                total += part.Value / 1e9;
            }
            return total;
        }

        // proto3 JSON writes int64 as a string and int32 as a number; accept both.
        private static double? Number(JsonElement value) => value.ValueKind switch
        {
            JsonValueKind.Number => value.TryGetDouble(out double number) ? number : (double?)null,
            JsonValueKind.String => double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed) ? parsed : (double?)null,
            _ => null,
        };

        private static string Truncate(string text, int max) => text.Length <= max ? text : text.Substring(0, max) + "…";
    }
}
