using System;
using System.IO;

namespace GenAI.Emulator.Engine.Replay;

/// <summary>
/// Finds the recorded-fixtures folder: the configured path, else the <c>Fixtures</c> folder the emulator
/// ships beside its own assembly (copied there from <c>src/GenAI.Emulator/Fixtures</c> at build time).
/// </summary>
public static class FixtureLocator
{
    public const string FolderName = "Fixtures";

    public static string? Locate(string? configured)
    {
        if (!string.IsNullOrEmpty(configured))
        {
            return Path.GetFullPath(configured);
        }

        string bundled = Path.Combine(Path.GetDirectoryName(typeof(FixtureLocator).Assembly.Location) ?? AppContext.BaseDirectory, FolderName);
        return Directory.Exists(bundled) ? bundled : null;
    }
}
