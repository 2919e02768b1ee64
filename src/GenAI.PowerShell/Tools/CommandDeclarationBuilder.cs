using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Security;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GenAI.Core.Errors;
using GenAI.Core.Input;
using GenAI.Core.Protocol;
using GenAI.Core.Tools;
using GenAI.PowerShell.Schema;

namespace GenAI.PowerShell.Tools
{
    /// <summary>
    /// A function declaration from a PowerShell command (as the Google Gen AI SDKs turn a callable into one; https://ai.google.dev/api/caching#FunctionDeclaration):
    /// the parameters of its default parameter set (common parameters left out) become the properties,
    /// mandatory ones are required, [ValidateSet] gives enums, and the help synopsis and parameter help
    /// give the descriptions. Hashtable, [pscustomobject] and class parameters are OBJECTs (a class with its
    /// properties); a parameter that cannot be described is left out with a warning naming it. The function keeps the command's name (Get-Process is a valid function name);
    /// characters the API does not allow become '_'.
    /// </summary>
    internal sealed class CommandDeclarationBuilder
    {
        private static readonly HashSet<string> s_commonParameters = new HashSet<string>(
            Cmdlet.CommonParameters.Concat(Cmdlet.OptionalCommonParameters).Concat(new[] { "ProgressAction" }), StringComparer.OrdinalIgnoreCase);

        private static readonly Type[] s_unsupplied = { typeof(ScriptBlock), typeof(PSCredential), typeof(SecureString), typeof(Delegate) };

        private readonly PSCmdlet _cmdlet;

        public CommandDeclarationBuilder(PSCmdlet cmdlet) { _cmdlet = cmdlet; }

        /// <summary>The callable function for <paramref name="value"/> when it is a command, else null.</summary>
        public CallableFunction? TryBuild(object value)
        {
            if (!(value is CommandInfo command)) return null;
            var resolved = Resolve(command);
            var help = HelpText.For(resolved, _cmdlet);
            var declaration = new FunctionDeclaration
            {
                Name = FunctionName(resolved.Name),
                Description = help.Synopsis ?? $"Runs the PowerShell command {resolved.Name}.",
            };
            var parameters = Parameters(resolved, help);
            if (parameters != null) declaration.Parameters = parameters;
            return new CallableFunction(declaration, resolved);
        }

        /// <summary>The parameter set the model's arguments are bound to: the default one, else the first.</summary>
        public static CommandParameterSetInfo? ParameterSet(CommandInfo command)
        {
            var sets = command.ParameterSets;
            return sets.FirstOrDefault(s => s.IsDefault) ?? sets.FirstOrDefault();
        }

        public static bool IsCommonParameter(string name) => s_commonParameters.Contains(name);

        private static CommandInfo Resolve(CommandInfo command)
        {
            var seen = 0;
            while (command is AliasInfo alias && alias.ResolvedCommand != null && seen++ < 16) command = alias.ResolvedCommand;
            if (command is AliasInfo unresolved)
                throw Invalid($"The alias '{unresolved.Name}' does not resolve to a command.", command);
            if (command.CommandType == CommandTypes.Application)
                throw Invalid($"'{command.Name}' is a native program; only PowerShell commands (cmdlets, functions, scripts) can be tools.", command);
            return command;
        }

        private static string FunctionName(string name)
        {
            var result = new StringBuilder(name.Length);
            foreach (char c in name) result.Append(char.IsLetterOrDigit(c) && c < 128 || c == '_' || c == '.' || c == ':' || c == '-' ? c : '_');
            return result.Length > 64 ? result.ToString(0, 64) : result.ToString();
        }

        private JsonElement? Parameters(CommandInfo command, HelpText help)
        {
            CommandParameterSetInfo? set;
            try
            {
                set = ParameterSet(command);
            }
            catch (Exception ex) when (ex is RuntimeException || ex is InvalidOperationException)
            {
                throw Invalid($"The parameters of '{command.Name}' cannot be read: {ex.Message}", command);
            }
            if (set == null) return null;

            var properties = new JsonObject();
            var required = new JsonArray();
            foreach (var parameter in set.Parameters.Where(p => !IsCommonParameter(p.Name)))
            {
                JsonObject? schema;
                string? why = null;
                try
                {
                    schema = TypeSchemaBuilder.ForParameter(parameter.ParameterType, parameter.Attributes);
                }
                catch (InvalidInputException ex)
                {
                    schema = null;
                    why = ex.Message;
                }
                if (schema == null && IsTextConvertible(parameter.ParameterType))
                    schema = new JsonObject { ["type"] = "STRING" };
                if (schema == null)
                {
                    if (!parameter.IsMandatory)
                    {
                        // Never a silent drop: the model would not know the parameter exists.
                        _cmdlet.WriteWarning($"The tool {command.Name} is declared without its parameter -{parameter.Name}: a [{parameter.ParameterType.Name}] cannot be described to the model"
                            + (why != null ? $" ({why.TrimEnd('.')})." : ".") + " The model can call the command, but cannot pass that parameter.");
                        continue;
                    }
                    if (s_unsupplied.Any(t => t.IsAssignableFrom(parameter.ParameterType)))
                        throw Invalid($"'{command.Name}' cannot be called by a model: its mandatory parameter -{parameter.Name} takes a {parameter.ParameterType.Name}.", command);
                    schema = new JsonObject { ["type"] = "STRING" };
                }
                string? description = !string.IsNullOrWhiteSpace(parameter.HelpMessage) ? parameter.HelpMessage : help.ParameterDescription(parameter.Name);
                if (!string.IsNullOrWhiteSpace(description)) schema["description"] = description!.Trim();
                properties[parameter.Name] = schema;
                if (parameter.IsMandatory) required.Add(parameter.Name);
            }
            if (properties.Count == 0) return null;
            var result = new JsonObject { ["type"] = "OBJECT", ["properties"] = properties };
            if (required.Count > 0) result["required"] = required;
            using var document = JsonDocument.Parse(result.ToJsonString());
            return SchemaConverter.Normalize(document.RootElement);
        }

        // Types PowerShell builds from text when binding (a path for FileInfo, a URI, an IP address): the model passes a string.
        private static bool IsTextConvertible(Type type)
        {
            var element = type.IsArray ? type.GetElementType()! : type;
            if (element == typeof(object) || element == typeof(PSObject) || typeof(System.Collections.IDictionary).IsAssignableFrom(element)) return false;
            if (s_unsupplied.Any(t => t.IsAssignableFrom(element))) return false;
            return element.GetConstructor(new[] { typeof(string) }) != null
                || element.GetMethod("Parse", System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static, null, new[] { typeof(string) }, null) != null;
        }

        private static InvalidInputException Invalid(string message, object input) =>
            new InvalidInputException(ErrorCodes.InvalidTool, message, input,
                "Pass PowerShell cmdlets, functions or scripts whose parameters take text, numbers, booleans or arrays of them.");
    }
}
