using GenAI.Emulator.Engine.Errors;
using Microsoft.AspNetCore.Http;

namespace GenAI.Emulator.Rest;

/// <summary>Authenticates like the service: key from <c>x-goog-api-key</c>, else from <c>?key=</c>.</summary>
internal static class ApiKeyCheck
{
    public static void Verify(HttpRequest request, string expectedKey)
    {
        string key = request.Headers["x-goog-api-key"].ToString();
        if (key.Length == 0)
        {
            key = request.Query["key"].ToString();
        }

        if (key.Length == 0)
        {
            throw new ApiException(ApiErrors.MissingApiKey());
        }

        if (!string.Equals(key, expectedKey, System.StringComparison.Ordinal))
        {
            throw new ApiException(ApiErrors.InvalidApiKey());
        }
    }
}
