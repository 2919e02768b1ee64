using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Sockets;
using System.Text.Json;
using GenAI.Core.Errors;
using GenAI.Transport.Grpc.Mapping;
using Google.Protobuf;
using Grpc.Core;

namespace GenAI.Transport.Grpc
{
    /// <summary>
    /// gRPC failures → the core's exceptions, with the same ErrorCodes as REST: the status code maps to
    /// the HTTP code given in https://cloud.google.com/apis/design/errors#handling_errors and <c>grpc-status-details-bin</c> (a google.rpc.Status) gives
    /// ErrorInfo.reason, RetryInfo.retry_delay and the details as REST-shaped JSON. Failures raised by
    /// the client library itself (no reply from a server) become TransportException/ResponseParseException.
    /// </summary>
    internal static class GrpcErrors
    {
        private const string DetailsTrailer = "grpc-status-details-bin";

        public static int ToHttpStatus(StatusCode code) => code switch
        {
            StatusCode.OK => 200,
            StatusCode.Cancelled => 499,
            StatusCode.Unknown => 500,
            StatusCode.InvalidArgument => 400,
            StatusCode.DeadlineExceeded => 504,
            StatusCode.NotFound => 404,
            StatusCode.AlreadyExists => 409,
            StatusCode.PermissionDenied => 403,
            StatusCode.ResourceExhausted => 429,
            StatusCode.FailedPrecondition => 400,
            StatusCode.Aborted => 409,
            StatusCode.OutOfRange => 400,
            StatusCode.Unimplemented => 501,
            StatusCode.Internal => 500,
            StatusCode.Unavailable => 503,
            StatusCode.DataLoss => 500,
            StatusCode.Unauthenticated => 401,
            _ => 500,
        };

        /// <summary>The google.rpc.Code name, as REST's <c>error.status</c> spells it.</summary>
        public static string ToStatusName(StatusCode code) => code switch
        {
            StatusCode.OK => "OK",
            StatusCode.Cancelled => "CANCELLED",
            StatusCode.Unknown => "UNKNOWN",
            StatusCode.InvalidArgument => "INVALID_ARGUMENT",
            StatusCode.DeadlineExceeded => "DEADLINE_EXCEEDED",
            StatusCode.NotFound => "NOT_FOUND",
            StatusCode.AlreadyExists => "ALREADY_EXISTS",
            StatusCode.PermissionDenied => "PERMISSION_DENIED",
            StatusCode.ResourceExhausted => "RESOURCE_EXHAUSTED",
            StatusCode.FailedPrecondition => "FAILED_PRECONDITION",
            StatusCode.Aborted => "ABORTED",
            StatusCode.OutOfRange => "OUT_OF_RANGE",
            StatusCode.Unimplemented => "UNIMPLEMENTED",
            StatusCode.Internal => "INTERNAL",
            StatusCode.Unavailable => "UNAVAILABLE",
            StatusCode.DataLoss => "DATA_LOSS",
            StatusCode.Unauthenticated => "UNAUTHENTICATED",
            _ => ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

        /// <summary>
        /// Null when <paramref name="error"/> is not an RpcException (the caller maps it with CallScope).
        /// </summary>
        public static GenAIException? Map(RpcException error, string operation)
        {
            var debug = error.Status.DebugException;
            if (debug != null)
            {
                // Raised in this process, not sent by a server.
                if (Contains<InvalidProtocolBufferException>(debug))
                    return new ResponseParseException($"{operation} returned a message that could not be read: {Describe(debug)}", error);
                if (Contains<HttpRequestException>(debug) || Contains<IOException>(debug) || Contains<SocketException>(debug)
                    || error.StatusCode == StatusCode.Unavailable || error.StatusCode == StatusCode.Internal)
                    return new TransportException($"{operation} failed: {error.Status.Detail} {Describe(debug)}".TrimEnd(), error);
            }
            return ToApiException(error);
        }

        public static ApiException ToApiException(RpcException error)
        {
            string message = error.Status.Detail;
            string? reason = null;
            TimeSpan? retryDelay = null;
            IReadOnlyList<JsonElement>? details = null;

            var entry = error.Trailers?.FirstOrDefault(e => e.IsBinary && string.Equals(e.Key, DetailsTrailer, StringComparison.OrdinalIgnoreCase));
            if (entry != null)
            {
                Google.Rpc.Status? status = null;
                try { status = Google.Rpc.Status.Parser.ParseFrom(entry.ValueBytes); }
                catch (InvalidProtocolBufferException) { }
                if (status != null)
                {
                    if (!string.IsNullOrEmpty(status.Message)) message = status.Message;
                    var list = new List<JsonElement>();
                    foreach (var any in status.Details)
                    {
                        if (reason == null && any.TryUnpack(out Google.Rpc.ErrorInfo info)) reason = info.Reason;
                        else if (retryDelay == null && any.TryUnpack(out Google.Rpc.RetryInfo retry) && retry.RetryDelay != null) retryDelay = retry.RetryDelay.ToTimeSpan();
                        list.Add(ResourceMapper.DetailToJson(any));
                    }
                    details = list;
                }
            }
            if (string.IsNullOrEmpty(message)) message = "The service returned " + ToStatusName(error.StatusCode) + " without a message.";
            return new ApiException(ToHttpStatus(error.StatusCode), ToStatusName(error.StatusCode), message, reason, retryDelay, details, error);
        }

        private static bool Contains<T>(Exception error) where T : Exception
        {
            for (Exception? e = error; e != null; e = e.InnerException)
                if (e is T) return true;
            return false;
        }

        private static string Describe(Exception error)
        {
            var parts = new List<string>();
            for (Exception? e = error; e != null; e = e.InnerException)
                if (!string.IsNullOrEmpty(e.Message) && !parts.Any(p => p.Contains(e.Message))) parts.Add(e.Message);
            return string.Join(" ", parts);
        }
    }
}
