#nullable enable
using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using GenAI.Core.Errors;
using GenAI.Core.Tokenization;

namespace GenAI.Core.Tests.Tokenization
{
    public sealed class TokenizerCacheTests : IDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), $"genai-tokcache-{Guid.NewGuid():N}");

        public void Dispose()
        {
            if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
        }

        [Fact]
        public void MissingVocabularyThrowsNamingTheFilesItAccepts()
        {
            var cache = new TokenizerCache(_dir);
            Assert.False(cache.IsInstalled);
            var e = Assert.Throws<TokenizerNotInstalledException>(() => cache.GetTokenizer());
            Assert.Equal(ErrorCodes.TokenizerNotInstalled, e.ErrorCode);
            Assert.Contains(TokenizerCache.ModelSha256, e.Message);
            Assert.Contains(TokenizerCache.TokenizerJsonSha256, e.Message);
            Assert.Contains(_dir, e.Message);
            Assert.Contains(TokenizerCache.EnvironmentVariable, e.Message);
            Assert.Equal(_dir, e.CacheDirectory);
        }

        [Fact]
        public void WrongHashIsRefusedAndNothingIsInstalled()
        {
            Directory.CreateDirectory(_dir);
            string bogus = Path.Combine(_dir, "tokenizer.json");
            File.WriteAllText(bogus, "{\"model\":{}}");
            var cache = new TokenizerCache(Path.Combine(_dir, "cache"));
            var e = Assert.Throws<TokenizerHashMismatchException>(() => cache.Install(bogus));
            Assert.Equal(bogus, e.SourcePath);
            Assert.Equal(64, e.ActualSha256.Length);
            Assert.Contains(TokenizerCache.TokenizerJsonSha256, e.Message);
            Assert.False(cache.IsInstalled);
            Assert.False(Directory.Exists(cache.Directory) && Directory.EnumerateFiles(cache.Directory).Any());
        }

        [Fact]
        public void TamperedCacheFileIsNotLoaded()
        {
            Directory.CreateDirectory(_dir);
            File.WriteAllText(Path.Combine(_dir, TokenizerCache.TokenizerJsonFileName), "{}");
            var cache = new TokenizerCache(_dir);
            Assert.True(cache.IsInstalled); // present, but verification fails on load
            var e = Assert.Throws<TokenizerNotInstalledException>(() => cache.GetTokenizer());
            Assert.Contains("failed SHA-256 verification", e.Message);
            Assert.Contains(TokenizerCache.ModelSha256, e.Message);
        }

        [VocabularyFact]
        public void InstallFromPathThenLoadOncePerCache()
        {
            var cache = new TokenizerCache(_dir);
            Assert.Throws<TokenizerNotInstalledException>(() => cache.GetTokenizer()); // failure is not cached ...
            string installed = cache.Install(TokenizerTestEnvironment.VocabularyPath);
            Assert.Equal(Path.Combine(_dir, TokenizerCache.TokenizerJsonFileName), installed);
            Assert.Equal(TokenizerCache.TokenizerJsonSha256, TokenizerCache.Sha256Hex(File.ReadAllBytes(installed)));
            Assert.Empty(Directory.EnumerateFiles(_dir, "*.tmp"));

            GemmaTokenizer first = cache.GetTokenizer();                                    // ... so this works
            Assert.Same(first, cache.GetTokenizer());
            Assert.Equal(5, first.CountTokens("What is your name?"));

            // A fresh cache over the same folder loads from disk, once, even under concurrency.
            var fresh = new TokenizerCache(_dir);
            GemmaTokenizer[] loaded = new GemmaTokenizer[4];
            Parallel.For(0, loaded.Length, i => loaded[i] = fresh.GetTokenizer());
            Assert.All(loaded, t => Assert.Same(loaded[0], t));
            Assert.Equal(4, loaded[0].CountTokens("Hello, world!"));

            // Re-installing over an existing file works.
            cache.Install(installed + "");
        }

        [VocabularyFact]
        public async Task InstallFromUriVerifiesTheDownload()
        {
            byte[] good = File.ReadAllBytes(TokenizerTestEnvironment.VocabularyPath);
            var cache = new TokenizerCache(_dir);

            using (var http = new HttpClient(new StubHandler(HttpStatusCode.OK, new byte[] { 1, 2, 3 })))
            {
                await Assert.ThrowsAsync<TokenizerHashMismatchException>(() => cache.InstallFromUriAsync(new Uri("https://example.invalid/t.json"), http));
            }

            using (var http = new HttpClient(new StubHandler(HttpStatusCode.NotFound, Array.Empty<byte>())))
            {
                var e = await Assert.ThrowsAsync<TokenizerDownloadException>(() => cache.InstallFromUriAsync(http));
                Assert.Equal(404, e.StatusCode);
                Assert.Equal("TokenizerDownloadFailed", e.ErrorCode);
                Assert.Equal(TokenizerCache.OfficialModelUri, e.SourceUri);
            }

            using (var http = new HttpClient(new StubHandler(new HttpRequestException("Name or service not known"))))
            {
                var e = await Assert.ThrowsAsync<TokenizerDownloadException>(() => cache.InstallFromUriAsync(http));
                Assert.Null(e.StatusCode);
                Assert.Contains("Name or service not known", e.Message);
                Assert.IsType<HttpRequestException>(e.InnerException);
            }

            using (var http = new HttpClient(new StubHandler(HttpStatusCode.OK, good)))
            using (var cts = new CancellationTokenSource())
            {
                cts.Cancel();   // the caller's own cancellation stays a cancellation, not a download error
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cache.InstallFromUriAsync(TokenizerCache.OfficialModelUri, http, cts.Token));
            }

            Assert.False(cache.IsInstalled);
            Assert.False(cache.GetInfo().IsInstalled);
            var handler = new StubHandler(HttpStatusCode.OK, good);
            var reports = new RecordingProgress();
            using (var http = new HttpClient(handler))
            {
                string path = await cache.InstallFromUriAsync(new Uri("https://example.invalid/tokenizer.json"), http, reports, CancellationToken.None);
                Assert.Equal(Path.Combine(_dir, TokenizerCache.TokenizerJsonFileName), path);
            }

            Assert.Equal(new Uri("https://example.invalid/tokenizer.json"), handler.LastUri);
            Assert.Equal(0, reports.Items[0].BytesReceived);
            Assert.True(reports.Items.Count > 2);
            Assert.Equal(good.Length, reports.Items[reports.Items.Count - 1].BytesReceived);
            Assert.All(reports.Items, r => Assert.Equal(good.Length, r.TotalBytes));
            Assert.Equal(4, cache.GetTokenizer().CountTokens("Hello, world!"));
        }

        [VocabularyFact]
        public void InfoReportsTheVerifiedFileWithoutLoadingIt()
        {
            var cache = new TokenizerCache(_dir);
            TokenizerInfo none = cache.GetInfo();
            Assert.False(none.IsInstalled);
            Assert.Null(none.Path);
            Assert.Equal(_dir, none.Directory);

            Directory.CreateDirectory(_dir);
            File.WriteAllText(Path.Combine(_dir, TokenizerCache.TokenizerJsonFileName), "{}");
            Assert.False(cache.GetInfo().IsInstalled);   // present but not verified

            new TokenizerCache(_dir).Install(TokenizerTestEnvironment.VocabularyPath);
            TokenizerInfo info = cache.GetInfo();
            Assert.True(info.IsInstalled);
            Assert.Equal(Path.Combine(_dir, TokenizerCache.TokenizerJsonFileName), info.Path);
            Assert.Equal(TokenizerInfo.TokenizerJsonFormat, info.Format);
            Assert.Equal(TokenizerCache.TokenizerJsonSha256, info.Sha256);
            Assert.False(info.IsLoaded);
            Assert.Null(info.VocabularySize);

            cache.GetTokenizer();
            Assert.True(cache.GetInfo().IsLoaded);
            Assert.Equal(262144, cache.GetInfo().VocabularySize);
        }

        [Fact]
        public void OfficialSourceAndDefaults()
        {
            Assert.Equal("https://raw.githubusercontent.com/google/gemma_pytorch/014acb7ac4563a5f77c76d7ff98f31b568c16508/tokenizer/gemma3_cleaned_262144_v2.spiece.model",
                TokenizerCache.OfficialModelUri.ToString());
            using (var sha1 = System.Security.Cryptography.SHA1.Create())
            {
                // google-genai's cache file name is sha1(url).
                string name = string.Concat(sha1.ComputeHash(System.Text.Encoding.UTF8.GetBytes(TokenizerCache.OfficialModelUri.ToString())).Select(b => b.ToString("x2")));
                Assert.Equal(TokenizerCache.GoogleSdkCacheFileName, name);
            }

            string? saved = Environment.GetEnvironmentVariable(TokenizerCache.EnvironmentVariable);
            try
            {
                Environment.SetEnvironmentVariable(TokenizerCache.EnvironmentVariable, _dir);
                Assert.Equal(_dir, TokenizerCache.GetDefaultDirectory());
                Assert.Equal(_dir, TokenizerCache.Default.Directory);
                Assert.Same(TokenizerCache.Default, TokenizerCache.Default);
                Environment.SetEnvironmentVariable(TokenizerCache.EnvironmentVariable, null);
                string def = TokenizerCache.GetDefaultDirectory();
                Assert.EndsWith(Path.Combine("GenAI.PowerShell", "tokenizer"), def);
                Assert.True(Path.IsPathRooted(def));
            }
            finally
            {
                Environment.SetEnvironmentVariable(TokenizerCache.EnvironmentVariable, saved);
            }
        }

        private sealed class StubHandler : HttpMessageHandler
        {
            private readonly HttpStatusCode _status;
            private readonly byte[] _body;
            private readonly Exception? _failure;

            public StubHandler(HttpStatusCode status, byte[] body)
            {
                _status = status;
                _body = body;
            }

            public StubHandler(Exception failure)
                : this(HttpStatusCode.OK, Array.Empty<byte>())
            {
                _failure = failure;
            }

            public Uri? LastUri { get; private set; }

            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                cancellationToken.ThrowIfCancellationRequested();
                LastUri = request.RequestUri;
                if (_failure != null) throw _failure;
                return Task.FromResult(new HttpResponseMessage(_status) { Content = new ByteArrayContent(_body) });
            }
        }

        // Progress<T> would post to the thread pool; record synchronously so the order is the reporting order.
        private sealed class RecordingProgress : IProgress<TokenizerDownloadProgress>
        {
            public System.Collections.Generic.List<TokenizerDownloadProgress> Items { get; } = new System.Collections.Generic.List<TokenizerDownloadProgress>();

            public void Report(TokenizerDownloadProgress value) => Items.Add(value);
        }
    }
}
