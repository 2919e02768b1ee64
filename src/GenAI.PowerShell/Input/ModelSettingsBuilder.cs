using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using GenAI.Core.Errors;
using GenAI.Core.Input;
using GenAI.Core.Models;
using GenAI.Core.Protocol;
using GenAI.Core.Tools;
using GenAI.PowerShell.Commands;
using GenAI.PowerShell.Schema;
using GenAI.PowerShell.Tools;
using GenAI.PowerShell.Errors;

namespace GenAI.PowerShell.Input
{
    /// <summary>
    /// Turns the generation, safety, tool and system-instruction parameters of a cmdlet into settings:
    /// -GenerationConfig first, the single-value parameters (-Temperature, ...) over it, -ResponseSchema
    /// last (it also sets the response MIME type when none was given). Bad values raise
    /// <see cref="InvalidInputException"/> naming the parameter.
    /// </summary>
    internal static class ModelSettingsBuilder
    {
        public static ModelSettings Build(ModelSettingsCmdlet cmdlet)
        {
            var settings = new CallOverrides();
            var bound = cmdlet.MyInvocation.BoundParameters;
            Type? responseType = null;
            var schemas = Schemas();

            GenerationConfig? config = cmdlet.GenerationConfig == null ? null
                : Copy(new GenerationConfigConverter(schemas).Convert(PlainValues.Of(cmdlet.GenerationConfig)!));
            GenerationConfig Config() => config ??= new GenerationConfig();
            if (cmdlet.Temperature.HasValue) Config().Temperature = cmdlet.Temperature;
            if (cmdlet.TopP.HasValue) Config().TopP = cmdlet.TopP;
            if (cmdlet.TopK.HasValue) Config().TopK = cmdlet.TopK;
            if (cmdlet.MaxOutputTokens.HasValue) Config().MaxOutputTokens = cmdlet.MaxOutputTokens;
            if (cmdlet.CandidateCount.HasValue) Config().CandidateCount = cmdlet.CandidateCount;
            if (cmdlet.StopSequence != null) Config().StopSequences = cmdlet.StopSequence.ToList();
            if (cmdlet.Seed.HasValue) Config().Seed = cmdlet.Seed;
            if (!string.IsNullOrEmpty(cmdlet.ResponseMimeType)) Config().ResponseMimeType = cmdlet.ResponseMimeType;
            if (cmdlet.PresencePenalty.HasValue) Config().PresencePenalty = cmdlet.PresencePenalty;
            if (cmdlet.FrequencyPenalty.HasValue) Config().FrequencyPenalty = cmdlet.FrequencyPenalty;
            if (cmdlet.ThinkingBudget.HasValue) (Config().ThinkingConfig ??= new ThinkingConfig()).ThinkingBudget = cmdlet.ThinkingBudget;
            if (bound.ContainsKey(nameof(ModelSettingsCmdlet.IncludeThoughts))) (Config().ThinkingConfig ??= new ThinkingConfig()).IncludeThoughts = cmdlet.IncludeThoughts.IsPresent;
            MediaSettings.Apply(cmdlet, Config);
            if (cmdlet.ResponseSchema != null)
            {
                object schemaInput = ResolveSchemaInput(cmdlet.ResponseSchema);
                responseType = schemaInput as Type;
                var schema = schemas.Convert(schemaInput);
                Config().ResponseSchema = schema;
                Config().ResponseJsonSchema = null;
                config!.ResponseMimeType ??= IsEnumSchema(schema) ? "text/x.enum" : "application/json";
            }
            GenerationConfigValidator.Validate(config);
            settings.GenerationConfig = config;

            if (cmdlet.SafetySetting != null) settings.SafetySettings = SafetySettingConverter.Convert(PlainValues.Of(cmdlet.SafetySetting.Value));
            if (cmdlet.Tool != null)
            {
                settings.Tools = Tools(cmdlet, cmdlet.Tool, schemas, out var functions);
                settings.Functions = functions;
            }
            if (cmdlet.ToolConfig != null) settings.ToolConfig = ToolConfig(cmdlet.ToolConfig);
            if (cmdlet.SystemInstruction != null) settings.SystemInstruction = SystemInstruction(cmdlet.SystemInstruction);
            return new ModelSettings(settings, responseType);
        }

        /// <summary>
        /// Tools from any accepted shape; commands become declarations, and <paramref name="functions"/> the
        /// commands behind them (for automatic function calling).
        /// </summary>
        public static List<Tool> Tools(PSCmdlet cmdlet, object[] values, SchemaConverter? schemas, out List<CallableFunction> functions)
        {
            var found = new List<CallableFunction>();
            var declarations = new CommandDeclarationBuilder(cmdlet);
            var converter = new ToolConverter(value =>
            {
                var function = declarations.TryBuild(value);
                if (function == null) return null;
                found.Add(function);
                return function.Declaration;
            }, schemas ?? Schemas());
            var tools = converter.Convert(PlainValues.Of(values)!);
            functions = found;
            return tools;
        }

        /// <summary>A tool config from any accepted shape (a mode name, a hashtable, JSON).</summary>
        public static ToolConfig ToolConfig(object value) => ToolConfigConverter.Convert(PlainValues.Of(value)!);

        /// <summary>A system instruction (text, parts or a content) as a Content without role.</summary>
        public static Content SystemInstruction(object value)
        {
            var contents = PromptConverter.ToContents(new[] { value });
            if (contents.Count == 0 || contents.All(c => c.Parts.Count == 0))
                throw new InvalidInputException(PowerShellErrorCodes.InvalidSystemInstruction, "The system instruction is empty.", value, "Pass text, e.g. -SystemInstruction 'Answer in one sentence.'");
            return new Content(null, contents.SelectMany(c => c.Parts));
        }

        // A string that is not JSON names a type: -ResponseSchema Person.
        private static object ResolveSchemaInput(object value)
        {
            var normalized = PlainValues.Of(value)!;
            if (!(normalized is string text) || text.TrimStart().StartsWith("{", StringComparison.Ordinal)) return normalized;
            if (LanguagePrimitives.TryConvertTo(text.Trim('[', ']', ' '), out Type type)) return type;
            throw new InvalidInputException(ErrorCodes.InvalidSchema, $"'{text}' is neither JSON nor the name of a type.", value,
                "Pass the type itself (-ResponseSchema ([MyClass])), a hashtable such as @{ type = 'object'; properties = @{ name = 'string' } }, or JSON text.");
        }

        // A .NET or PowerShell class stands for the schema of its properties.
        private static SchemaConverter Schemas() => new SchemaConverter(value => value is Type type ? TypeSchemaBuilder.ForType(type) : (JsonElement?)null);

        private static bool IsEnumSchema(JsonElement schema) =>
            schema.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "STRING" && schema.TryGetProperty("enum", out _);

        private static GenerationConfig Copy(GenerationConfig config) =>
            JsonSerializer.Deserialize(JsonSerializer.Serialize(config, GenAIJsonContext.Default.GenerationConfig), GenAIJsonContext.Default.GenerationConfig)!;
    }
}
