using System.Management.Automation;
using GenAI.Core.Tokenization;

namespace GenAI.PowerShell.Commands
{
    /// <summary>Shows whether the vocabulary for Measure-Tokens -Offline is installed, where, and whether it is loaded.</summary>
    [Cmdlet(VerbsCommon.Get, "GenAITokenizer")]
    [OutputType(typeof(TokenizerInfo))]
    public sealed class GetGenAITokenizerCommand : PSCmdlet
    {
        protected override void EndProcessing() => WriteObject(TokenizerCache.Default.GetInfo());
    }
}
