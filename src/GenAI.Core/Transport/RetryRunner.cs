using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using Polly;
using Polly.Retry;

namespace GenAI.Core.Transport
{
    /// <summary>
    /// Runs a request's attempts under <see cref="RetryPolicy"/> (a Polly retry strategy), for the transport
    /// decorator and for the requests of a file upload. One <see cref="RetryCall"/> is one logical call: its
    /// deadline covers every request run on it, and each request gets up to the call's retry count.
    /// </summary>
    internal sealed class RetryRunner
    {
        private static readonly ResiliencePropertyKey<RetryCall> s_callKey = new ResiliencePropertyKey<RetryCall>("GenAI.RetryCall");

        private readonly RetryPolicy _policy;
        private readonly RequestOptions _defaults;
        private readonly ConcurrentDictionary<int, ResiliencePipeline> _pipelines = new ConcurrentDictionary<int, ResiliencePipeline>();

        public RetryRunner(RetryPolicy? policy, RequestOptions? defaults)
        {
            _policy = policy ?? new RetryPolicy();
            _defaults = defaults ?? new RequestOptions();
        }

        public RetryCall Start(string operation, RequestOptions options, CancellationToken cancellationToken, bool idempotent = true) =>
            new RetryCall(operation, options ?? RequestOptions.Default, _defaults, _policy, cancellationToken, idempotent);

        /// <summary>
        /// Runs <paramref name="attempt"/> until it succeeds, fails in a way not worth retrying, or runs out of
        /// retries or time. <see cref="RetryCall.Attempts"/> counts this request's attempts (from 1).
        /// </summary>
        public async Task<T> ExecuteAsync<T>(RetryCall call, Func<RequestOptions, CancellationToken, Task<T>> attempt)
        {
            call.Attempts = 0;
            var context = ResilienceContextPool.Shared.Get(call.Token);
            context.Properties.Set(s_callKey, call);
            try
            {
                var result = await PipelineFor(call.MaxRetries).ExecuteAsync(
                    static async (ctx, state) =>
                    {
                        state.call.Attempts++;
                        try
                        {
                            return await state.attempt(state.call.Options, ctx.CancellationToken).ConfigureAwait(false);
                        }
                        catch (Exception ex) when (!(ex is OperationCanceledException))
                        {
                            state.call.LastError = ex;
                            throw;
                        }
                    },
                    context, (call, attempt)).ConfigureAwait(false);
                call.OnSuccess();
                return result;
            }
            catch (Exception ex)
            {
                throw call.Fail(ex, retryPhase: true);
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }
        }

        private ResiliencePipeline PipelineFor(int maxRetries) =>
            maxRetries <= 0 ? ResiliencePipeline.Empty : _pipelines.GetOrAdd(maxRetries, BuildPipeline);

        private ResiliencePipeline BuildPipeline(int maxRetries) =>
            new ResiliencePipelineBuilder { TimeProvider = _policy.TimeProvider }
                .AddRetry(new RetryStrategyOptions
                {
                    MaxRetryAttempts = maxRetries,
                    ShouldHandle = args => new ValueTask<bool>(args.Outcome.Exception is Exception error && Call(args.Context).ShouldRetry(error)),
                    DelayGenerator = args => new ValueTask<TimeSpan?>(Call(args.Context).NextDelay(args.AttemptNumber, args.Outcome.Exception)),
                    OnRetry = args =>
                    {
                        Call(args.Context).OnRetry(args.AttemptNumber, args.RetryDelay, args.Outcome.Exception);
                        return default;
                    },
                })
                .Build();

        private static RetryCall Call(ResilienceContext context) => context.Properties.GetValue(s_callKey, null!);
    }
}
