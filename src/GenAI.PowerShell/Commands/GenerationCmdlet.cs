using System;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using System.Threading.Tasks;
using GenAI.Core.Models;
using GenAI.Core.Protocol;
using GenAI.Core.Tools;
using GenAI.PowerShell.Errors;
using GenAI.PowerShell.Schema;
using GenAI.PowerShell.Tools;
using GenAI.PowerShell.Output;

namespace GenAI.PowerShell.Commands
{
    /// <summary>
    /// Base of the cmdlets that generate (Invoke-GenerateContent, Send-ChatMessage): the per-call
    /// generation config, safety settings, tools and tool config laid over the model's defaults, replies
    /// as objects (-AsObject), and automatic function calling.
    /// </summary>
    public abstract class GenerationCmdlet : ModelSettingsCmdlet
    {
        /// <summary>Write the reply's JSON as PowerShell objects (instances of the -ResponseSchema type when one was given).</summary>
        [Parameter]
        public SwitchParameter AsObject { get; set; }

        /// <summary>Run the commands the model calls (from -Tool or the model's tools) and send their results back.</summary>
        [Parameter]
        public SwitchParameter AutomaticFunctionCalling { get; set; }

        /// <summary>Function calls run at most in one call with -AutomaticFunctionCalling.</summary>
        [Parameter]
        [ValidateRange(1, 100)]
        public int MaximumFunctionCalls { get; set; } = Core.Tools.AutomaticFunctionCalling.DefaultMaximumCalls;

        /// <summary>Run commands with side effects without asking.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>The per-call overrides from this cmdlet's parameters; null when none were given.</summary>
        protected virtual CallOverrides? BuildOverrides() => Settings.ToOverrides();

        /// <summary>Refuses parameter combinations that cannot work with streaming.</summary>
        protected void RejectWithStream(bool stream, bool functionCalling)
        {
            if (!stream) return;
            if (functionCalling)
                ThrowTerminatingError(ErrorRecordFactory.Create(PowerShellErrorCodes.FunctionCallingNotStreamable,
                    "Automatic function calling cannot be combined with -Stream: the calls are made between complete replies.", null,
                    "Drop -Stream, or turn automatic function calling off for this call (-AutomaticFunctionCalling:$false)."));
            if (AsObject)
                ThrowTerminatingError(ErrorRecordFactory.Create(PowerShellErrorCodes.AsObjectNotStreamable,
                    "-AsObject needs the whole reply to read its JSON; it cannot be combined with -Stream.", null, "Drop -Stream or -AsObject."));
        }

        /// <summary>
        /// Runs <paramref name="start"/> with automatic function calling: the model's calls run as
        /// PowerShell commands on this (the pipeline) thread while the core waits for them.
        /// </summary>
        /// <param name="modelName">The model answering (Gemini 3 and later also receive the files a command returns).</param>
        protected FunctionCallingResult RunWithFunctionCalling(Func<Core.Tools.AutomaticFunctionCalling, Task<FunctionCallingResult>> start, int maximumCalls, string modelName) =>
            RunFunctionCalling(start, maximumCalls, modelName, Force);

        /// <summary>
        /// Writes the reply: the response object, or with -AsObject the objects its JSON describes (one per candidate).
        /// With <paramref name="eachInput"/> set (an -Each item), each object written carries it (see <see cref="EachInput"/>).
        /// </summary>
        protected void WriteReply(GenerateContentResponse response, GenerationConfig? effectiveConfig, object? target, bool eachInput = false)
        {
            void Write(object value) => WriteObject(eachInput ? EachInput.Attach(value, target) : value);
            if (!AsObject)
            {
                Write(response);
                return;
            }
            var type = Settings.ResponseType;
            bool enumText = effectiveConfig?.ResponseMimeType == "text/x.enum";
            foreach (var candidate in response.Candidates ?? Enumerable.Empty<Candidate>())
            {
                string text = candidate.Content?.Text ?? "";
                if (text.Length == 0) continue;
                try
                {
                    if (enumText)
                    {
                        Write(type == null ? text.Trim() : LanguagePrimitives.ConvertTo(text.Trim(), type, System.Globalization.CultureInfo.InvariantCulture));
                        continue;
                    }
                    using var document = JsonDocument.Parse(JsonToPowerShell.StripFence(text));
                    object? value = type == null ? JsonToPowerShell.ToObject(document.RootElement) : JsonToPowerShell.ToType(document.RootElement, type);
                    if (!eachInput) WriteObject(value, true);
                    else foreach (object one in LanguagePrimitives.GetEnumerable(value) ?? new[] { value }) Write(one);
                }
                catch (JsonException ex)
                {
                    WriteError(ErrorRecordFactory.Create(PowerShellErrorCodes.ResponseNotJson,
                        $"-AsObject could not read the reply as JSON: {ex.Message}", response,
                        "Give -ResponseSchema (or -ResponseMimeType application/json) so the model answers in JSON; the reply is the error's TargetObject.", ex));
                }
                catch (PSInvalidCastException ex)
                {
                    WriteError(ErrorRecordFactory.Create(PowerShellErrorCodes.ResponseNotConvertible,
                        $"The reply could not be converted to [{type!.Name}]: {ex.Message}", response,
                        "Check that the class matches the schema; the reply is the error's TargetObject.", ex));
                }
            }
        }
    }
}
