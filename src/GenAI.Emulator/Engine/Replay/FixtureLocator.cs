using System;
using System.Collections.Generic;
using System.IO;

namespace GenAI.Emulator.Engine.Replay;

/// <summary>Finds the recorded-fixtures folder: the configured path, else the nearest <c>shared/fixtures</c> upward.</summary>
public static class FixtureLocator
{
    public static string? Locate(string? configured)
    {
        if (!string.IsNullOrEmpty(configured))
        {
            return Path.GetFullPath(configured);
        }

        foreach (string start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            foreach (string directory in Ancestors(start))
            {
                string candidate = Path.Combine(directory, "shared", "fixtures");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private static IEnumerable<string> Ancestors(string start)
    {
        for (DirectoryInfo? directory = new(start); directory is not null; directory = directory.Parent)
        {
            yield return directory.FullName;
        }
    }
}
