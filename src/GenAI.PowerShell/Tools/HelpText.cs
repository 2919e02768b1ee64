using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace GenAI.PowerShell.Tools
{
    /// <summary>
    /// A command's help synopsis and parameter descriptions: comment-based help read from a function's or
    /// script's syntax tree (fast, no Get-Help), else Get-Help for cmdlets that have installed help.
    /// </summary>
    internal sealed class HelpText
    {
        private readonly Dictionary<string, string> _parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        public string? Synopsis { get; private set; }

        public string? ParameterDescription(string name) => _parameters.TryGetValue(name, out var text) ? text : null;

        public static HelpText For(CommandInfo command, PSCmdlet cmdlet)
        {
            var help = new HelpText();
            var comment = CommentHelp(command);
            if (comment != null)
            {
                help.Synopsis = Clean(comment.Synopsis) ?? Clean(comment.Description);
                foreach (var pair in comment.Parameters) help._parameters[pair.Key] = pair.Value.Trim();
                return help;
            }
            if (command is CmdletInfo) help.ReadGetHelp(command, cmdlet);
            return help;
        }

        private static CommentHelpInfo? CommentHelp(CommandInfo command)
        {
            Ast? ast = command switch
            {
                FunctionInfo function => function.ScriptBlock?.Ast,
                ExternalScriptInfo script => script.ScriptBlock?.Ast,
                _ => null,
            };
            return ast switch
            {
                FunctionDefinitionAst function => function.GetHelpContent(),
                ScriptBlockAst block => block.GetHelpContent(),
                _ => null,
            };
        }

        // Get-Help without installed help invents a synopsis from the syntax: that is no description.
        private void ReadGetHelp(CommandInfo command, PSCmdlet cmdlet)
        {
            try
            {
                var result = cmdlet.InvokeCommand.InvokeScript(false, s_getHelp, null, command.Name).FirstOrDefault();
                if (result == null) return;
                string? synopsis = Clean(result.Properties["Synopsis"]?.Value?.ToString());
                if (synopsis != null && synopsis.IndexOf("CommonParameters", StringComparison.OrdinalIgnoreCase) < 0 && !synopsis.StartsWith(command.Name, StringComparison.OrdinalIgnoreCase))
                    Synopsis = synopsis;
                var parameters = (result.Properties["parameters"]?.Value as PSObject)?.Properties["parameter"]?.Value;
                foreach (var parameter in LanguagePrimitives.GetEnumerable(parameters)?.Cast<object>() ?? Enumerable.Empty<object>())
                {
                    var item = PSObject.AsPSObject(parameter);
                    string? name = item.Properties["name"]?.Value?.ToString();
                    var description = LanguagePrimitives.GetEnumerable(item.Properties["description"]?.Value)?.Cast<object>()
                        .Select(d => PSObject.AsPSObject(d).Properties["Text"]?.Value?.ToString()).Where(t => !string.IsNullOrWhiteSpace(t));
                    string? text = description == null ? null : Clean(string.Join(" ", description));
                    if (name != null && text != null) _parameters[name] = text;
                }
            }
            catch (RuntimeException)
            {
                // No help: the declaration gets a generic description.
            }
        }

        private static readonly ScriptBlock s_getHelp = ScriptBlock.Create("param($name) Get-Help -Name $name -Category Cmdlet -ErrorAction Ignore | Select-Object -First 1");

        private static string? Clean(string? text)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            return string.Join(" ", text!.Split(new[] { '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()).Where(l => l.Length > 0));
        }
    }
}
