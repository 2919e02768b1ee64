using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using GenAI.PowerShell.Errors;

namespace GenAI.PowerShell.KeyHandlers
{
    /// <summary>
    /// Binds and unbinds GenAI key handlers through PSReadLine's own commands, and remembers which chords are
    /// ours (Remove-GenAIKeyHandler without -Chord removes those). The handler is a script block that reads the
    /// buffer, asks <see cref="KeyHandlerAction"/>, and replaces the buffer (Fix, Complete) or prints the answer
    /// and redraws the prompt (Explain, errors); it never accepts the line.
    /// </summary>
    internal static class PSReadLineKeyHandlers
    {
        private const string HandlerScript = @"
param($action)
{
    param($key, $arg)
    $line = $null
    $cursor = $null
    [Microsoft.PowerShell.PSConsoleReadLine]::GetBufferState([ref]$line, [ref]$cursor)
    $lastError = if ($global:Error.Count -gt 0) { [string]$global:Error[0] }
    $lastCommand = (Get-History -Count 1).CommandLine
    $answer = $action.Ask($action.LineToAsk($line, $lastCommand), $lastError)
    if ($answer.ReplacesLine) {
        [Microsoft.PowerShell.PSConsoleReadLine]::Replace(0, $line.Length, $answer.Text)
        return
    }
    [Microsoft.PowerShell.PSConsoleReadLine]::SetCursorPosition($line.Length)
    [Console]::WriteLine()
    if ($answer.IsError) { [Console]::WriteLine(""`e[31m$($answer.Text)`e[0m"") } else { [Console]::WriteLine($answer.Text) }
    # Draw the prompt again on the row under the answer (without a row, PSReadLine redraws it where it was).
    [Microsoft.PowerShell.PSConsoleReadLine]::InvokePrompt($null, [Console]::CursorTop)
    [Microsoft.PowerShell.PSConsoleReadLine]::SetCursorPosition($cursor)
}.GetNewClosure()";

        private static readonly ConcurrentDictionary<string, KeyHandlerAction> s_bound = new ConcurrentDictionary<string, KeyHandlerAction>(StringComparer.OrdinalIgnoreCase);

        public static IReadOnlyList<KeyHandlerAction> Bound => s_bound.Values.OrderBy(a => a.Chord, StringComparer.OrdinalIgnoreCase).ToList();

        /// <summary>Ends <paramref name="cmdlet"/> with a clear error when PSReadLine is not loaded (no console line to work on).</summary>
        public static void RequirePSReadLine(PSCmdlet cmdlet)
        {
            var loaded = cmdlet.InvokeCommand.InvokeScript("Get-Module -Name PSReadLine");
            if (loaded.Count > 0) return;
            cmdlet.ThrowTerminatingError(ErrorRecordFactory.Create(PowerShellErrorCodes.PSReadLineNotLoaded,
                "PSReadLine is not loaded in this session, so there is no command line for a key to send: key handlers work in an interactive console.",
                "PSReadLine", "Run this in an interactive PowerShell console, or Import-Module PSReadLine first."));
        }

        /// <summary>The script block PSReadLine runs for <paramref name="action"/>.</summary>
        public static ScriptBlock CreateHandler(PSCmdlet cmdlet, KeyHandlerAction action) =>
            (ScriptBlock)cmdlet.InvokeCommand.InvokeScript(HandlerScript, useNewScope: true, writeToPipeline: PipelineResultTypes.None, input: null, action)[0].BaseObject;

        public static void Bind(PSCmdlet cmdlet, KeyHandlerAction action, ScriptBlock handler)
        {
            cmdlet.InvokeCommand.InvokeScript(
                "param($chord, $handler, $description) Set-PSReadLineKeyHandler -Chord $chord -ScriptBlock $handler -BriefDescription GenAI -Description $description",
                useNewScope: true, writeToPipeline: PipelineResultTypes.None, input: null,
                action.Chord, handler, $"GenAI: {action.Mode} the command line with {action.Model.Name} (Set-GenAIKeyHandler)");
            s_bound[action.Chord] = action;
        }

        public static bool IsBound(string chord) => s_bound.ContainsKey(chord);

        public static void Unbind(PSCmdlet cmdlet, string chord)
        {
            cmdlet.InvokeCommand.InvokeScript("param($chord) Remove-PSReadLineKeyHandler -Chord $chord",
                useNewScope: true, writeToPipeline: PipelineResultTypes.None, input: null, chord);
            s_bound.TryRemove(chord, out _);
        }
    }
}
