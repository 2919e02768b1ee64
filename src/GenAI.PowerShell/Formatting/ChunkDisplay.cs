using System;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using GenAI.Core.Protocol;

namespace GenAI.PowerShell.Formatting
{
    /// <summary>
    /// Decides whether a cmdlet's streamed chunks go straight to the console (it is the last command of
    /// its pipeline, not redirected, on a host with VT support) and, if so, tags them for
    /// <see cref="StreamChunkView"/> so that they read as continuous text. Chunks that go anywhere else
    /// (another command, Out-String, a file) keep the ordinary one-line-per-chunk view.
    /// </summary>
    internal static class ChunkDisplay
    {
        public static bool GoesToConsole(PSCmdlet cmdlet)
        {
            // Windows PowerShell 5.1 counts escape sequences as characters when it wraps lines.
            if (Loading.CoreBuild.IsWindowsPowerShell) return false;
            var invocation = cmdlet.MyInvocation;
            if (invocation.PipelinePosition != invocation.PipelineLength) return false;
            try
            {
                if (cmdlet.Host?.UI?.SupportsVirtualTerminal != true || Console.IsOutputRedirected) return false;
            }
            catch (Exception ex) when (ex is NotImplementedException || ex is NotSupportedException || ex is System.IO.IOException)
            {
                return false;
            }
            return string.IsNullOrEmpty(invocation.Line) || !IsCapturedOrRedirected(invocation.Line, invocation.OffsetInLine);
        }

        /// <summary>The chunk to write: tagged for the console view when <paramref name="toConsole"/>.</summary>
        public static object Prepare(GenerateContentResponse chunk, bool toConsole)
        {
            if (!toConsole || !chunk.IsStreamChunk) return chunk;
            var wrapped = new PSObject(chunk);
            wrapped.TypeNames.Insert(0, StreamChunkView.TypeName);
            return wrapped;
        }

        private static bool RedirectsOutput(CommandAst command) =>
            command.Redirections.Any(r => r.FromStream == RedirectionStream.Output || r.FromStream == RedirectionStream.All);

        /// <summary>
        /// Whether the command at <paramref name="offsetInLine"/> of <paramref name="line"/> sends its output somewhere
        /// other than on towards the host, as far as its own line tells: its output redirected (<c>&gt; file.txt</c>),
        /// assigned (<c>$chunks = Invoke-GenerateContent ...</c>, also through an if/foreach) or collected by
        /// <c>( )</c>, <c>$( )</c> or <c>@( )</c>; inside a script block given to a command (ForEach-Object), the same
        /// for that command's output.
        /// </summary>
        internal static bool IsCapturedOrRedirected(string line, int offsetInLine)
        {
            try
            {
                var ast = Parser.ParseInput(line, out _, out _);
                if (!(ast.Find(a => a is CommandAst c && c.Extent.StartLineNumber == 1 && c.Extent.StartColumnNumber == offsetInLine, true) is CommandAst command)) return false;
                if (RedirectsOutput(command)) return true;
                for (Ast? node = command.Parent; node != null; node = node.Parent)
                {
                    switch (node)
                    {
                        case AssignmentStatementAst _:
                        case ParenExpressionAst _:
                        case SubExpressionAst _:
                        case ArrayExpressionAst _:
                            return true;
                        case ScriptBlockAst block:
                            // `... | ForEach-Object { Invoke-GenerateContent -Stream $_ } | Out-File a.txt`: the block's output is
                            // the output of the command it is given to, which goes on from there.
                            if (!(block.Parent is ScriptBlockExpressionAst argument && argument.Parent is CommandAst runner)) return false;
                            if (runner.Parent is PipelineAst pipeline && pipeline.PipelineElements[pipeline.PipelineElements.Count - 1] != runner) return true;
                            if (RedirectsOutput(runner)) return true;
                            node = runner;
                            break;
                    }
                }
                return false;
            }
            catch (Exception ex) when (ex is ParseException || ex is ArgumentException)
            {
                return false;
            }
        }
    }
}
