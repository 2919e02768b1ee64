using System.Management.Automation;
using GenAI.Core.Models;
using GenAI.PowerShell.Input;

namespace GenAI.PowerShell.Transformations
{
    /// <summary>Lets -Model take a name ("gemini-2.5-flash") or a model object from New-GenAIModel.</summary>
    public sealed class ModelArgumentTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var value = PlainValues.Base(inputData);
            return value switch
            {
                GenerativeModel model => model,
                string name when !string.IsNullOrWhiteSpace(name) => new GenerativeModel(name),
                GenAI.Core.Protocol.Model described => new GenerativeModel(described.Name),
                // A cache is the seed's from_cached_content: its model, and every call sends cachedContent.
                GenAI.Core.Protocol.CachedContent cache => GenAI.Core.Caches.CachesClient.ModelFor(cache),
                _ => throw new ArgumentTransformationMetadataException(
                    $"-Model takes a model name such as 'gemini-2.5-flash', a model object from New-GenAIModel or a cached content, not '{value?.GetType().Name ?? "null"}'."),
            };
        }
    }
}
