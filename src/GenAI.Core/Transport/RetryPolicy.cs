using System;
using GenAI.Core.Errors;

namespace GenAI.Core.Transport
{
    /// <summary>
    /// Which failures are retried and how long to wait in between: exponential backoff with full jitter
    /// (a uniform wait in [0, min(<see cref="MaxDelay"/>, <see cref="InitialDelay"/> × <see cref="Multiplier"/>^n)]),
    /// never shorter than the service's RetryInfo / Retry-After. Retried: HTTP 429, 500, 502, 503, 504,
    /// connection failures and per-attempt timeouts; never 400, 401, 403, 404, parse errors or cancellation.
    /// Calls that are not idempotent (creating a cached content) are retried only after a 429.
    /// </summary>
    public sealed class RetryPolicy
    {
        /// <summary>Retries after the first attempt when neither the call nor the client says otherwise.</summary>
        public const int DefaultMaxRetries = 3;

        [ThreadStatic]
        private static Random? t_random;

        /// <summary>Retries when <see cref="RequestOptions.MaxRetries"/> is unset everywhere.</summary>
        public int MaxRetries { get; set; } = DefaultMaxRetries;

        /// <summary>The backoff ceiling of the first retry (default 1 s).</summary>
        public TimeSpan InitialDelay { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>Growth of the ceiling per retry (default 2).</summary>
        public double Multiplier { get; set; } = 2.0;

        /// <summary>Largest computed backoff (default 30 s); a longer RetryInfo/Retry-After still wins.</summary>
        public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>
        /// A service-requested wait longer than this is not waited for: the error is raised at once, so a
        /// script is not silently parked for an hour on a daily quota (default 120 s).
        /// </summary>
        public TimeSpan MaxServerDelay { get; set; } = TimeSpan.FromSeconds(120);

        /// <summary>The clock and timers for waits and deadlines; tests pass a fake one.</summary>
        public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

        /// <summary>Uniform random numbers in [0, 1) for the jitter; null: a thread-local <see cref="System.Random"/>.</summary>
        public Func<double>? Random { get; set; }

        /// <summary>Whether <paramref name="error"/> is worth another attempt.</summary>
        public static bool IsTransient(Exception error) => error switch
        {
            ApiException api => api.IsTransient,
            TransportException transport => !IsTlsFailure(transport),
            RequestTimeoutException timeout => !timeout.IsOverall,
            _ => false,
        };

        // A certificate the client refuses (or a TLS handshake it cannot complete) does not heal with a retry.
        private static bool IsTlsFailure(Exception error)
        {
            for (var inner = error.InnerException; inner != null; inner = inner.InnerException)
                if (inner is System.Security.Authentication.AuthenticationException) return true;
            return false;
        }

        /// <summary>Whether <paramref name="error"/> says the service did not act on the request (429), so even a create may be retried.</summary>
        public static bool IsRefusal(Exception error) => error is ApiException api && api.HttpStatus == 429;

        /// <summary>The service's minimum wait carried by <paramref name="error"/> (RetryInfo / Retry-After), if any.</summary>
        public static TimeSpan? ServerDelay(Exception error) => (error as ApiException)?.RetryDelay;

        /// <summary>The wait before retry number <paramref name="retry"/> (0 = the first retry).</summary>
        public TimeSpan ComputeDelay(int retry, TimeSpan? serverDelay)
        {
            double ceiling = InitialDelay.TotalMilliseconds * Math.Pow(Multiplier, Math.Min(retry, 62));
            if (double.IsNaN(ceiling) || ceiling > MaxDelay.TotalMilliseconds) ceiling = MaxDelay.TotalMilliseconds;
            double sample = Random?.Invoke() ?? (t_random ??= new Random()).NextDouble();
            var delay = TimeSpan.FromMilliseconds(Math.Max(0, ceiling * Math.Min(Math.Max(sample, 0), 1)));
            return serverDelay.HasValue && serverDelay.Value > delay ? serverDelay.Value : delay;
        }
    }
}
