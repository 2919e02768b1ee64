using System;
using System.Management.Automation;
using GenAI.Core.Errors;
using GenAI.Core.Input;
using GenAI.Core.Models;
using GenAI.Core.Protocol;
using GenAI.PowerShell.Configuration;
using GenAI.PowerShell.Errors;
using GenAI.PowerShell.Input;
using GenAI.PowerShell.Transformations;

namespace GenAI.PowerShell.Commands
{
    /// <summary>Creates a context cache (cachedContents.create): contents, system instruction and tools the model reuses across calls.</summary>
    [Cmdlet(VerbsCommon.New, "GenAICachedContent", DefaultParameterSetName = DefaultExpirationSet)]
    [OutputType(typeof(CachedContent))]
    public sealed class NewGenAICachedContentCommand : GenAICmdlet
    {
        private const string DefaultExpirationSet = "DefaultExpiration";
        private const string TtlSet = "Ttl";
        private const string ExpireTimeSet = "ExpireTime";

        private readonly PromptAccumulator _contents = new PromptAccumulator();

        /// <summary>What to cache: text, files, parts or contents. Everything piped in forms the cached contents.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true)]
        [AllowEmptyString]
        public object[]? Content { get; set; }

        /// <summary>The model the cache is for (a name or a model object; its name is used).</summary>
        [Parameter]
        [ModelArgumentTransformation]
        [ArgumentCompleter(typeof(Completers.ModelCompleter))]
        public GenerativeModel? Model { get; set; }

        /// <summary>Instructions cached with the contents (text or a content).</summary>
        [Parameter]
        public object? SystemInstruction { get; set; }

        /// <summary>Tools cached with the contents: commands, function declaration or tool hashtables, or built-in tool names.</summary>
        [Parameter]
        public object[]? Tool { get; set; }

        /// <summary>Tool config cached with the contents, e.g. @{ functionCallingConfig = @{ mode = 'ANY' } }.</summary>
        [Parameter]
        public object? ToolConfig { get; set; }

        /// <summary>How long the cache lives: a TimeSpan or a number of seconds.</summary>
        [Parameter(ParameterSetName = TtlSet, Mandatory = true)]
        [DurationTransformation]
        public TimeSpan Ttl { get; set; }

        /// <summary>When the cache expires.</summary>
        [Parameter(ParameterSetName = ExpireTimeSet, Mandatory = true)]
        public DateTime ExpireTime { get; set; }

        /// <summary>A name to recognise the cache by (at most 128 characters; it cannot be changed later).</summary>
        [Parameter]
        [ValidateLength(1, 128)]
        public string? DisplayName { get; set; }

        protected override void ProcessRecord() => _contents.Add(Content, MyInvocation.ExpectingInput);

        protected override void EndProcessing()
        {
            var model = Model ?? new GenerativeModel(ModuleConfiguration.DefaultModel);
            var client = Client;
            try
            {
                var contents = _contents.ToContents();
                var system = SystemInstruction == null ? null : PromptConverter.ToContent(SystemInstruction);
                var tools = Tool == null ? null : ModelSettingsBuilder.Tools(this, Tool, null, out _);
                var toolConfig = ToolConfig == null ? null : ModelSettingsBuilder.ToolConfig(ToolConfig);
                TimeSpan? ttl = ParameterSetName == TtlSet ? Ttl : (TimeSpan?)null;
                DateTimeOffset? expireTime = ParameterSetName == ExpireTimeSet ? new DateTimeOffset(ExpireTime) : (DateTimeOffset?)null;
                WriteVerboseRedacted($"Creating a cached content for {model.Name} from {contents.Count} content(s).");
                TryRun(() => WriteObject(Await(client.Caches.CreateAsync(model.Name, contents, system, tools, toolConfig, ttl, expireTime,
                    DisplayName, BuildRequestOptions(), StopToken))), _contents.Target);
            }
            catch (GenAIException ex)
            {
                ThrowTerminatingError(ErrorRecordFactory.Create(ex, _contents.Target));
            }
        }
    }
}
