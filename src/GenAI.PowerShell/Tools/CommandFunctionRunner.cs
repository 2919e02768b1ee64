using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Text.Json;
using GenAI.Core.Protocol;
using GenAI.Core.Tools;
using GenAI.PowerShell.Schema;

using GenAI.PowerShell.Configuration;
using GenAI.PowerShell.Formatting;

namespace GenAI.PowerShell.Tools
{
    /// <summary>
    /// Runs, on the pipeline thread, a PowerShell command the model called: its arguments are converted
    /// to the parameters' types and splatted; commands with side effects need confirmation first
    /// (ShouldProcess; -Force skips it, -WhatIf runs nothing). Every call and its outcome are written to
    /// the verbose stream. The answer for the model is the command's output, or <c>{"error": ...}</c> when
    /// it failed, was declined, or could not be run.
    /// </summary>
    internal sealed class CommandFunctionRunner
    {
        // Verbs whose commands only read or compute; anything else (and any command declaring ConfirmImpact Medium or higher) asks first.
        private static readonly HashSet<string> s_readOnlyVerbs = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "Get", "Test", "Measure", "Find", "Search", "Select", "Show", "Resolve", "Read", "Compare", "ConvertTo", "ConvertFrom", "Format",
        };

        private static readonly ScriptBlock s_invoke = ScriptBlock.Create("param($__command, $__arguments) & $__command @__arguments 2>&1");

        private readonly PSCmdlet _cmdlet;
        private readonly bool _multimodal;
        private readonly bool _force;
        private readonly bool _whatIf;
        private readonly bool _confirm;

        /// <param name="multimodal">The model reads files in function responses (Gemini 3).</param>
        public CommandFunctionRunner(PSCmdlet cmdlet, bool force, bool multimodal)
        {
            _cmdlet = cmdlet;
            _force = force;
            _multimodal = multimodal;
            _whatIf = IsSwitchOn(cmdlet, "WhatIf");
            _confirm = IsSwitchOn(cmdlet, "Confirm");
        }

        /// <summary>Whether running <paramref name="command"/> needs confirmation by default.</summary>
        public static bool HasSideEffects(CommandInfo command)
        {
            string? verb = command switch
            {
                CmdletInfo cmdlet => cmdlet.Verb,
                FunctionInfo function => function.Verb,
                _ => null,
            };
            if (string.IsNullOrEmpty(verb))
            {
                int dash = command.Name.IndexOf('-');
                verb = dash > 0 ? command.Name.Substring(0, dash) : null;
            }
            if (verb == null || !s_readOnlyVerbs.Contains(verb)) return true;
            var (supportsShouldProcess, impact) = ShouldProcessInfo(command);
            return supportsShouldProcess && impact >= ConfirmImpact.Medium;
        }

        private static FunctionResult Failed(string message) => new FunctionResult(FunctionResultConverter.Error(message));

        /// <summary>
        /// Runs the command the model called; the result sent back to the model never holds the configured key
        /// (a command that prints its environment or configuration would otherwise hand it to the service's logs).
        /// </summary>
        public FunctionResult Run(FunctionCall call, CallableFunction function)
        {
            var result = RunUnredacted(call, function);
            return new FunctionResult(FunctionResultConverter.RedactKey(result.Response, ModuleConfiguration.CurrentKey), result.Parts);
        }

        private FunctionResult RunUnredacted(FunctionCall call, CallableFunction function)
        {
            if (!(function.Target is CommandInfo command))
                return Failed($"The function {call.Name} has no PowerShell command to run.");
            string display = TerminalText.Neutralize(Describe(command, call));   // model text in the verbose line and the confirmation prompt
            _cmdlet.WriteVerbose($"The model called {display}");

            Hashtable arguments;
            try
            {
                arguments = ConvertArguments(command, call);
            }
            catch (ArgumentException ex)
            {
                _cmdlet.WriteVerbose($"{command.Name} was not run: {TerminalText.Neutralize(ex.Message)}");
                return Failed(ex.Message);
            }

            if (!Approve(command, display))
            {
                string reason = _whatIf ? $"{command.Name} was not run (-WhatIf)." : $"The user declined to run {command.Name}; it was not run.";
                _cmdlet.WriteVerbose(reason);
                return Failed(reason);
            }

            try
            {
                var results = _cmdlet.InvokeCommand.InvokeScript(false, s_invoke, null, command, arguments);
                var errors = new List<string>();
                var output = new List<object?>();
                foreach (var item in results)
                {
                    if (item?.BaseObject is ErrorRecord error) errors.Add(error.ToString());
                    else output.Add(item);
                }
                _cmdlet.WriteVerbose($"{command.Name} returned {output.Count} object(s){(errors.Count > 0 ? $" and {errors.Count} error(s)" : "")}.");
                foreach (var error in errors) _cmdlet.WriteWarning($"{command.Name}: {error} (sent to the model)");
                return FunctionResultConverter.ToResult(output, errors, _cmdlet, _multimodal);
            }
            catch (Exception ex) when (!(ex is PipelineStoppedException) && !(ex is OperationCanceledException))
            {
                // Whatever the command (or turning its output into JSON) throws is the model's answer, not the cmdlet's failure.
                _cmdlet.WriteWarning($"{command.Name} failed: {ex.Message} (sent to the model)");
                return Failed($"{command.Name} failed: {ex.Message}");
            }
        }

