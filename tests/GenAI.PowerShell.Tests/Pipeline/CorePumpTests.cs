using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Runtime.CompilerServices;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using GenAI.Core.Errors;
using GenAI.Core.Files;
using GenAI.Core.Transport;
using GenAI.PowerShell.Concurrency;
using GenAI.PowerShell.Configuration;
using GenAI.PowerShell.Pipeline;

namespace GenAI.PowerShell.Tests.Pipeline
{
    public sealed class CorePumpTests : IDisposable
    {
        private readonly RecordingCmdlet _cmdlet = new RecordingCmdlet();
        private readonly CorePump _pump;
        private readonly int _pipelineThread = Environment.CurrentManagedThreadId;

        public CorePumpTests() : this(verbose: true, debug: false) { }

        private CorePumpTests(bool verbose, bool debug)
        {
            _pump = NewPump(_cmdlet, verbose, debug);
        }

        private static CorePump NewPump(Cmdlet cmdlet, bool verbose, bool debug) =>
            new CorePump(cmdlet, new CmdletDiagnostics(cmdlet, (switchName, _) => switchName == "Verbose" ? verbose : debug));

        public void Dispose() => _pump.Dispose();

        private IEnumerable<(string Stream, object Value)> Writes => _cmdlet.Runtime.Writes.Select(w => (w.Stream, w.Value));

        private sealed class TestFailure : GenAIException
        {
            public TestFailure() : base("TestFailure", "The call failed.") { }
        }

        [Fact]
        public void Wait_writes_the_cores_messages_on_the_pipeline_thread_while_it_waits_then_returns_the_result()
        {
            var log = _pump.Log!;
            var secondMessageWritten = new TaskCompletionSource<bool>();
            var task = Task.Run(async () =>
            {
                log(DiagnosticLevel.Info, "Attempt 1 failed (503); waiting 2 s.");
                await Task.Delay(50);
                log(DiagnosticLevel.Debug, "POST /v1beta/models/m:generateContent");   // not wanted: -Verbose only
                log(DiagnosticLevel.Info, "Attempt 2 succeeded.");
                return 42;
            });

            Assert.Equal(42, _pump.Wait(task));

            Assert.Equal(new[] { ("Verbose", (object)"Attempt 1 failed (503); waiting 2 s."), ("Verbose", "Attempt 2 succeeded.") }, Writes);
            Assert.All(_cmdlet.Runtime.Writes, w => Assert.Equal(_pipelineThread, w.Thread));
        }

        [Fact]
        public void With_neither_verbose_nor_debug_wanted_there_is_no_log_so_the_core_formats_nothing()
        {
            using var quiet = NewPump(new RecordingCmdlet(), verbose: false, debug: false);
            Assert.Null(quiet.Log);
        }

        [Fact]
        public void With_debug_but_not_verbose_every_message_goes_to_the_debug_stream()
        {
            var cmdlet = new RecordingCmdlet();
            using var pump = NewPump(cmdlet, verbose: false, debug: true);
            pump.Wait(Task.Run(() =>
            {
                pump.Log!(DiagnosticLevel.Info, "retrying");
                pump.Log!(DiagnosticLevel.Debug, "wire");
            }));

            Assert.Equal(new[] { ("Debug", (object)"retrying"), ("Debug", "wire") }, cmdlet.Runtime.Writes.Select(w => (w.Stream, w.Value)));
        }

        [Fact]
        public void Messages_have_the_api_key_redacted()
        {
            var saved = ModuleConfiguration.Snapshot();
            try
            {
                var key = new SecureString();
                foreach (char c in "AIzaTestKey123") key.AppendChar(c);
                ModuleConfiguration.Update(key, null, null, null, null, null, null, clearApiKey: false, clearBaseUri: false);
                using var pump = NewPump(_cmdlet, verbose: true, debug: false);
                pump.Wait(Task.Run(() => pump.Log!(DiagnosticLevel.Info, "GET https://host/v1beta/models?key=AIzaTestKey123")));

                var text = Assert.IsType<string>(Assert.Single(_cmdlet.Runtime.Writes).Value);
                Assert.DoesNotContain("AIzaTestKey123", text);
                Assert.Contains("***", text);
            }
            finally
            {
                ModuleConfiguration.Restore(saved);
            }
        }

        [Fact]
        public void Pull_yields_each_item_as_it_arrives_after_the_messages_posted_before_it()
        {
            var secondMayCome = new SemaphoreSlim(0);
            var log = _pump.Log!;
            async IAsyncEnumerable<string> Chunks([EnumeratorCancellation] CancellationToken token = default)
            {
                await Task.Yield();
                log(DiagnosticLevel.Info, "first chunk coming");
                yield return "chunk 1";
                await secondMayCome.WaitAsync(token);
                yield return "chunk 2";
            }

            var seen = new List<string>();
            foreach (var chunk in _pump.Pull(Chunks()))
            {
                seen.Add(chunk);
                _cmdlet.WriteObject(chunk);
                if (seen.Count == 1)
                {
                    Assert.Equal(new[] { ("Verbose", (object)"first chunk coming"), ("Output", "chunk 1") }, Writes);   // chunk 2 has not come yet
                    secondMayCome.Release();
                }
            }

            Assert.Equal(new[] { "chunk 1", "chunk 2" }, seen);
        }

