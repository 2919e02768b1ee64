using System.Collections.Generic;
using System.Text.Json;
using GenAI.Core.Protocol;

namespace GenAI.Core.Tools
{
    /// <summary>
    /// What a function returned to the model: the JSON response, and files or bytes it produced, which go
    /// into <c>functionResponse.parts</c> (multimodal function responses, read by Gemini 3 models).
    /// </summary>
    public sealed class FunctionResult
    {
        public FunctionResult(JsonElement response, List<FunctionResponsePart>? parts = null)
        {
            Response = response;
            Parts = parts == null || parts.Count == 0 ? null : parts;
        }

        public JsonElement Response { get; }

        public List<FunctionResponsePart>? Parts { get; }
    }
}
