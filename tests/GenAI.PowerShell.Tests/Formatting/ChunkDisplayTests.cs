using System.Management.Automation;
using GenAI.Core.Protocol;
using GenAI.PowerShell.Formatting;

namespace GenAI.PowerShell.Tests.Formatting
{
    public class ChunkDisplayTests
    {
        // The offset (1-based column) of the streaming command in each line.
        [Theory]
        [InlineData("Invoke-GenerateContent -Stream 'hi'", 1, false)]
        [InlineData("'hi' | Invoke-GenerateContent -Stream", 8, false)]
        [InlineData("Invoke-GenerateContent -Stream 'hi' > out.txt", 1, true)]
        [InlineData("Invoke-GenerateContent -Stream 'hi' *> all.txt", 1, true)]
        [InlineData("Invoke-GenerateContent -Stream 'hi' 2> errors.txt", 1, false)]
        [InlineData("$chunks = Invoke-GenerateContent -Stream 'hi'", 11, true)]
        [InlineData("(Invoke-GenerateContent -Stream 'hi').Count", 2, true)]
        [InlineData("$(Invoke-GenerateContent -Stream 'hi')", 3, true)]
        [InlineData("@(Invoke-GenerateContent -Stream 'hi')", 3, true)]
        [InlineData("$x = if ($true) { Invoke-GenerateContent -Stream 'hi' }", 19, true)]
        [InlineData("'a' | ForEach-Object { Invoke-GenerateContent -Stream $_ }", 24, false)]
        [InlineData("'a' | ForEach-Object { Invoke-GenerateContent -Stream $_ } | Out-File a.txt", 24, true)]
        [InlineData("'a' | ForEach-Object { Invoke-GenerateContent -Stream $_ } > a.txt", 24, true)]
        public void Tells_whether_the_line_captures_or_redirects_the_command_output(string line, int offset, bool captured)
        {
            Assert.Equal(captured, ChunkDisplay.IsCapturedOrRedirected(line, offset));
        }

        [Fact]
        public void A_line_that_does_not_parse_or_does_not_hold_the_command_is_not_taken_as_captured()
        {
            Assert.False(ChunkDisplay.IsCapturedOrRedirected("$x = (", 1));
            Assert.False(ChunkDisplay.IsCapturedOrRedirected("Get-Date", 40));
        }

        [Fact]
        public void Only_stream_chunks_bound_for_the_console_are_tagged_for_the_chunk_view()
        {
            var chunk = new GenerateContentResponse { ChunkIndex = 0 };
            var reply = new GenerateContentResponse();

            var tagged = Assert.IsType<PSObject>(ChunkDisplay.Prepare(chunk, toConsole: true));

            Assert.Equal(StreamChunkView.TypeName, tagged.TypeNames[0]);
            Assert.Same(chunk, tagged.BaseObject);
            Assert.Same(chunk, ChunkDisplay.Prepare(chunk, toConsole: false));
            Assert.Same(reply, ChunkDisplay.Prepare(reply, toConsole: true));
        }
    }
}