        [Fact]
        public void Ctrl_C_ends_a_wait_at_once_and_TryRun_ends_quietly()
        {
            var never = new TaskCompletionSource<int>();
            ThreadPool.QueueUserWorkItem(_ => { Thread.Sleep(50); _pump.Stop(); });

            bool completed = _pump.TryRun(() => _pump.Wait(never.Task), "prompt");

            Assert.False(completed);
            Assert.Empty(_cmdlet.Runtime.Writes);
            Assert.True(_pump.StopToken.IsCancellationRequested);
        }

        [Fact]
        public void Ctrl_C_stops_a_pull_that_waits_for_its_next_item()
        {
            async IAsyncEnumerable<string> Endless([EnumeratorCancellation] CancellationToken token = default)
            {
                yield return "chunk 1";
                await Task.Delay(Timeout.Infinite, token);
                yield return "never";
            }

            var seen = new List<string>();
            bool completed = _pump.TryRun(() =>
            {
                foreach (var chunk in _pump.Pull(Endless()))
                {
                    seen.Add(chunk);
                    _pump.Stop();
                }
            }, null);

            Assert.False(completed);
            Assert.Equal(new[] { "chunk 1" }, seen);
        }

        [Fact]
        public void A_core_failure_becomes_a_non_terminating_error_on_the_target_after_the_messages_before_it()
        {
            var log = _pump.Log!;
            bool completed = _pump.TryRun(() => _pump.Wait(Task.Run(() =>
            {
                log(DiagnosticLevel.Info, "giving up after 3 attempts");
                throw new TestFailure();
            })), "the prompt");

            Assert.False(completed);
            var writes = _cmdlet.Runtime.Writes;
            Assert.Equal(new[] { "Verbose", "Error" }, writes.Select(w => w.Stream));
            var error = Assert.IsType<ErrorRecord>(writes[1].Value);
            Assert.Equal("GenAI.TestFailure", error.FullyQualifiedErrorId);
            Assert.Equal("the prompt", error.TargetObject);
        }

        [Fact]
        public void Upload_progress_reported_by_a_worker_is_written_as_a_progress_bar_per_file_while_the_pipeline_thread_waits()
        {
            var uploads = _pump.UploadProgress(parentActivityId: 1);
            _pump.Wait(Task.Run(() =>
            {
                uploads.Report(new UploadProgress("/tmp/video.mp4", 8 * 1048576, 16 * 1048576, UploadStage.Uploading));
                uploads.Report(new UploadProgress("/tmp/video.mp4", 16 * 1048576, 16 * 1048576, UploadStage.Done));
            }));

            var records = _cmdlet.Runtime.Writes.Select(w => Assert.IsType<ProgressRecord>(w.Value)).ToList();
            Assert.Equal(2, records.Count);
            Assert.Equal("Uploading video.mp4", records[0].Activity);
            Assert.Equal("8.0 of 16.0 MB", records[0].StatusDescription);
            Assert.Equal(1, records[0].ParentActivityId);
            Assert.Equal(records[0].ActivityId, records[1].ActivityId);
            Assert.Equal(ProgressRecordType.Completed, records[1].RecordType);
            Assert.All(_cmdlet.Runtime.Writes, w => Assert.Equal(_pipelineThread, w.Thread));
        }

        [Fact]
        public void Latest_progress_writes_only_the_newest_of_the_reports_that_came_between_two_writes()
        {
            var progress = _pump.LatestProgress<string>(status => new ProgressRecord(1, "Download", status));
            for (int i = 1; i <= 1000; i++) progress.Report(i + " KB");   // every report comes before the pipeline thread looks

            _pump.Wait(Task.CompletedTask);

            var record = Assert.IsType<ProgressRecord>(Assert.Single(_cmdlet.Runtime.Writes).Value);
            Assert.Equal("1000 KB", record.StatusDescription);
        }

        [Fact]
        public void Drain_writes_a_batchs_outputs_in_input_order_its_failures_as_errors_and_its_upload_progress()
        {
            var batch = _pump.NewBatch(2);
            batch.Start("slow", async (sink, token) =>
            {
                sink.Progress(new UploadProgress("/tmp/a.png", 1048576, 1048576, UploadStage.Done));
                await Task.Delay(50, token);
                sink.Output("reply to slow");
            });
            batch.Start("failing", (sink, token) => Task.FromException(new TestFailure()));

            var completed = new List<object?>();
            _pump.Drain(batch.TakeAll(), e => _cmdlet.WriteObject(e.Value!), e => completed.Add(e.Target), parentActivityId: 7);

            Assert.Equal(new[] { "Progress", "Output", "Error" }, _cmdlet.Runtime.Writes.Select(w => w.Stream));
            Assert.Equal(7, ((ProgressRecord)_cmdlet.Runtime.Writes[0].Value).ParentActivityId);
            Assert.Equal("failing", ((ErrorRecord)_cmdlet.Runtime.Writes[2].Value).TargetObject);
            Assert.Equal(new object?[] { "slow", "failing" }, completed);
        }

        [Fact]
        public void A_dispatcher_runs_the_work_a_worker_asks_for_on_the_pipeline_thread_until_the_task_ends()
        {
            using var dispatcher = new PipelineDispatcher();
            var log = _pump.Log!;
            var task = Task.Run(async () =>
            {
                int thread = await dispatcher.Invoke(() => Environment.CurrentManagedThreadId);
                log(DiagnosticLevel.Info, "function ran");
                return thread;
            });

            _pump.RunDispatcher(dispatcher, task);

            Assert.Equal(_pipelineThread, _pump.Wait(task));
            Assert.Equal(new[] { ("Verbose", (object)"function ran") }, Writes);
        }
    }
}
