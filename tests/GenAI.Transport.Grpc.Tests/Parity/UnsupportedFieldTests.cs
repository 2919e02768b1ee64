using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using GenAI.Core.Errors;
using GenAI.Core.Protocol;
using GenAI.Core.Transport;

namespace GenAI.Transport.Grpc.Tests.Parity
{
    /// <summary>
    /// A request field the bundled protos cannot carry (here one passed through the generation config's extra fields,
    /// as -GenerationConfig does with a name the module does not know) ends in an error naming it, not a silent drop.
    /// </summary>
    public class UnsupportedFieldTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorFixture _emulator;

        public UnsupportedFieldTests(EmulatorFixture emulator) { _emulator = emulator; }

        private static GenerateContentRequest WithExtra(string name, string json) => new GenerateContentRequest
        {
            Contents = new List<Content> { new Content("user", new[] { new Part { Text = "hi" } }) },
            GenerationConfig = new GenerationConfig
            {
                Temperature = 0.5,
                AdditionalProperties = new Dictionary<string, JsonElement> { [name] = JsonDocument.Parse(json).RootElement.Clone() },
            },
        };

        [Fact]
        public async Task A_field_the_protos_lack_is_an_error_naming_it_and_nothing_is_sent()
        {
            using var client = _emulator.Client(TransportKind.Grpc);
            _emulator.Host.ClearRequests();

            var error = await Assert.ThrowsAsync<InvalidInputException>(() =>
                client.Models.GenerateContentAsync("gemini-2.5-flash", WithExtra("futureKnob", "3")));

            Assert.Equal("FieldNotSupportedOverGrpc", error.ErrorCode);
            Assert.Contains("'futureKnob'", error.Message);
            Assert.Contains("GenerationConfig", error.Message);
            Assert.Contains("REST", error.RecommendedAction);
            Assert.Equal("futureKnob", error.Input);
            Assert.Empty(_emulator.Host.Requests);   // refused before anything went on the wire
        }

        [Fact]
        public async Task A_field_the_protos_have_still_travels_through_the_extras()
        {
            using var client = _emulator.Client(TransportKind.Grpc);
            var reply = await client.Models.GenerateContentAsync("gemini-2.5-flash", WithExtra("presencePenalty", "0.25"));
            Assert.Contains("hi", reply.Text);
        }
    }
}
