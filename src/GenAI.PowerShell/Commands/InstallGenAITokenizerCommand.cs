using System;
using System.IO;
using System.Management.Automation;
using System.Threading.Tasks;
using GenAI.Core.Errors;
using GenAI.Core.Tokenization;
using GenAI.Core.Transport;
using GenAI.PowerShell.Configuration;
using GenAI.PowerShell.Errors;
using GenAI.PowerShell.Paths;

namespace GenAI.PowerShell.Commands
{
    /// <summary>
    /// Puts the Gemma 3 vocabulary that Measure-Tokens -Offline needs into the tokenizer cache: downloaded from the
    /// official source, or copied from a local tokenizer.model / tokenizer.json. Files are verified by SHA-256.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Install, "GenAITokenizer", DefaultParameterSetName = DownloadParameterSet, SupportsShouldProcess = true)]
    [OutputType(typeof(TokenizerInfo))]
    public sealed class InstallGenAITokenizerCommand : CoreCmdlet
    {
        private const string DownloadParameterSet = "Download";
        private const string PathParameterSet = "Path";
        private const string LiteralPathParameterSet = "LiteralPath";
        private const int ActivityId = 1;

        /// <summary>A local Gemma 3 tokenizer.model or tokenizer.json (wildcards allowed; must match one file).</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathParameterSet)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = null!;

        /// <summary>Like -Path, taken literally (no wildcards).</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathParameterSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string LiteralPath { get; set; } = null!;

        /// <summary>Where to download from; default: the URL google-genai uses. The file must still match a pinned hash.</summary>
        [Parameter(ParameterSetName = DownloadParameterSet)]
        [ValidateNotNull]
        public Uri Uri { get; set; } = TokenizerCache.OfficialModelUri;

        /// <summary>Install even when a verified vocabulary is already in the cache.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Seconds the download may take in all (default 300).</summary>
        [Parameter]
        [ValidateRange(1, 86400)]
        public int TimeoutSec { get; set; }

        /// <summary>Seconds the download may take in all, when shorter than -TimeoutSec.</summary>
        [Parameter]
        [ValidateRange(1, 604800)]
        public int TotalTimeoutSec { get; set; }

        protected override void ProcessRecord()
        {
            TokenizerCache cache = TokenizerCache.Default;
            string? source = ParameterSetName == DownloadParameterSet ? Uri.ToString() : ResolveSourceFile();
            if (source == null) return;

            if (!Force)
            {
                TokenizerInfo existing = cache.GetInfo();
                if (existing.IsInstalled)
                {
                    WriteWarning($"The Gemma 3 vocabulary is already installed at '{existing.Path}'. Use -Force to install '{source}' over it.");
                    WriteObject(existing);
                    return;
                }
            }

            if (!ShouldProcess(cache.Directory, $"Install the Gemma 3 tokenizer vocabulary from '{source}'")) return;

            string? installed = ParameterSetName == DownloadParameterSet ? Download(cache) : CopyFrom(cache, source);
            if (installed == null) return;
            WriteVerboseRedacted($"Installed '{installed}' (SHA-256 verified) from '{source}'.");
            WriteObject(cache.GetInfo());
        }

        private string? ResolveSourceFile()
        {
            try
            {
                const string purpose = "the vocabulary is read from a file";
                bool literal = ParameterSetName == LiteralPathParameterSet;
                string given = literal ? LiteralPath : Path;
                var paths = literal ? new[] { FileSystemPaths.Unresolved(SessionState.Path, given, purpose) } : FileSystemPaths.Resolved(SessionState.Path, given, purpose);
                if (paths.Count != 1)
                {
                    WriteError(ErrorRecordFactory.Create(PowerShellErrorCodes.TokenizerFileInvalid,
                        $"'{given}' must name exactly one file in the file system (it matched {paths.Count}).", given,
                        "Pass the path of one tokenizer.model or tokenizer.json file."));
                    return null;
                }

                if (!File.Exists(paths[0]))
                {
                    WriteError(ErrorRecordFactory.Create(ErrorCodes.PathNotFound, $"The file '{paths[0]}' does not exist.", given,
                        "Check the path of the tokenizer.model or tokenizer.json file."));
                    return null;
                }

                return paths[0];
            }
            catch (InvalidInputException ex)
            {
                WriteError(ErrorRecordFactory.Create(ex, ParameterSetName == LiteralPathParameterSet ? LiteralPath : Path));
                return null;
            }
        }

        private string? CopyFrom(TokenizerCache cache, string file)
        {
            string? installed = null;
            if (!TryRun(() => installed = InstallOrReport(() => cache.Install(file), cache, file), file)) return null;
            return installed;
        }

        private string? Download(TokenizerCache cache)
        {
            var options = new RequestOptions
            {
                Timeout = TimeoutSec > 0 ? TimeSpan.FromSeconds(TimeoutSec) : (TimeSpan?)null,
                Deadline = TotalTimeoutSec > 0 ? TimeSpan.FromSeconds(TotalTimeoutSec) : (TimeSpan?)null,
            };
            var record = new ProgressRecord(ActivityId, "Install-GenAITokenizer", $"Downloading {Uri}");
            WriteVerboseRedacted($"Downloading the Gemma 3 vocabulary from {Uri}.");
            WriteProgress(record);
            var progress = Pump.LatestProgress<TokenizerDownloadProgress>(latest => DownloadProgress(record, latest));
            Task<string> task = cache.DownloadAndInstallAsync(Uri, ModuleConfiguration.CreateProxy(), progress, options, StopToken);
            try
            {
                Pump.WaitUntilDone(task);
            }
            catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
            {
                return null;
            }
            WriteProgress(new ProgressRecord(ActivityId, "Install-GenAITokenizer", "Done") { RecordType = ProgressRecordType.Completed });

            string? installed = null;
            TryRun(() => installed = InstallOrReport(() => task.GetAwaiter().GetResult(), cache, Uri), Uri);
            return installed;
        }

        private static ProgressRecord DownloadProgress(ProgressRecord record, TokenizerDownloadProgress latest)
        {
            long total = latest.TotalBytes ?? 0;
            record.StatusDescription = total > 0
                ? $"{latest.BytesReceived / 1024:N0} of {total / 1024:N0} KB"
                : $"{latest.BytesReceived / 1024:N0} KB";
            if (total > 0 && latest.BytesReceived == total) record.StatusDescription += ", verifying SHA-256 and loading";
            record.PercentComplete = total > 0 ? (int)Math.Min(100, latest.BytesReceived * 100 / total) : -1;
            return record;
        }

        // File-system failures while reading the source or writing the cache are not core exceptions.
        private string InstallOrReport(Func<string> install, TokenizerCache cache, object target)
        {
            try
            {
                return install();
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                ThrowTerminatingError(ErrorRecordFactory.Create(PowerShellErrorCodes.TokenizerInstallFailed,
                    $"The tokenizer could not be installed into '{cache.Directory}': {ex.Message}", target,
                    $"Check that '{cache.Directory}' is writable, or point {TokenizerCache.EnvironmentVariable} at a folder that is.", ex));
                return null!;
            }
        }
    }
}
