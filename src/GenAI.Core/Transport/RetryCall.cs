using System;
using System.Globalization;
using System.Threading;
using GenAI.Core.Errors;

namespace GenAI.Core.Transport
{
    /// <summary>
    /// The state of one logical call across its attempts: the options in effect, the overall deadline
    /// (a token that also covers the waits), the attempt count, and what the retry strategy logs.
    /// </summary>
    internal sealed class RetryCall : IDisposable
    {
        private readonly RetryPolicy _policy;
        private readonly CancellationToken _callerToken;
        private readonly CancellationTokenSource? _deadlineSource;
        private readonly CancellationTokenSource? _linkedSource;
        private readonly long _started;

        public RetryCall(string operation, RequestOptions options, RequestOptions defaults, RetryPolicy policy, CancellationToken callerToken, bool idempotent = true)
        {
            Operation = operation;
            Idempotent = idempotent;
            Options = options;
            _policy = policy;
            _callerToken = callerToken;
            Log = options.Log ?? defaults.Log;
            MaxRetries = Math.Max(0, options.MaxRetries ?? defaults.MaxRetries ?? policy.MaxRetries);
            Deadline = options.Deadline ?? defaults.Deadline;
            if (Deadline.HasValue && (Deadline.Value <= TimeSpan.Zero || Deadline.Value == Timeout.InfiniteTimeSpan)) Deadline = null;
            _started = policy.TimeProvider.GetTimestamp();
            if (Deadline.HasValue)
            {
#if NET8_0_OR_GREATER
                _deadlineSource = new CancellationTokenSource(Deadline.Value, policy.TimeProvider);
#else
                _deadlineSource = System.Threading.Tasks.TimeProviderTaskExtensions.CreateCancellationTokenSource(policy.TimeProvider, Deadline.Value);
#endif
                _linkedSource = CancellationTokenSource.CreateLinkedTokenSource(callerToken, _deadlineSource.Token);
            }
        }

        /// <summary>What the messages call the request running now (a call that makes several requests renames it per request).</summary>
        public string Operation { get; set; }

        /// <summary>False for calls that must not run twice (creates): only a refusal (429) is retried.</summary>
        public bool Idempotent { get; }

        public RequestOptions Options { get; }

        public Action<DiagnosticLevel, string>? Log { get; }

        public int MaxRetries { get; }

        public TimeSpan? Deadline { get; }

        /// <summary>The caller's token, cancelled also when the deadline passes. Every attempt and wait uses it.</summary>
        public CancellationToken Token => _linkedSource?.Token ?? _callerToken;

        public int Attempts { get; set; }

        public Exception? LastError { get; set; }

        private TimeSpan? Remaining => Deadline - _policy.TimeProvider.GetElapsedTime(_started);

        /// <summary>The retry strategy's predicate: transient, and the service's wait fits the limits.</summary>
        public bool ShouldRetry(Exception error)
        {
            if (Token.IsCancellationRequested || !RetryPolicy.IsTransient(error)) return false;
            if (!Idempotent && !RetryPolicy.IsRefusal(error)) return false;
            var serverDelay = RetryPolicy.ServerDelay(error);
            if (serverDelay > _policy.MaxServerDelay)
            {
                Info($"{Operation}: not retrying: the service asks to wait {Seconds(serverDelay.Value)} s, longer than the {Seconds(_policy.MaxServerDelay)} s the module waits by itself.");
                return false;
            }
            var remaining = Remaining;
            if (serverDelay.HasValue && remaining.HasValue && serverDelay.Value >= remaining.Value)
            {
                Info($"{Operation}: not retrying: the service asks to wait {Seconds(serverDelay.Value)} s, but only {Seconds(remaining.Value)} s of the total time limit are left.");
                return false;
            }
            return true;
        }

        /// <summary>The wait before retry <paramref name="retry"/> (0-based), kept inside the deadline.</summary>
        public TimeSpan NextDelay(int retry, Exception? error)
        {
            var delay = _policy.ComputeDelay(retry, error == null ? null : RetryPolicy.ServerDelay(error));
            var remaining = Remaining;
            return remaining.HasValue && delay > remaining.Value ? (remaining.Value > TimeSpan.Zero ? remaining.Value : TimeSpan.Zero) : delay;
        }

        public void OnRetry(int retry, TimeSpan delay, Exception? error)
        {
            string why = error == null ? "failed" : Describe(error).TrimEnd('.');
            string asked = error != null && RetryPolicy.ServerDelay(error) is TimeSpan server ? $" (the service asked for at least {Seconds(server)} s)" : "";
            Info($"{Operation}: {why}. Retry {retry + 1} of {MaxRetries} in {Seconds(delay)} s{asked}.");
        }

        public void OnSuccess()
        {
            if (Attempts > 1) Info($"{Operation} succeeded on attempt {Attempts}.");
        }

        /// <summary>
        /// The exception to surface for <paramref name="error"/>: a deadline becomes an overall
        /// <see cref="RequestTimeoutException"/>; an error given up on during the retry phase records the attempts.
        /// </summary>
        public Exception Fail(Exception error, bool retryPhase)
        {
            if (error is OperationCanceledException && _deadlineSource != null && _deadlineSource.IsCancellationRequested && !_callerToken.IsCancellationRequested)
            {
                string last = LastError == null ? "" : $"; the last failure was: {Describe(LastError)}";
                return new RequestTimeoutException(
                    $"{Operation} did not finish within the total time limit of {Seconds(Deadline!.Value)} s ({Attempts} attempt(s)){last}.",
                    Deadline.Value, LastError ?? error, isOverall: true) { Attempts = Math.Max(1, Attempts) };
            }
            if (retryPhase && error is GenAIException genai && Attempts > 1) genai.Attempts = Attempts;
            return error;
        }

        public void Info(string message) => Log?.Invoke(DiagnosticLevel.Info, message);

        private static string Describe(Exception error)
        {
            string message = error.Message.Replace("\r", " ").Replace("\n", " ").Trim();
            return message.Length <= 200 ? message : message.Substring(0, 200) + "…";
        }

        private static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.0##", CultureInfo.InvariantCulture);

        public void Dispose()
        {
            _linkedSource?.Dispose();
            _deadlineSource?.Dispose();
        }
    }
}
