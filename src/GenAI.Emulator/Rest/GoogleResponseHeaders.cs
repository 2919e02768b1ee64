using System.Diagnostics;
using System.Globalization;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace GenAI.Emulator.Rest;

/// <summary>Adds the headers Google's front end puts on every API response (Vary, Server, Server-Timing, ...).</summary>
internal static class GoogleResponseHeaders
{
    public static Task ApplyAsync(HttpContext context, RequestDelegate next)
    {
        long started = Stopwatch.GetTimestamp();
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.Vary = "Origin, X-Origin, Referer";
            headers.Server = "scaffolding on HTTPServer2";
            headers.XXSSProtection = "0";
            headers.XFrameOptions = "SAMEORIGIN";
            headers.XContentTypeOptions = "nosniff";
            long elapsed = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            headers["Server-Timing"] = "gfet4t7; dur=" + elapsed.ToString(CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        });
        return next(context);
    }
}
