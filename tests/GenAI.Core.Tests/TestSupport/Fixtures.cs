using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace GenAI.Core.Tests.TestSupport
{
    /// <summary>Finds the recorded service responses in ../shared/fixtures (beside the repository).</summary>
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

        private static string Locate()
        {
            foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
            {
                for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
                {
                    var candidate = System.IO.Path.Combine(dir.FullName, "shared", "fixtures");
                    if (Directory.Exists(candidate)) return candidate;
                }
            }
            throw new DirectoryNotFoundException("shared/fixtures was not found above the test directory; the repository expects ../shared beside it.");
        }
    }
}