        private bool Approve(CommandInfo command, string display)
        {
            string action = "Run the command the model asked for";
            if (_whatIf)
            {
                _cmdlet.ShouldProcess(display, action);
                return false;
            }
            if (!_confirm && (_force || !HasSideEffects(command))) return true;
            try
            {
                return _cmdlet.ShouldProcess(display, action);
            }
            catch (Exception ex) when (ex is HostException || ex is PSInvalidOperationException || ex is NotImplementedException)
            {
                _cmdlet.WriteWarning($"{command.Name} needs confirmation, but this session cannot ask ({ex.Message}). Use -Force or -Confirm:$false to let it run.");
                return false;
            }
        }

        private static Hashtable ConvertArguments(CommandInfo command, FunctionCall call)
        {
            var arguments = new Hashtable(StringComparer.OrdinalIgnoreCase);
            if (!call.Args.HasValue || call.Args.Value.ValueKind != JsonValueKind.Object) return arguments;
            var parameters = CommandDeclarationBuilder.ParameterSet(command)?.Parameters ?? new List<CommandParameterInfo>().AsReadOnly();
            foreach (var argument in call.Args.Value.EnumerateObject())
            {
                var parameter = parameters.FirstOrDefault(p => string.Equals(p.Name, argument.Name, StringComparison.OrdinalIgnoreCase));
                if (parameter == null || CommandDeclarationBuilder.IsCommonParameter(parameter.Name))
                    throw new ArgumentException($"{command.Name} has no parameter '{argument.Name}'.");
                if (argument.Value.ValueKind == JsonValueKind.Null) continue;
                object? value = WantsCustomObject(parameter.ParameterType) ? JsonToPowerShell.ToObject(argument.Value) : JsonToPowerShell.ToPlain(argument.Value);
                try
                {
                    arguments[parameter.Name] = LanguagePrimitives.ConvertTo(value, parameter.ParameterType, CultureInfo.InvariantCulture);
                }
                catch (Exception ex) when (ex is PSInvalidCastException || ex is ArgumentException || ex is InvalidCastException)
                {
                    throw new ArgumentException($"The value {argument.Value.GetRawText()} for -{parameter.Name} is not a {parameter.ParameterType.Name}: {ex.Message}");
                }
            }
            return arguments;
        }

        // A JSON object becomes a [pscustomobject] for untyped and [pscustomobject] parameters, else a hashtable
        // (which PowerShell binds to [hashtable] parameters and converts to classes).
        private static bool WantsCustomObject(Type type)
        {
            var element = type.IsArray ? type.GetElementType()! : type;
            return element == typeof(object) || element == typeof(PSObject);
        }

        private static string Describe(CommandInfo command, FunctionCall call)
        {
            if (!call.Args.HasValue || call.Args.Value.ValueKind != JsonValueKind.Object) return command.Name;
            var parts = call.Args.Value.EnumerateObject().Select(a => $"-{a.Name} {(a.Value.ValueKind == JsonValueKind.String ? "'" + a.Value.GetString()!.Replace("'", "''") + "'" : a.Value.GetRawText())}");
            return string.Join(" ", new[] { command.Name }.Concat(parts));
        }

        private static (bool SupportsShouldProcess, ConfirmImpact Impact) ShouldProcessInfo(CommandInfo command)
        {
            switch (command)
            {
                case CmdletInfo cmdlet:
                    var attribute = cmdlet.ImplementingType?.GetCustomAttributes(typeof(CmdletAttribute), true).OfType<CmdletAttribute>().FirstOrDefault();
                    return attribute == null ? (false, ConfirmImpact.None) : (attribute.SupportsShouldProcess, attribute.ConfirmImpact);
                case FunctionInfo function:
                    var binding = function.ScriptBlock?.Attributes.OfType<CmdletBindingAttribute>().FirstOrDefault();
                    return binding == null ? (false, ConfirmImpact.None) : (binding.SupportsShouldProcess, binding.ConfirmImpact);
                default:
                    return (false, ConfirmImpact.None);
            }
        }

        private static bool IsSwitchOn(PSCmdlet cmdlet, string name) =>
            cmdlet.MyInvocation.BoundParameters.TryGetValue(name, out var value) && LanguagePrimitives.IsTrue(value);
    }
}
