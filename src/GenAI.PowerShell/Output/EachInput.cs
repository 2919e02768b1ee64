using System.IO;
using System.Management.Automation;

namespace GenAI.PowerShell.Output
{
    /// <summary>
    /// With -Each, every reply (and every streamed chunk, and every count) carries the item it answers as an
    /// InputObject note property, and a file's full path as Path, so results join back to their inputs by value
    /// rather than by position.
    /// </summary>
    internal static class EachInput
    {
        public const string InputObjectProperty = "InputObject";
        public const string PathProperty = "Path";

        public static PSObject Attach(object output, object? input)
        {
            var wrapped = PSObject.AsPSObject(output);
            SetNote(wrapped, InputObjectProperty, input);
            var file = (input is PSObject pso ? pso.BaseObject : input) as FileSystemInfo;
            if (file != null) SetNote(wrapped, PathProperty, file.FullName);
            return wrapped;
        }

        private static void SetNote(PSObject target, string name, object? value)
        {
            target.Properties.Remove(name);
            target.Properties.Add(new PSNoteProperty(name, value));
        }
    }
}
