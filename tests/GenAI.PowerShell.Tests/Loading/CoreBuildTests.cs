using System;
using GenAI.PowerShell.Loading;

namespace GenAI.PowerShell.Tests.Loading
{
    /// <summary>Which build of the core an import loads, on .NET (PowerShell 7), with and without GENAI_POWERSHELL_EDITION.</summary>
    public class CoreBuildTests
    {
        [Theory]
        [InlineData(null, "net8.0", true)]
        [InlineData("", "net8.0", true)]
        [InlineData("net8.0", "net8.0", true)]
        [InlineData("netstandard2.0", "netstandard2.0", false)]
        public void Picks_the_folder_and_the_way_of_loading(string? requested, string folder, bool isolated)
        {
            var build = CoreBuild.Select(requested);
            Assert.Equal(folder, build.Folder);
            Assert.Equal(isolated, build.Isolated);
        }

        [Fact]
        public void Is_not_Windows_PowerShell_here() => Assert.False(CoreBuild.IsWindowsPowerShell);

        [Fact]
        public void Refuses_a_value_it_does_not_know_naming_the_variable_and_what_to_set()
        {
            var error = Assert.Throws<InvalidOperationException>(() => CoreBuild.Select("net48"));
            Assert.Equal("GENAI_POWERSHELL_EDITION is 'net48': set it to net8.0 or netstandard2.0, or remove it to load the build made for this PowerShell.", error.Message);
        }
    }
}
