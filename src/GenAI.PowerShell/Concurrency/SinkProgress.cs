using System;
using GenAI.Core.Files;

namespace GenAI.PowerShell.Concurrency
{
    /// <summary>Forwards upload progress to the pipeline thread (synchronously: no synchronization context involved).</summary>
    internal sealed class SinkProgress : IProgress<UploadProgress>
    {
        private readonly IBatchSink _sink;

        public SinkProgress(IBatchSink sink) { _sink = sink; }

        public void Report(UploadProgress value) => _sink.Progress(value);
    }
}
