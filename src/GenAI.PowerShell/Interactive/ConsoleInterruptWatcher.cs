using System;
using System.Collections.Concurrent;
using System.Threading;
using GenAI.Core.Chats.Interactive;

namespace GenAI.PowerShell.Interactive
{
    /// <summary>
    /// While a reply is shown, turns Ctrl+C into a key (so PowerShell does not stop the whole command) and watches
    /// for it on a background thread: Ctrl+C cancels <see cref="Cancellation"/>. Other keys typed meanwhile are kept
    /// for the next prompt. <see cref="Pause"/> gives the console back (a confirmation prompt reads it).
    /// </summary>
    internal sealed class ConsoleInterruptWatcher : IChatReplyScope
    {
        private static readonly TimeSpan s_poll = TimeSpan.FromMilliseconds(25);

        private readonly CancellationTokenSource _cancel;
        private readonly ConcurrentQueue<ConsoleKeyInfo> _typeAhead;
        private readonly object _consoleLock = new object();
        private readonly Thread _thread;
        private readonly bool _treatedAsInput;
        private volatile bool _stopping;
        private int _paused;

        public ConsoleInterruptWatcher(CancellationToken stop, ConcurrentQueue<ConsoleKeyInfo> typeAhead)
        {
            _cancel = CancellationTokenSource.CreateLinkedTokenSource(stop);
            _typeAhead = typeAhead;
            _treatedAsInput = Console.TreatControlCAsInput;
            Console.TreatControlCAsInput = true;
            _thread = new Thread(Watch) { IsBackground = true, Name = "GenAI chat Ctrl+C watcher" };
            _thread.Start();
        }

        public CancellationToken Cancellation => _cancel.Token;

        /// <summary>Stops watching (and lets Ctrl+C stop commands again) until the returned scope is disposed.</summary>
        public IDisposable Pause()
        {
            lock (_consoleLock)
            {
                if (_paused++ == 0) Console.TreatControlCAsInput = _treatedAsInput;
            }
            return new Resume(this);
        }

        private void Watch()
        {
            while (!_stopping)
            {
                lock (_consoleLock)
                {
                    while (_paused == 0 && !_stopping && Console.KeyAvailable)
                    {
                        var key = Console.ReadKey(intercept: true);
                        if (ConsoleLineEditor.IsInterrupt(key)) _cancel.Cancel();
                        else _typeAhead.Enqueue(key);
                    }
                }
                Thread.Sleep(s_poll);
            }
        }

        public void Dispose()
        {
            _stopping = true;
            _thread.Join();
            Console.TreatControlCAsInput = _treatedAsInput;
            _cancel.Dispose();
        }

        private sealed class Resume : IDisposable
        {
            private ConsoleInterruptWatcher? _watcher;

            public Resume(ConsoleInterruptWatcher watcher) { _watcher = watcher; }

            public void Dispose()
            {
                var watcher = Interlocked.Exchange(ref _watcher, null);
                if (watcher == null) return;
                lock (watcher._consoleLock)
                {
                    if (--watcher._paused == 0) Console.TreatControlCAsInput = true;
                }
            }
        }
    }
}
