using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using GenAI.Core.Errors;
using GenAI.Core.Protocol;
using GenAI.Core.Tests.TestSupport;
using GenAI.Core.Transport;

namespace GenAI.Core.Tests.Reliability
{
    /// <summary>The key travels only in the x-goog-api-key header and shows up in no log line, message or ToString.</summary>
    public class KeyHygieneTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorFixture _emulator;

        public KeyHygieneTests(EmulatorFixture emulator) { _emulator = emulator; }

        private static async Task<Exception> Capture(Func<Task> call)
        {
            try { await call(); return null; }
            catch (Exception ex) { return ex; }
        }

        private static IEnumerable<string> Texts(Exception error)
        {
            for (var e = error; e != null; e = e.InnerException)
            {
                yield return e.Message;
                yield return e.ToString();
                if (e is GenAIException genai) yield return genai.RecommendedAction ?? "";
            }
        }

        [Fact]
        public async Task Debug_logs_and_errors_of_good_and_failing_calls_never_contain_the_key()
        {
            var log = new List<string>();
            var texts = new List<string>();
            using (var good = _emulator.Client(log))
            {
                var reply = await good.Models.GenerateContentAsync("gemini-2.5-flash", EmulatorFixture.Prompt("hello"));
                texts.Add(reply.ToString());
                await foreach (var chunk in good.Models.StreamGenerateContentAsync(EmulatorFixture.Tagged("fault-503x2"), EmulatorFixture.Prompt("a b"))) texts.Add(chunk.ToString());
                texts.AddRange(Texts(await Capture(() => good.Models.GenerateContentAsync(EmulatorFixture.Tagged("fault-500"), EmulatorFixture.Prompt("x"), new RequestOptions { MaxRetries = 1 }))));
                texts.AddRange(Texts(await Capture(() => good.Models.GetAsync("no-such-model"))));
                texts.Add(good.Options.ToString());
            }

            const string wrongKey = "wrong-key-abcdef0123456789";
            using (var bad = _emulator.Client(log, wrongKey))
            {
                var error = await Capture(() => bad.Models.GenerateContentAsync("gemini-2.5-flash", EmulatorFixture.Prompt("x")));
                Assert.Equal("ApiKeyInvalid", Assert.IsType<ApiException>(error).ErrorCode);
                texts.AddRange(Texts(error));
                texts.Add(bad.Options.ToString());
            }

            Assert.Contains(log, l => l.StartsWith("Debug: POST http://127.0.0.1:") && l.Contains("x-goog-api-client: genai-powershell/") && l.Contains("not shown"));
            Assert.Contains(log, l => l.StartsWith("Debug: HTTP 503"));
            Assert.Contains(log, l => l.StartsWith("Info: streamGenerateContent: 503 UNAVAILABLE"));
            foreach (var text in log.Concat(texts))
            {
                Assert.DoesNotContain(EmulatorFixture.ApiKey, text);
                Assert.DoesNotContain(wrongKey, text);
            }
            Assert.All(_emulator.Host.Requests, r => Assert.DoesNotContain("key=", r.Query));
        }

        [Fact]
        public void Wire_log_urls_drop_user_info()
        {
            Assert.Equal("https://example.com/v1beta/models?pageSize=2", WireLog.SafeUri(new Uri("https://user:secret@example.com/v1beta/models?pageSize=2")));
        }
    }
}
