using System;
using System.Collections.Concurrent;
using System.Threading.Tasks;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace GenAI.Transport.Grpc.Tests.TestSupport
{
    /// <summary>Scriptable fakes of the four services; each records the metadata and requests it receives.</summary>
    internal sealed class FakeServices
    {
        public FakeGenerativeService Generative { get; } = new FakeGenerativeService();
        public FakeModelService Models { get; } = new FakeModelService();
        public FakeCacheService Caches { get; } = new FakeCacheService();
        public FakeFileService Files { get; } = new FakeFileService();
    }

    internal sealed class CallLog
    {
        public ConcurrentQueue<IMessage> Requests { get; } = new ConcurrentQueue<IMessage>();
        public Metadata LastHeaders { get; private set; }
        public DateTime? LastDeadline { get; private set; }

        public void Record(IMessage request, ServerCallContext context)
        {
            Requests.Enqueue(request);
            LastHeaders = context.RequestHeaders;
            LastDeadline = context.Deadline;
        }

        public string Header(string key) => LastHeaders?.GetValue(key);
    }

    internal sealed class FakeGenerativeService : P.GenerativeService.GenerativeServiceBase
    {
        public CallLog Log { get; } = new CallLog();
        public Func<P.GenerateContentRequest, ServerCallContext, Task<P.GenerateContentResponse>> OnGenerate { get; set; }
        public Func<P.GenerateContentRequest, IServerStreamWriter<P.GenerateContentResponse>, ServerCallContext, Task> OnStream { get; set; }
        public Func<P.CountTokensRequest, ServerCallContext, Task<P.CountTokensResponse>> OnCount { get; set; }

        public override Task<P.GenerateContentResponse> GenerateContent(P.GenerateContentRequest request, ServerCallContext context)
        {
            Log.Record(request, context);
            return OnGenerate(request, context);
        }

        public override Task StreamGenerateContent(P.GenerateContentRequest request, IServerStreamWriter<P.GenerateContentResponse> responseStream, ServerCallContext context)
        {
            Log.Record(request, context);
            return OnStream(request, responseStream, context);
        }

        public override Task<P.CountTokensResponse> CountTokens(P.CountTokensRequest request, ServerCallContext context)
        {
            Log.Record(request, context);
            return OnCount(request, context);
        }
    }

    internal sealed class FakeModelService : P.ModelService.ModelServiceBase
    {
        public CallLog Log { get; } = new CallLog();
        public Func<P.GetModelRequest, Task<P.Model>> OnGet { get; set; }
        public Func<P.ListModelsRequest, Task<P.ListModelsResponse>> OnList { get; set; }

        public override Task<P.Model> GetModel(P.GetModelRequest request, ServerCallContext context)
        {
            Log.Record(request, context);
            return OnGet(request);
        }

        public override Task<P.ListModelsResponse> ListModels(P.ListModelsRequest request, ServerCallContext context)
        {
            Log.Record(request, context);
            return OnList(request);
        }
    }

    internal sealed class FakeCacheService : P.CacheService.CacheServiceBase
    {
        public CallLog Log { get; } = new CallLog();
        public Func<IMessage, Task<IMessage>> OnCall { get; set; }

        public override async Task<P.CachedContent> CreateCachedContent(P.CreateCachedContentRequest request, ServerCallContext context) => (P.CachedContent)await Handle(request, context);
        public override async Task<P.CachedContent> GetCachedContent(P.GetCachedContentRequest request, ServerCallContext context) => (P.CachedContent)await Handle(request, context);
        public override async Task<P.CachedContent> UpdateCachedContent(P.UpdateCachedContentRequest request, ServerCallContext context) => (P.CachedContent)await Handle(request, context);
        public override async Task<P.ListCachedContentsResponse> ListCachedContents(P.ListCachedContentsRequest request, ServerCallContext context) => (P.ListCachedContentsResponse)await Handle(request, context);
        public override async Task<Empty> DeleteCachedContent(P.DeleteCachedContentRequest request, ServerCallContext context) => (Empty)await Handle(request, context);

        private Task<IMessage> Handle(IMessage request, ServerCallContext context)
        {
            Log.Record(request, context);
            return OnCall(request);
        }
    }

    internal sealed class FakeFileService : P.FileService.FileServiceBase
    {
        public CallLog Log { get; } = new CallLog();
        public Func<IMessage, Task<IMessage>> OnCall { get; set; }

        public override async Task<P.File> GetFile(P.GetFileRequest request, ServerCallContext context) => (P.File)await Handle(request, context);
        public override async Task<P.ListFilesResponse> ListFiles(P.ListFilesRequest request, ServerCallContext context) => (P.ListFilesResponse)await Handle(request, context);
        public override async Task<Empty> DeleteFile(P.DeleteFileRequest request, ServerCallContext context) => (Empty)await Handle(request, context);

        private Task<IMessage> Handle(IMessage request, ServerCallContext context)
        {
            Log.Record(request, context);
            return OnCall(request);
        }
    }

    /// <summary>Server-side errors as Google sends them: status + grpc-status-details-bin (google.rpc.Status).</summary>
    internal static class RpcErrors
    {
        public static RpcException Create(StatusCode code, string message, params IMessage[] details)
        {
            var status = new Google.Rpc.Status { Code = (int)code, Message = message };
            foreach (var detail in details) status.Details.Add(Any.Pack(detail));
            var trailers = new Metadata { { "grpc-status-details-bin", status.ToByteArray() } };
            return new RpcException(new Status(code, message), trailers);
        }

        public static RpcException ApiKeyInvalid() => Create(StatusCode.InvalidArgument, "API key not valid. Please pass a valid API key.",
            new Google.Rpc.ErrorInfo { Reason = "API_KEY_INVALID", Domain = "googleapis.com", Metadata = { ["service"] = "generativelanguage.googleapis.com" } },
            new Google.Rpc.LocalizedMessage { Locale = "en-US", Message = "API key not valid. Please pass a valid API key." });

        public static RpcException QuotaExceeded(TimeSpan retryDelay) => Create(StatusCode.ResourceExhausted,
            "You exceeded your current quota. Please retry in 47.1s.",
            new Google.Rpc.QuotaFailure { Violations = { new Google.Rpc.QuotaFailure.Types.Violation { QuotaMetric = "generativelanguage.googleapis.com/generate_content_free_tier_requests", QuotaId = "GenerateRequestsPerMinutePerProjectPerModel-FreeTier" } } },
            new Google.Rpc.RetryInfo { RetryDelay = Duration.FromTimeSpan(retryDelay) });
    }
}
