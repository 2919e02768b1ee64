using System;
using System.Collections.Generic;
using System.Text.Json;

namespace GenAI.Core.Errors
{
    /// <summary>
    /// The service answered with an error status: HTTP code, <c>google.rpc</c> status name, message,
    /// and the parsed details (ErrorInfo reason, RetryInfo delay).
    /// </summary>
    public sealed class ApiException : GenAIException
    {
        public ApiException(int httpStatus, string? status, string message, string? reason = null,
            TimeSpan? retryDelay = null, IReadOnlyList<JsonElement>? details = null, Exception? inner = null)
            : base(ClassifyErrorCode(httpStatus, status, reason, message), BuildMessage(httpStatus, status, message), inner)
        {
            HttpStatus = httpStatus;
            Status = status;
            ServiceMessage = message;
            Reason = reason;
            RetryDelay = retryDelay;
            Details = details ?? Array.Empty<JsonElement>();
        }

        public int HttpStatus { get; }

        /// <summary>The google.rpc status name, e.g. INVALID_ARGUMENT, RESOURCE_EXHAUSTED.</summary>
        public string? Status { get; }

        public string ServiceMessage { get; }

        /// <summary>ErrorInfo.reason, e.g. API_KEY_INVALID.</summary>
        public string? Reason { get; }

        /// <summary>RetryInfo.retryDelay or the Retry-After header: the minimum wait before retrying.</summary>
        public TimeSpan? RetryDelay { get; }

        public IReadOnlyList<JsonElement> Details { get; }

        /// <summary>Whether the retry policy retries this status (429, 500, 502, 503, 504).</summary>
        public bool IsTransient => HttpStatus == 429 || HttpStatus == 500 || HttpStatus == 502 || HttpStatus == 503 || HttpStatus == 504;

        private static string BuildMessage(int httpStatus, string? status, string message) =>
            string.IsNullOrEmpty(status) ? $"{httpStatus}: {message}" : $"{httpStatus} {status}: {message}";

        private static string ClassifyErrorCode(int httpStatus, string? status, string? reason, string message)
        {
            if (reason == "API_KEY_INVALID") return ErrorCodes.ApiKeyInvalid;
            if (message.StartsWith("Request payload size exceeds the limit", StringComparison.Ordinal)) return ErrorCodes.PayloadTooLarge;
            switch (httpStatus)
            {
                case 400: return status == "FAILED_PRECONDITION" ? ErrorCodes.FailedPrecondition : ErrorCodes.InvalidArgument;
                case 401: return ErrorCodes.Unauthenticated;
                // An unknown cache or file is a 403 "... not found (or permission denied)" / "... or it may not exist".
                case 403: return message.IndexOf("not found", StringComparison.OrdinalIgnoreCase) >= 0
                        || message.IndexOf("may not exist", StringComparison.OrdinalIgnoreCase) >= 0 ? ErrorCodes.NotFound : ErrorCodes.PermissionDenied;
                case 404: return message.IndexOf("models/", StringComparison.OrdinalIgnoreCase) >= 0 ? ErrorCodes.ModelNotFound : ErrorCodes.NotFound;
                case 408: return ErrorCodes.Timeout;
                case 409: return ErrorCodes.Conflict;
                case 429: return ErrorCodes.RateLimited;
                case 499: return ErrorCodes.Cancelled;
                case 500: return ErrorCodes.InternalServerError;
                case 502:
                case 503: return ErrorCodes.ServiceUnavailable;
                case 504: return ErrorCodes.Timeout;
                default: return ErrorCodes.ApiError;
            }
        }
    }
}
