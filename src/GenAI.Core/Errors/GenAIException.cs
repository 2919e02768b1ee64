using System;

namespace GenAI.Core.Errors
{
    /// <summary>
    /// Base of every error the core raises. <see cref="ErrorCode"/> is a stable, PascalCase identifier from
    /// <see cref="ErrorCodes"/> that front ends turn into their own error ids; the message states what went wrong,
    /// and the subclasses carry its data (the limit, the wait, the file, ...). The core names no front end's commands
    /// or parameters: a front end words what the user should do from the code and that data.
    /// </summary>
    public abstract class GenAIException : Exception
    {
        protected GenAIException(string errorCode, string message, Exception? innerException = null, string? recommendedAction = null)
            : base(message, innerException)
        {
            ErrorCode = errorCode;
            RecommendedAction = recommendedAction;
        }

        public string ErrorCode { get; }

        /// <summary>How many attempts were made before this error was given up on (1 when it was not retried).</summary>
        public int Attempts { get; internal set; } = 1;

        public override string Message => Attempts > 1 ? $"{base.Message} (Gave up after {Attempts} attempts.)" : base.Message;

        /// <summary>
        /// What the raising site knows the user can do, in the API's own terms (fields, values), or null; front ends
        /// put their own wording first (the PowerShell module's is in its ErrorTable).
        /// </summary>
        public string? RecommendedAction { get; }

        /// <summary><paramref name="message"/> followed by <paramref name="consequence"/>, when there is one.</summary>
        protected static string WithConsequence(string message, string? consequence) =>
            string.IsNullOrEmpty(consequence) ? message : message.TrimEnd() + " " + consequence;
    }

    /// <summary>Configuration is missing or unusable (no API key, non-loopback http:// endpoint, ...).</summary>
    public sealed class ConfigurationException : GenAIException
    {
        public ConfigurationException(string errorCode, string message, string? recommendedAction = null)
            : base(errorCode, message, recommendedAction: recommendedAction)
        {
        }
    }

    /// <summary>An input value cannot be turned into a request (unsupported type, unknown file type, ...).</summary>
    public sealed class InvalidInputException : GenAIException
    {
        public InvalidInputException(string errorCode, string message, object? input = null, string? recommendedAction = null, Exception? inner = null)
            : base(errorCode, message, inner, recommendedAction)
        {
            Input = input;
        }

        /// <summary>The offending value (a prompt item, a file).</summary>
        public object? Input { get; }
    }

    /// <summary>
    /// The call did not finish in time: one attempt exceeded its timeout, or (<see cref="IsOverall"/>)
    /// the whole call, retries and waits included, exceeded its deadline.
    /// </summary>
    public sealed class RequestTimeoutException : GenAIException
    {
        public RequestTimeoutException(string message, TimeSpan timeout, Exception? inner = null, bool isOverall = false)
            : base(ErrorCodes.Timeout, message, inner)
        {
            Timeout = timeout;
            IsOverall = isOverall;
        }

        public TimeSpan Timeout { get; }

        /// <summary>True when the overall deadline (not one attempt's timeout) ran out; not retried.</summary>
        public bool IsOverall { get; }
    }

    /// <summary>The connection failed (DNS, refused, reset, TLS) before a complete reply arrived.</summary>
    public sealed class TransportException : GenAIException
    {
        public TransportException(string message, Exception? inner = null)
            : base(ErrorCodes.ConnectionFailed, message, inner)
        {
        }
    }

    /// <summary>The service replied with something that is not the expected JSON.</summary>
    public sealed class ResponseParseException : GenAIException
    {
        public ResponseParseException(string message, Exception? inner = null)
            : base(ErrorCodes.ResponseParseFailed, message, inner)
        {
        }
    }

    /// <summary>
    /// The service answered with a redirect to another origin (scheme, host or port), or from https to http; it is
    /// not followed, so that the key and the request body never reach a host they were not meant for. Not retried.
    /// </summary>
    public sealed class RedirectRefusedException : GenAIException
    {
        public RedirectRefusedException(string message, Uri location)
            : base(ErrorCodes.RedirectRefused, message)
        {
            Location = location;
        }

        /// <summary>Where the service asked the request to go.</summary>
        public Uri Location { get; }
    }

    /// <summary>A reply (or error body) larger than the module reads: a broken or hostile server, not a real answer.</summary>
    public sealed class ResponseTooLargeException : GenAIException
    {
        public ResponseTooLargeException(string operation, long limitBytes)
            : base(ErrorCodes.ResponseTooLarge, $"{operation}: the reply exceeds {limitBytes / (1024 * 1024)} MiB, more than any real reply; reading stopped.")
        {
            LimitBytes = limitBytes;
        }

        public long LimitBytes { get; }
    }
}
