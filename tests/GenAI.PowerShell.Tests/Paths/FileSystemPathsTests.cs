using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using GenAI.Core.Errors;
using GenAI.PowerShell.Paths;

namespace GenAI.PowerShell.Tests.Paths
{
    public sealed class FileSystemPathsTests : IDisposable
    {
        private readonly System.Management.Automation.PowerShell _shell =
            System.Management.Automation.PowerShell.Create(System.Management.Automation.Runspaces.InitialSessionState.CreateDefault2());
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "genai-paths-" + Guid.NewGuid().ToString("N"));

        public FileSystemPathsTests()
        {
            Directory.CreateDirectory(_folder);
            File.WriteAllText(Path.Combine(_folder, "a.txt"), "a");
            File.WriteAllText(Path.Combine(_folder, "b.txt"), "b");
            Paths.SetLocation(_folder);
        }

        private PathIntrinsics Paths => _shell.Runspace.SessionStateProxy.Path;

        public void Dispose()
        {
            _shell.Dispose();
            Directory.Delete(_folder, recursive: true);
        }

        [Fact]
        public void A_relative_path_is_taken_from_the_current_location_and_need_not_exist()
        {
            Assert.Equal(Path.Combine(_folder, "new.json"), FileSystemPaths.Unresolved(Paths, "new.json", "a chat is saved to a file"));
            Assert.Equal(Path.Combine(_folder, "a.txt"), FileSystemPaths.Unresolved(Paths, "FileSystem::" + Path.Combine(_folder, "a.txt"), "files are read"));
        }

        [Fact]
        public void A_pattern_expands_to_the_existing_items_it_matches()
        {
            var files = FileSystemPaths.Resolved(Paths, "*.txt", "only files can be sent");

            Assert.Equal(new[] { "a.txt", "b.txt" }, files.Select(Path.GetFileName).OrderBy(n => n));
        }

        [Fact]
        public void A_path_on_another_provider_is_refused_with_the_reason_a_file_is_needed()
        {
            var literal = Assert.Throws<InvalidInputException>(() => FileSystemPaths.Unresolved(Paths, "Env:PATH", "a chat is saved to a file"));
            var pattern = Assert.Throws<InvalidInputException>(() => FileSystemPaths.Resolved(Paths, "Env:PA*", "only files can be sent"));

            Assert.Equal("NotAFileSystemPath", literal.ErrorCode);
            Assert.Equal("'Env:PATH' is on the Environment provider; a chat is saved to a file.", literal.Message);
            Assert.Equal("Env:PATH", literal.Input);
            Assert.Equal("NotAFileSystemPath", pattern.ErrorCode);
        }

        [Fact]
        public void A_missing_item_or_drive_is_PathNotFound_naming_the_path_as_given()
        {
            var missing = Assert.Throws<InvalidInputException>(() => FileSystemPaths.Resolved(Paths, "nope.json", "files are read"));
            var drive = Assert.Throws<InvalidInputException>(() => FileSystemPaths.Unresolved(Paths, "nodrive:/x.json", "files are read"));

            Assert.Equal("PathNotFound", missing.ErrorCode);
            Assert.Equal("nope.json", missing.Input);
            Assert.Contains("nope.json", missing.Message);
            Assert.Equal("PathNotFound", drive.ErrorCode);
            Assert.Equal("nodrive:/x.json", drive.Input);
        }
    }
}
