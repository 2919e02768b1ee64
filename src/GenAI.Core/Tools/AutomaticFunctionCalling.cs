using System;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using GenAI.Core.Protocol;

namespace GenAI.Core.Tools
{
    /// <summary>
    /// Runs one function call for the model and returns what is sent back in the functionResponse part:
    /// the response object (e.g. <c>{"result": ...}</c> or <c>{"error": ...}</c>) and any files it produced.
    /// </summary>
    public delegate Task<FunctionResult> FunctionHandler(FunctionCall call, CallableFunction function, CancellationToken cancellationToken);

    /// <summary>How automatic function calling runs: who executes the calls, and how many calls at most.</summary>
    public sealed class AutomaticFunctionCalling
    {
        public const int DefaultMaximumCalls = 10;

        public AutomaticFunctionCalling(FunctionHandler handler, int maximumCalls = DefaultMaximumCalls)
        {
            Handler = handler ?? throw new ArgumentNullException(nameof(handler));
            if (maximumCalls < 1) throw new ArgumentOutOfRangeException(nameof(maximumCalls), "At least one call must be allowed.");
            MaximumCalls = maximumCalls;
        }

        public FunctionHandler Handler { get; }

        /// <summary>Function calls run per turn; when the model asks for more, its last reply (with the calls) is returned.</summary>
        public int MaximumCalls { get; }
    }
}
