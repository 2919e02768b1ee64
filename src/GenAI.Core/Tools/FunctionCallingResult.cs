using System.Collections.Generic;
using GenAI.Core.Protocol;

namespace GenAI.Core.Tools
{
    /// <summary>The outcome of a generate call with automatic function calling.</summary>
    public sealed class FunctionCallingResult
    {
        internal FunctionCallingResult(GenerateContentResponse response, IReadOnlyList<Content> contents, int callCount, bool reachedLimit)
        {
            Response = response;
            Contents = contents;
            CallCount = callCount;
            ReachedLimit = reachedLimit;
        }

        /// <summary>The model's final reply.</summary>
        public GenerateContentResponse Response { get; }

        /// <summary>
        /// The conversation sent for the final reply: the prompt, then each model functionCall turn and
        /// the user functionResponse turn answering it.
        /// </summary>
        public IReadOnlyList<Content> Contents { get; }

        /// <summary>Function calls run.</summary>
        public int CallCount { get; }

        /// <summary>True when the model asked for more calls than allowed: <see cref="Response"/> then holds those calls, not run.</summary>
        public bool ReachedLimit { get; }
    }
}
