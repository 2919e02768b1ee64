using System.Management.Automation;
using GenAI.Core.Errors;
using GenAI.PowerShell.Configuration;
using GenAI.PowerShell.Errors;

namespace GenAI.PowerShell.Commands
{
    /// <summary>Shows the settings in effect and where each comes from; the key is masked.</summary>
    [Cmdlet(VerbsCommon.Get, "GenAIConfiguration")]
    [OutputType(typeof(GenAIConfigurationInfo))]
    public sealed class GetGenAIConfigurationCommand : PSCmdlet
    {
        protected override void EndProcessing()
        {
            try { WriteObject(ModuleConfiguration.Describe()); }
            catch (GenAIException ex) { ThrowTerminatingError(ErrorRecordFactory.Create(ex, null)); }
        }
    }
}
