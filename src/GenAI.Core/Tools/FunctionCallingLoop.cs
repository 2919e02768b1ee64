using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GenAI.Core.Errors;
using GenAI.Core.Models;
using GenAI.Core.Protocol;
using GenAI.Core.Transport;

namespace GenAI.Core.Tools
{
    /// <summary>
    /// The seed's automatic function calling (https://ai.google.dev/gemini-api/docs/function-calling), shared by one-shot generation and chat:
    /// after each reply, if every functionCall of the (single) candidate names a callable function, the
    /// model's turn and one user turn holding all functionResponses are appended and the model is asked
    /// again with the same config, safety settings and tools but without the per-call tool config.
    /// </summary>
    internal static class FunctionCallingLoop
    {
        /// <param name="raiseOnProblem">Chat: a blocked or abnormally stopped reply throws. One-shot: it ends the loop and is returned.</param>
        public static async Task<FunctionCallingResult> RunAsync(ModelsClient models, GenerativeModel model, IReadOnlyList<Content> contents,
            CallOverrides? overrides, RequestOptions? options, AutomaticFunctionCalling calling, bool raiseOnProblem, CancellationToken cancellationToken)
        {
            var functions = (overrides?.Tools != null ? overrides.Functions : model.Functions) ?? new List<CallableFunction>();
            var working = contents.ToList();
            if (working.Count > 0 && string.IsNullOrEmpty(working[working.Count - 1].Role))
                working[working.Count - 1] = new Content("user", working[working.Count - 1].Parts) { AdditionalProperties = working[working.Count - 1].AdditionalProperties };
            var response = await models.GenerateContentAsync(model, working, overrides, options, cancellationToken).ConfigureAwait(false);
            var followUp = WithoutToolConfig(overrides);
            int callCount = 0;
            while (true)
            {
                var problem = ResponseChecks.FindProblem(response);
                if (problem != null)
                {
                    if (raiseOnProblem) throw problem;
                    break;
                }
                var calls = CallsToRun(response, functions);
                if (calls.Count == 0) break;
                if (callCount + calls.Count > calling.MaximumCalls)
                    return new FunctionCallingResult(response, working, callCount, reachedLimit: true);

                var modelTurn = response.Candidates![0].Content!;
                working.Add(new Content("model", modelTurn.Parts) { AdditionalProperties = modelTurn.AdditionalProperties });
                var replies = new List<Part>();
                foreach (var (call, function) in calls)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var result = await calling.Handler(call, function, cancellationToken).ConfigureAwait(false);
                    replies.Add(new Part { FunctionResponse = new FunctionResponse { Id = call.Id, Name = call.Name, Response = result.Response, Parts = result.Parts } });
                }
                working.Add(new Content("user", replies));
                callCount += calls.Count;
                response = await models.GenerateContentAsync(model, working, followUp, options, cancellationToken).ConfigureAwait(false);
            }
            return new FunctionCallingResult(response, working, callCount, reachedLimit: false);
        }

        /// <summary>The calls to run, each with its function; empty when there are none or one names a function that cannot be run.</summary>
        private static List<(FunctionCall Call, CallableFunction Function)> CallsToRun(GenerateContentResponse response, IList<CallableFunction> functions)
        {
            var result = new List<(FunctionCall, CallableFunction)>();
            var candidates = response.Candidates;
            if (candidates == null || candidates.Count == 0) return result;
            if (candidates.Count > 1)
                throw new InvalidInputException(ErrorCodes.FunctionCallingNeedsOneCandidate,
                    $"Automatic function calling needs exactly one candidate, but the reply has {candidates.Count}.", response,
                    "Ask for one candidate (candidateCount 1) when functions are called automatically.");
            foreach (var call in candidates[0].Content?.Parts.Where(p => p.FunctionCall != null).Select(p => p.FunctionCall!) ?? Enumerable.Empty<FunctionCall>())
            {
                var function = functions.FirstOrDefault(f => f.Name == call.Name);
                if (function == null) return new List<(FunctionCall, CallableFunction)>();
                result.Add((call, function));
            }
            return result;
        }

        private static CallOverrides? WithoutToolConfig(CallOverrides? overrides)
        {
            if (overrides?.ToolConfig == null) return overrides;
            return new CallOverrides
            {
                GenerationConfig = overrides.GenerationConfig,
                SafetySettings = overrides.SafetySettings,
                Tools = overrides.Tools,
                Functions = overrides.Functions,
                SystemInstruction = overrides.SystemInstruction,
            };
        }
    }
}
