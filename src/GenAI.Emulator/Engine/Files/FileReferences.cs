using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GenAI.Emulator.Engine.Errors;
using GenAI.Emulator.Engine.Json;

namespace GenAI.Emulator.Engine.Files;

/// <summary>
/// Checks fileData parts that point at Files API URIs (<c>.../v1beta/files/{id}</c>, on this emulator
/// or on generativelanguage.googleapis.com): the file must exist (else 403) and be ACTIVE (else 400
/// FAILED_PRECONDITION). Other URIs (gs://, YouTube, ...) pass unchecked.
/// </summary>
internal static class FileReferences
{
    private static readonly Regex s_filePath = new(@"/v1(beta)?/files/(?<id>[a-z0-9-]+)$", RegexOptions.Compiled);

    public static void EnsureUsable(JsonArray? contents, FileApi files)
    {
        foreach (JsonObject part in (contents ?? new JsonArray())
                     .Select(c => c?["parts"] as JsonArray)
                     .Where(p => p is not null)
                     .SelectMany(p => p!.OfType<JsonObject>()))
        {
            if (part["fileData"] is JsonObject fileData && JsonRead.TryString(fileData["fileUri"]) is { } uri &&
                Uri.TryCreate(uri, UriKind.Absolute, out Uri? parsed) && parsed.Scheme is "http" or "https")
            {
                Match match = s_filePath.Match(parsed.AbsolutePath);
                if (match.Success)
                {
                    files.RequireActive(match.Groups["id"].Value);
                }
            }
        }
    }
}
