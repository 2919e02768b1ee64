using System.Management.Automation;
using GenAI.Core.Models;
using GenAI.PowerShell.Input;

namespace GenAI.PowerShell.Commands
{
    /// <summary>Lets -Model take a name ("gemini-2.5-flash") or a model object from New-GenAIModel.</summary>
    public sealed class ModelArgumentTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var value = PromptConverter.Normalize(inputData);
            return value switch
            {
                GenerativeModel model => model,
                string name when !string.IsNullOrWhiteSpace(name) => new GenerativeModel(name),
                GenAI.Core.Protocol.Model described => new GenerativeModel(described.Name),
                _ => throw new ArgumentTransformationMetadataException(
                    $"-Model takes a model name such as 'gemini-2.5-flash' or a model object from New-GenAIModel, not '{value?.GetType().Name ?? "null"}'."),
            };
        }
    }
}
