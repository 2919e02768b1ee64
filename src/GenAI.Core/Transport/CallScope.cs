using System;
using System.Net.Http;
using System.Threading;
using GenAI.Core.Errors;

namespace GenAI.Core.Transport
{
    /// <summary>
    /// One attempt's cancellation: the caller's token plus the per-attempt timeout. Maps low-level
    /// failures to the core's typed exceptions, telling a timeout apart from the caller cancelling.
    /// </summary>
    internal sealed class CallScope : IDisposable
    {
        private readonly CancellationTokenSource _source;
        private readonly CancellationToken _callerToken;

        public CallScope(TimeSpan timeout, CancellationToken callerToken, Action<DiagnosticLevel, string>? log = null)
        {
            Timeout = timeout;
            Log = log;
            _callerToken = callerToken;
            _source = CancellationTokenSource.CreateLinkedTokenSource(callerToken);
            if (timeout > TimeSpan.Zero && timeout != System.Threading.Timeout.InfiniteTimeSpan) _source.CancelAfter(timeout);
        }

        public TimeSpan Timeout { get; }

        public CancellationToken Token => _source.Token;

        /// <summary>The call's diagnostic sink; null when nobody listens.</summary>
        public Action<DiagnosticLevel, string>? Log { get; }

        public void Debug(string message) => Log?.Invoke(DiagnosticLevel.Debug, message);

        /// <summary>The exception to throw for <paramref name="error"/>; GenAI exceptions pass through.</summary>
        public Exception Map(Exception error, string operation)
        {
            switch (error)
            {
                case GenAIException _:
                    return error;
                case HttpRequestException _ when Find<GenAIException>(error) is GenAIException inner:
                    return inner;   // raised while the body was written (a file that vanished or changed)
                case OperationCanceledException _ when _callerToken.IsCancellationRequested:
                    return new OperationCanceledException("The operation was cancelled.", error, _callerToken);
                case OperationCanceledException _ when _source.IsCancellationRequested:
                    return new RequestTimeoutException(
                        $"{operation} did not complete within {Timeout.TotalSeconds:0.###} s.", Timeout, error);
                case HttpRequestException _:
                case System.IO.IOException _:
                case System.Net.Sockets.SocketException _:
                    return new TransportException($"{operation} failed: {Describe(error)}", error);
                case System.Text.Json.JsonException _:
                    return new ResponseParseException($"{operation} returned JSON that could not be read: {error.Message}", error);
                default:
                    return error;
            }
        }

        private static T? Find<T>(Exception error) where T : Exception
        {
            for (var inner = error.InnerException; inner != null; inner = inner.InnerException)
                if (inner is T match) return match;
            return null;
        }

        private static string Describe(Exception error)
        {
            var message = error.Message;
            for (var inner = error.InnerException; inner != null; inner = inner.InnerException)
                if (!string.IsNullOrEmpty(inner.Message) && message.IndexOf(inner.Message, StringComparison.Ordinal) < 0)
                    message += " " + inner.Message;
            return message;
        }

        public void Dispose() => _source.Dispose();
    }
}
