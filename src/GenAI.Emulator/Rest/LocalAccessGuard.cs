using System;
using System.Net;
using System.Threading.Tasks;
using GenAI.Emulator.Engine.Errors;
using Microsoft.AspNetCore.Http;

namespace GenAI.Emulator.Rest;

/// <summary>
/// Middleware in front of every emulator request (REST and gRPC): a request whose <c>Host</c> is not a loopback
/// name is refused (403), so a web page that rebinds its own name to 127.0.0.1 cannot reach the emulator; and the
/// control endpoints under <c>/emulator/</c> (all but <c>/emulator/health</c>) need the emulator's key like API calls.
/// </summary>
internal static class LocalAccessGuard
{
    /// <param name="tlsHostNames">Names the emulator serves TLS for at a test's request; accepted too.</param>
    public static Func<HttpContext, RequestDelegate, Task> Create(string apiKey, string[]? tlsHostNames = null) => async (context, next) =>
    {
        string requested = context.Request.Host.Host;
        if (!IsLoopbackName(requested) &&
            !(context.Request.IsHttps && tlsHostNames is not null && Array.Exists(tlsHostNames, n => string.Equals(n, requested, StringComparison.OrdinalIgnoreCase))))
        {
            await ResponseWriter.WriteErrorAsync(context, ApiErrors.PermissionDenied(
                $"The emulator answers only requests addressed to a loopback name (127.0.0.1, [::1] or localhost), not '{context.Request.Host.Host}'.")).ConfigureAwait(false);
            return;
        }

        PathString path = context.Request.Path;
        if (path.StartsWithSegments("/emulator", StringComparison.OrdinalIgnoreCase) &&
            !path.Equals("/emulator/health", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                ApiKeyCheck.Verify(context.Request, apiKey);
            }
            catch (ApiException ex)
            {
                await ResponseWriter.WriteErrorAsync(context, ex.Error).ConfigureAwait(false);
                return;
            }
        }

        await next(context).ConfigureAwait(false);
    };

    /// <summary>An IP literal in 127.0.0.0/8, <c>::1</c>, or <c>localhost</c>.</summary>
    public static bool IsLoopbackName(string host)
    {
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(host.Trim('[', ']'), out IPAddress? address) && IPAddress.IsLoopback(address);
    }
}
