using GenAI.Core.Models;

namespace GenAI.PowerShell.Commands
{
    /// <summary>
    /// Base of the cmdlets that generate (Invoke-GenerateContent, Send-ChatMessage): the per-call
    /// generation config, safety settings, tools and tool config laid over the model's defaults.
    /// </summary>
    public abstract class GenerationCmdlet : GenAICmdlet
    {
        /// <summary>The per-call overrides from this cmdlet's parameters; null when none were given.</summary>
        protected virtual CallOverrides? BuildOverrides() => null;
    }
}
