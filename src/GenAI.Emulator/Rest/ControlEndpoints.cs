using System;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using GenAI.Emulator.Engine;
using GenAI.Emulator.Engine.Errors;
using GenAI.Emulator.Engine.Json;
using GenAI.Emulator.Engine.Models;
using GenAI.Emulator.Engine.Replay;
using GenAI.Emulator.Recording;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GenAI.Emulator.Rest;

/// <summary>
/// Test-control endpoints under <c>/emulator/*</c> (the emulator's key required, see <see cref="LocalAccessGuard"/>; not recorded):
/// reset, gate release, fixture replay, request log, stream chunk timings, health.
/// </summary>
internal static class ControlEndpoints
{
    public static void Map(IEndpointRouteBuilder routes, EmulatorEngine engine, RequestLog log, StreamTimingLog timings)
    {
        routes.MapGet("/emulator/health", (HttpContext context) =>
            ResponseWriter.WriteJsonAsync(context, new JsonObject { ["status"] = "ok" }));

        routes.MapPost("/emulator/reset", (HttpContext context) =>
        {
            string? model = context.Request.Query["model"].ToString();
            engine.Reset(string.IsNullOrEmpty(model) ? null : model);
            return ResponseWriter.WriteJsonAsync(context, new JsonObject());
        });

        routes.MapPost("/emulator/gates/{model}/release", (HttpContext context, string model) =>
        {
            engine.ReleaseGate(Uri.UnescapeDataString(model));
            return ResponseWriter.WriteJsonAsync(context, new JsonObject { ["released"] = Uri.UnescapeDataString(model) });
        });

        routes.MapGet("/emulator/gates/{model}", (HttpContext context, string model) =>
        {
            string id = ModelCatalog.StripPrefix(Uri.UnescapeDataString(model));
            return ResponseWriter.WriteJsonAsync(context, new JsonObject { ["model"] = id, ["waiting"] = engine.Gates.Waiting(id) });
        });

        routes.MapPost("/emulator/batches/{id}/release", (HttpContext context, string id) => Guard(context, () =>
        {
            engine.Batches.Release(Uri.UnescapeDataString(id));
            return ResponseWriter.WriteJsonAsync(context, new JsonObject { ["released"] = "batches/" + Uri.UnescapeDataString(id) });
        }));

        routes.MapPost("/emulator/replay", (HttpContext context) => Guard(context, async () =>
        {
            using var reader = new System.IO.MemoryStream();
            await context.Request.Body.CopyToAsync(reader, context.RequestAborted).ConfigureAwait(false);
            JsonObject body = RequestJson.Parse(reader.ToArray()) as JsonObject ?? new JsonObject();
            ReplayEntry entry = engine.Replays.Register(
                JsonRead.TryString(body["model"]) ?? string.Empty,
                JsonRead.TryString(body["file"]) ?? string.Empty);
            await ResponseWriter.WriteJsonAsync(context, new JsonObject
            {
                ["model"] = "models/" + entry.ModelId,
                ["file"] = entry.RelativePath,
                ["statusCode"] = entry.StatusCode,
                ["contentType"] = entry.Format == BodyFormat.EventStream ? ResponseWriter.EventStreamContentType : ResponseWriter.JsonContentType,
                ["bytes"] = entry.Body.Length,
            }).ConfigureAwait(false);
        }));

        routes.MapGet("/emulator/requests", (HttpContext context) =>
            ResponseWriter.WriteJsonAsync(context, RequestRecorder.ToJson(log.Snapshot())));

        routes.MapDelete("/emulator/requests", (HttpContext context) =>
        {
            log.Clear();
            return ResponseWriter.WriteJsonAsync(context, new JsonObject());
        });

        routes.MapGet("/emulator/stream-timings", (HttpContext context) =>
        {
            string? model = context.Request.Query["model"].ToString();
            return ResponseWriter.WriteJsonAsync(context, timings.ToJson(string.IsNullOrEmpty(model) ? null : model));
        });

        routes.MapDelete("/emulator/stream-timings", (HttpContext context) =>
        {
            timings.Clear();
            return ResponseWriter.WriteJsonAsync(context, new JsonObject());
        });
    }

    private static async Task Guard(HttpContext context, Func<Task> action)
    {
        try
        {
            await action().ConfigureAwait(false);
        }
        catch (ApiException ex) when (!context.Response.HasStarted)
        {
            await ResponseWriter.WriteErrorAsync(context, ex.Error).ConfigureAwait(false);
        }
    }
}
