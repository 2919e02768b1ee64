using System.Collections.Generic;
using System.Linq;

namespace GenAI.PowerShell.Completers
{
    /// <summary>
    /// Completes -ImageAspectRatio with the documented ratios and -Voice with the prebuilt voices
    /// (https://ai.google.dev/gemini-api/docs/image-generation, .../speech-generation). Other values are
    /// still accepted: the service adds ratios and voices over time.
    /// </summary>
    public sealed class MediaSettingCompleter : FixedValueCompleter
    {
        public static readonly IReadOnlyList<string> AspectRatios = new[]
        {
            "1:1", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4", "9:16", "16:9", "21:9", "1:4", "4:1", "1:8", "8:1",
        };

        public static readonly IReadOnlyList<string> Voices = new[]
        {
            "Zephyr", "Puck", "Charon", "Kore", "Fenrir", "Leda", "Orus", "Aoede", "Callirrhoe", "Autonoe",
            "Enceladus", "Iapetus", "Umbriel", "Algieba", "Despina", "Erinome", "Algenib", "Rasalgethi", "Laomedeia", "Achernar",
            "Alnilam", "Schedar", "Gacrux", "Pulcherrima", "Achird", "Zubenelgenubi", "Vindemiatrix", "Sadachbia", "Sadaltager", "Sulafat",
        };

        private protected override IEnumerable<(string Value, string ToolTip)> Candidates(string parameterName) =>
            Plain(parameterName == "Voice" ? Voices : parameterName == "ImageAspectRatio" ? AspectRatios : Enumerable.Empty<string>());
    }
}
