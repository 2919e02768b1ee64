using System;
using System.Linq;
using System.Threading.Tasks;
using GenAI.Core.Files;
using GenAI.Core.Models;
using GenAI.Core.Protocol;
using GenAI.Core.Tests.TestSupport;

namespace GenAI.Core.Tests
{
    public sealed class GenAIClientTests : IClassFixture<InProcessEmulator>
    {
        private readonly InProcessEmulator _emulator;

        public GenAIClientTests(InProcessEmulator emulator)
        {
            _emulator = emulator;
        }

        [Fact]
        public async Task Rest_calls_and_uploads_share_one_connection_pool()
        {
            using var client = new GenAIClient(new GenAIClientOptions { BaseUri = _emulator.Host.BaseUri, ApiKey = InProcessEmulator.ApiKey });
            string tag = Guid.NewGuid().ToString("N");
            await client.Models.GetAsync("gemini-2.5-flash");
            var file = await client.Files.UploadAsync(new BytesBlobSource(new byte[] { 1, 2, 3 }), new FileUploadOptions("image/png") { DisplayName = tag });
            await client.Models.GenerateContentAsync(new GenerativeModel("gemini-2.5-flash"), new[] { new Content("user", new[] { Part.FromText(tag) }) });

            var mine = _emulator.Host.Requests.SkipWhile(r => !r.Path.EndsWith("/models/gemini-2.5-flash", StringComparison.Ordinal)).ToList();
            Assert.Equal(4, mine.Count);   // models.get, upload start, the chunk, generateContent
            Assert.Single(mine.Select(r => r.Connection).Distinct());
            Assert.NotNull(file.Name);
        }
    }
}
