using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using GenAI.Core.Tests.Tokenization;

namespace GenAI.Core.Tests.Errors
{
    /// <summary>
    /// The core and its transports speak no front end's language: no string in their source names a PowerShell
    /// command (Verb-Noun) or parameter (-Name). Messages state the fact; the PowerShell layer's ErrorTable words
    /// what to do. Scanning the source catches a new throw site as soon as it is written, whichever path raises it.
    /// </summary>
    public class FrontEndNeutralWordingTests
    {
        // PowerShell's approved verbs that a command of this module (or one a message might suggest) starts with.
        private static readonly Regex s_command = new Regex(
            @"\b(Add|Clear|Close|Copy|Enter|Exit|Export|Find|Format|Get|Import|Install|Invoke|Join|Measure|Move|New|Out|Read|Receive|" +
            @"Register|Remove|Rename|Reset|Resolve|Save|Select|Send|Set|Show|Start|Stop|Test|Undo|Uninstall|Unregister|Update|Wait|Write)-[A-Z]\w*");

        // A parameter token: a dash that starts a word ("-MimeType", "(-Transport"), not one inside a word ("X-Goog-Upload").
        private static readonly Regex s_parameter = new Regex(@"(?<![\w\-])-[A-Z][a-z]\w*");

        // Regular, verbatim and interpolated C# string literals on one line.
        private static readonly Regex s_literal = new Regex(@"\$?@?""(?:[^""\\]|\\.|"""")*""");

        // Literals that look like a parameter but are data: the JSON spelling of negative infinity.
        private static readonly HashSet<string> s_allowed = new HashSet<string> { "\"-Infinity\"" };

        public static IEnumerable<object[]> Projects() => new[] { new object[] { "GenAI.Core" }, new object[] { "GenAI.Transport.Grpc" } };

        [Theory]
        [MemberData(nameof(Projects))]
        public void No_string_in_the_source_names_a_command_or_a_parameter(string project)
        {
            string root = Path.Combine(TokenizerTestEnvironment.RepoRoot, "src", project);
            var files = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar)
                         && !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar))
                .ToList();
            Assert.NotEmpty(files);

            var found = new List<string>();
            foreach (string file in files)
            {
                string[] lines = File.ReadAllLines(file);
                for (int i = 0; i < lines.Length; i++)
                {
                    if (lines[i].TrimStart().StartsWith("//")) continue;
                    foreach (Match literal in s_literal.Matches(lines[i]))
                    {
                        if (s_allowed.Contains(literal.Value)) continue;
                        if (s_command.IsMatch(literal.Value) || s_parameter.IsMatch(literal.Value))
                            found.Add($"{Path.GetRelativePath(root, file)}:{i + 1}: {literal.Value}");
                    }
                }
            }

            Assert.True(found.Count == 0, "Front-end wording in the core (move it to the PowerShell layer's ErrorTable):\n" + string.Join("\n", found));
        }

        [Theory]
        [InlineData("\"Pass the bytes with -MimeType.\"")]
        [InlineData("$\"Raise -MaximumRetryCount (now {n}).\"")]
        [InlineData("\"Check the key: Set-GenAIConfiguration.\"")]
        [InlineData("\"(run Measure-Tokens for its count)\"")]
        public void The_scan_recognises_front_end_wording(string literal)
        {
            Assert.True(s_command.IsMatch(literal) || s_parameter.IsMatch(literal));
        }

        [Theory]
        [InlineData("\"X-Goog-Upload-Protocol\"")]
        [InlineData("\"$h = @($chat.History); $h[-1] = $edited\"")]
        [InlineData("\"Give the file's MIME type, e.g. image/png.\"")]
        [InlineData("\"a well-Known value\"")]
        public void The_scan_leaves_ordinary_text_alone(string literal)
        {
            Assert.False(s_command.IsMatch(literal) || s_parameter.IsMatch(literal));
        }
    }
}
