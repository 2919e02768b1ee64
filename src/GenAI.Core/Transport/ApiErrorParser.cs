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
                if (detail.ValueKind != JsonValueKind.Object || !detail.TryGetProperty("@type", out var type)) continue;
                string typeName = type.GetString() ?? "";
                if (typeName.EndsWith("google.rpc.ErrorInfo", StringComparison.Ordinal) && detail.TryGetProperty("reason", out var r))
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
                    return list != null && list.Count > 0 ? list[0].Error : null;
                }
                return JsonSerializer.Deserialize(trimmed, GenAIJsonContext.Default.ErrorEnvelope)?.Error;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        /// <summary>Parses a protobuf JSON Duration ("47s", "1.5s") or a {seconds, nanos} object.</summary>
        public static TimeSpan? ParseDuration(JsonElement value)
        {
            if (value.ValueKind == JsonValueKind.String)
            {
                string s = value.GetString() ?? "";
                if (s.EndsWith("s", StringComparison.Ordinal) &&
                    double.TryParse(s.Substring(0, s.Length - 1), NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds))
                    return TimeSpan.FromSeconds(seconds);
                return null;
            }
            if (value.ValueKind == JsonValueKind.Object)
            {
                double total = 0;
                if (value.TryGetProperty("seconds", out var sec))
                    total += sec.ValueKind == JsonValueKind.String ? double.Parse(sec.GetString()!, CultureInfo.InvariantCulture) : sec.GetDouble();
                if (value.TryGetProperty("nanos", out var nanos)) total += nanos.GetDouble() / 1e9;
                return TimeSpan.FromSeconds(total);
            }
            return null;
        }

        private static string Truncate(string text, int max) => text.Length <= max ? text : text.Substring(0, max) + "…";
    }
}
