using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using GenAI.PowerShell.Input;
using GenAI.PowerShell.Pipeline;

namespace GenAI.PowerShell.Tests.Pipeline
{
    /// <summary>The -Each skeleton, run by a real pipeline: one request per item after the shared prompt, piped bytes as one item.</summary>
    public sealed class EachRequestsTests
    {
        /// <summary>Writes, per started request, the texts (or "N bytes") of its prompt's parts joined by "|".</summary>
        [Cmdlet("Test", "EachRequests")]
        public sealed class TestEachRequestsCommand : PSCmdlet
        {
            private readonly PromptInput _input = new PromptInput();
            private EachRequests _each = null!;

            [Parameter(Position = 0)]
            public object[]? Prompt { get; set; }

            [Parameter(ValueFromPipeline = true)]
            public object[]? InputObject { get; set; }

            [Parameter]
            public string? MimeType { get; set; }

            [Parameter]
            public SwitchParameter NotAlone { get; set; }

            protected override void BeginProcessing()
            {
                _input.Begin(this, MimeType, Prompt, null, null, shared: true);
                _each = new EachRequests(_input, item => WriteObject(Describe(item)), sharedPromptAlone: !NotAlone);
            }

            protected override void ProcessRecord() => _each.Take(InputObject, MyInvocation.ExpectingInput);

            protected override void EndProcessing()
            {
                _each.Finish();
                WriteObject("started " + _each.Started);
            }

            private string Describe(object? item) =>
                string.Join("|", _input.ToContentsWith(item).SelectMany(c => c.Parts).Select(p => p.Text ?? $"{p.InlineData?.DecodedLength} bytes"));
        }

        private static List<string> Run(string script)
        {
            var state = InitialSessionState.CreateDefault2();
            state.Commands.Add(new SessionStateCmdletEntry("Test-EachRequests", typeof(TestEachRequestsCommand), null));
            using var shell = System.Management.Automation.PowerShell.Create(state);
            var output = shell.AddScript(script).Invoke().Select(o => o.ToString()).ToList();
            Assert.Empty(shell.Streams.Error);
            return output;
        }

        [Fact]
        public void Every_piped_item_is_a_request_of_its_own_after_the_shared_prompt()
        {
            var output = Run("'one', 'two' | Test-EachRequests 'Translate:'");

            Assert.Equal(3, output.Count);
            Assert.Contains("Translate:", output[0]);
            Assert.EndsWith("one", output[0]);
            Assert.EndsWith("two", output[1]);
            Assert.Equal("started 2", output[2]);
        }

        [Fact]
        public void With_nothing_piped_the_shared_prompt_alone_is_one_request()
        {
            Assert.Equal(new[] { "Hello", "started 1" }, Run("Test-EachRequests 'Hello'"));
        }

        [Fact]
        public void Without_sharedPromptAlone_nothing_piped_starts_nothing()
        {
            Assert.Equal(new[] { "started 0" }, Run("Test-EachRequests 'Hello' -NotAlone"));
        }

        [Fact]
        public void Piped_bytes_are_collected_into_one_item_that_ends_with_the_pipeline()
        {
            var output = Run("[byte[]](1, 2, 3) | Test-EachRequests -MimeType image/png");

            Assert.Equal(2, output.Count);
            Assert.Equal("3 bytes", output[0]);
            Assert.Equal("started 1", output[1]);
        }
    }
}
