using System;
using System.Globalization;
using System.Management.Automation;
using GenAI.Core.Transport;
using GenAI.PowerShell.Configuration;
using GenAI.PowerShell.Formatting;

namespace GenAI.PowerShell.Pipeline
{
    /// <summary>
    /// Where a cmdlet's diagnostic messages (its own and the core's retry and wire messages) go: the verbose stream
    /// for progress, the debug stream for wire details, only when -Verbose or -Debug (or their preference variables)
    /// ask for them, always with the API key redacted.
    /// </summary>
    internal sealed class CmdletDiagnostics
    {
        private readonly Cmdlet _cmdlet;
        private readonly Func<string, string, bool> _wants;
        private bool? _wantsVerbose;
        private bool? _wantsDebug;
        private string? _key;

        /// <param name="wants">Whether a stream is wanted, given its switch name and preference variable (see <see cref="WantsOf"/>).</param>
        public CmdletDiagnostics(Cmdlet cmdlet, Func<string, string, bool> wants)
        {
            _cmdlet = cmdlet;
            _wants = wants;
        }

        public bool WantsVerbose => _wantsVerbose ??= _wants("Verbose", "VerbosePreference");

        public bool WantsDebug => _wantsDebug ??= _wants("Debug", "DebugPreference");

        /// <summary>Whether <paramref name="cmdlet"/>'s switch (bound) or else its preference variable asks for a stream.</summary>
        public static Func<string, string, bool> WantsOf(PSCmdlet cmdlet) => (switchName, preferenceVariable) =>
        {
            if (cmdlet.MyInvocation.BoundParameters.TryGetValue(switchName, out object? value))
                return value is SwitchParameter flag ? flag.IsPresent : LanguagePrimitives.IsTrue(value);
            return Enum.TryParse(Convert.ToString(cmdlet.GetVariableValue(preferenceVariable), CultureInfo.InvariantCulture), true, out ActionPreference preference)
                && preference != ActionPreference.SilentlyContinue && preference != ActionPreference.Ignore;
        };

        /// <summary>
        /// A sink for <see cref="RequestOptions.Log"/> that hands each wanted message to <paramref name="post"/> (from any
        /// thread); null when neither stream is wanted, so the core skips formatting them.
        /// </summary>
        public Action<DiagnosticLevel, string>? Sink(Action<DiagnosticLevel, string> post)
        {
            if (!WantsVerbose && !WantsDebug) return null;
            return (level, message) =>
            {
                if (level == DiagnosticLevel.Info || WantsDebug) post(level, message);
            };
        }

        /// <summary>
        /// On the pipeline thread: writes a message (key redacted, terminal controls neutralised) to the verbose stream;
        /// with -Debug but not -Verbose, to the debug stream instead (PowerShell makes -Debug turn a compiled cmdlet's
        /// verbose stream into a prompt).
        /// </summary>
        public void Write(DiagnosticLevel level, string message)
        {
            _key ??= ModuleConfiguration.CurrentKey ?? "";
            message = TerminalText.Neutralize(KeyMask.Redact(message, _key));   // service text (error messages) reaches the host
            if (level == DiagnosticLevel.Info && WantsVerbose) _cmdlet.WriteVerbose(message);
            else if (WantsDebug) _cmdlet.WriteDebug(message);
        }

        /// <summary>A sink that writes to a job's verbose and debug streams (from any thread), key redacted; null when neither is wanted.</summary>
        public Action<DiagnosticLevel, string>? JobSink(Jobs.GenAIJob job)
        {
            string key = ModuleConfiguration.CurrentKey ?? "";
            bool verbose = WantsVerbose, debug = WantsDebug;
            if (!verbose && !debug) return null;
            return (level, message) =>
            {
                message = KeyMask.Redact(message, key);
                if (level == DiagnosticLevel.Info && verbose) job.Verbose.Add(new VerboseRecord(message));
                else if (debug) job.Debug.Add(new DebugRecord(message));
            };
        }
    }
}
