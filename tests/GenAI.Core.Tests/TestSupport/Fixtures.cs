using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace GenAI.Core.Tests.TestSupport
{
    /// <summary>The recorded service responses the emulator ships (src/GenAI.Emulator/Fixtures, copied beside the tests at build time).</summary>
    public static class Fixtures
    {
        private static readonly Lazy<string> s_root = new Lazy<string>(Locate);

        public static string Root => s_root.Value;

        public static string Path(string relative) => System.IO.Path.Combine(Root, relative);

        public static byte[] Read(string relative) => File.ReadAllBytes(Path(relative));

        public static IEnumerable<string> Files(string pattern) =>
            Directory.EnumerateFiles(Root, pattern, SearchOption.AllDirectories)
                .Select(f => System.IO.Path.GetRelativePath(Root, f).Replace('\\', '/'))
                .OrderBy(f => f, StringComparer.Ordinal);

        private static string Locate() =>
            GenAI.Emulator.Engine.Replay.FixtureLocator.Locate(null)
            ?? throw new DirectoryNotFoundException("The emulator's 'Fixtures' folder was not copied beside the tests; rebuild the test project.");
    }
}
