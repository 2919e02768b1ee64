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
#if !NET8_0_OR_GREATER
            // Windows PowerShell 5.1 (this build) counts escape sequences as characters when it wraps lines.
            return false;
#else
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
            return !IsRedirected(invocation);
#endif
        }

        /// <summary>The chunk to write: tagged for the console view when <paramref name="toConsole"/>.</summary>
        public static object Prepare(GenerateContentResponse chunk, bool toConsole)
        {
            if (!toConsole || !chunk.IsStreamChunk) return chunk;
            var wrapped = new PSObject(chunk);
            wrapped.TypeNames.Insert(0, StreamChunkView.TypeName);
            return wrapped;
        }

        // `Invoke-GenerateContent ... > file.txt`: the command's own redirections, found by parsing its line.
        private static bool IsRedirected(InvocationInfo invocation)
        {
            if (string.IsNullOrEmpty(invocation.Line)) return false;
            try
            {
                var ast = Parser.ParseInput(invocation.Line, out _, out _);
                var command = ast.Find(a => a is CommandAst c && c.Extent.StartLineNumber == 1 && c.Extent.StartColumnNumber == invocation.OffsetInLine, true) as CommandAst;
                return command != null && command.Redirections.Any(r => r.FromStream == RedirectionStream.Output || r.FromStream == RedirectionStream.All);
            }
            catch (Exception ex) when (ex is ParseException || ex is ArgumentException)
            {
                return false;
            }
        }
    }
}
