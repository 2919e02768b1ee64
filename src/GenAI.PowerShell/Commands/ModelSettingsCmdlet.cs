using System;
using System.Management.Automation;
using System.Threading.Tasks;
using GenAI.Core.Models;
using GenAI.Core.Tools;
using GenAI.PowerShell.Tools;
using GenAI.Core.Errors;
using GenAI.PowerShell.Errors;
using GenAI.PowerShell.Input;
using GenAI.PowerShell.Pipeline;
using GenAI.PowerShell.Transformations;

namespace GenAI.PowerShell.Commands
{
    /// <summary>
    /// Base of the cmdlets that take generation settings: as model defaults (New-GenAIModel,
    /// Start-ChatSession) or per call (Invoke-GenerateContent, Send-ChatMessage).
    /// </summary>
    public abstract class ModelSettingsCmdlet : GenAICmdlet
    {
        private ModelSettings? _settings;

        /// <summary>Any generationConfig field of the API: a hashtable, an object or JSON text.</summary>
        [Parameter]
        public object? GenerationConfig { get; set; }

        [Parameter]
        [ValidateRange(0.0, 2.0)]
        public double? Temperature { get; set; }

        [Parameter]
        [ValidateRange(0.0, 1.0)]
        public double? TopP { get; set; }

        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int? TopK { get; set; }

        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int? MaxOutputTokens { get; set; }

        [Parameter]
        [ValidateRange(1, 8)]
        public int? CandidateCount { get; set; }

        [Parameter]
        [ValidateCount(1, 5)]
        [ValidateNotNullOrEmpty]
        public string[]? StopSequence { get; set; }

        [Parameter]
        public int? Seed { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.MimeTypeCompleter))]
        public string? ResponseMimeType { get; set; }

        [Parameter]
        [ValidateRange(-2.0, 2.0)]
        public double? PresencePenalty { get; set; }

        [Parameter]
        [ValidateRange(-2.0, 2.0)]
        public double? FrequencyPenalty { get; set; }

        /// <summary>Tokens the model may spend thinking: -1 automatic, 0 off.</summary>
        [Parameter]
        [ValidateRange(-1, int.MaxValue)]
        public int? ThinkingBudget { get; set; }

        [Parameter]
        public SwitchParameter IncludeThoughts { get; set; }

        /// <summary>Gemini 3 thinking depth (thinkingConfig.thinkingLevel); not together with -ThinkingBudget.</summary>
        [Parameter]
        [ValidateSet("Minimal", "Low", "Medium", "High")]
        public string? ThinkingLevel { get; set; }

        /// <summary>Tokens spent per image, video frame or PDF page (generationConfig.mediaResolution).</summary>
        [Parameter]
        [ValidateSet("Low", "Medium", "High")]
        public string? MediaResolution { get; set; }

        /// <summary>What the reply may hold (generationConfig.responseModalities): Text, Image, Audio.</summary>
        [Parameter]
        [ValidateSet("Text", "Image", "Audio")]
        [ValidateNotNullOrEmpty]
        public string[]? ResponseModality { get; set; }

        /// <summary>Generated images' aspect ratio (imageConfig.aspectRatio), e.g. 16:9.</summary>
        [Parameter]
        [ValidatePattern(@"^\d{1,2}:\d{1,2}$")]
        [ArgumentCompleter(typeof(Completers.MediaSettingCompleter))]
        public string? ImageAspectRatio { get; set; }

        /// <summary>Generated images' size (imageConfig.imageSize) on Gemini 3 image models: 1K, 2K, 4K (512 on 3.1 Flash Image).</summary>
        [Parameter]
        [ValidateSet("1K", "2K", "4K", "512")]
        public string? ImageSize { get; set; }

        /// <summary>A prebuilt voice for speech output (speechConfig.voiceConfig), e.g. Kore.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.MediaSettingCompleter))]
        public string? Voice { get; set; }

        /// <summary>The whole speechConfig: a hashtable, JSON text or SpeechConfig object (multi-speaker included).</summary>
        [Parameter]
        public object? SpeechConfig { get; set; }

        /// <summary>The reply's structure: a hashtable (OpenAPI subset), a class or .NET type, or JSON text.</summary>
        [Parameter]
        public object? ResponseSchema { get; set; }

        /// <summary>
        /// @{ Harassment = 'BlockNone' }, a list of @{ category; threshold }, or one threshold for all categories. Typed so
        /// that PowerShell completes the categories inside @{ }; the transformation keeps every other form as given.
        /// </summary>
        [Parameter]
        [SafetySettingArgumentTransformation]
        [ArgumentCompleter(typeof(Completers.SettingValueCompleter))]
        public SafetySettingArgument? SafetySetting { get; set; }

        /// <summary>Text (or parts) the model follows for every turn.</summary>
        [Parameter]
        public object? SystemInstruction { get; set; }

        /// <summary>Commands (Get-Command), function declaration hashtables, Tool objects, or code_execution, google_search, url_context.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(Completers.SettingValueCompleter))]
        public object[]? Tool { get; set; }

        /// <summary>A function calling mode (AUTO, ANY, NONE) or @{ mode = 'ANY'; allowedFunctionNames = ... }.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(Completers.SettingValueCompleter))]
        public object? ToolConfig { get; set; }

        /// <summary>
        /// Runs <paramref name="start"/> with automatic function calling: the model's calls run as
        /// PowerShell commands on this (the pipeline) thread while the core waits for them (inside
        /// <paramref name="aroundEachCommand"/>'s scope, when given: Enter-GenAIChat gives the console back for confirmations).
        /// </summary>
        private protected FunctionCallingResult RunFunctionCalling(Func<Core.Tools.AutomaticFunctionCalling, Task<FunctionCallingResult>> start, int maximumCalls, string modelName,
            bool force, Func<IDisposable?>? aroundEachCommand = null)
        {
            using var dispatcher = new PipelineDispatcher();
            var runner = new CommandFunctionRunner(this, force, ModelCapabilities.TakesMultimodalFunctionResponses(modelName));
            var calling = new Core.Tools.AutomaticFunctionCalling((call, function, _) => dispatcher.Invoke(() =>
            {
                using (aroundEachCommand?.Invoke()) return runner.Run(call, function);
            }), maximumCalls);
            var task = start(calling);
            Pump.RunDispatcher(dispatcher, task);
            var result = task.GetAwaiter().GetResult();
            WriteVerboseRedacted($"Automatic function calling ran {result.CallCount} call(s).");
            if (result.ReachedLimit)
                WriteWarning($"The model asked for more than {maximumCalls} function call(s); the calls in its last reply were not run. Raise -MaximumFunctionCalls to allow more.");
            return result;
        }

        /// <summary>The settings from these parameters, built once; invalid values end the cmdlet with an ErrorRecord.</summary>
        internal ModelSettings Settings
        {
            get
            {
                if (_settings != null) return _settings;
                try
                {
                    _settings = ModelSettingsBuilder.Build(this);
                }
                catch (GenAIException ex)
                {
                    ThrowTerminatingError(ErrorRecordFactory.Create(ex, null));
                }
                return _settings!;
            }
        }
    }
}
