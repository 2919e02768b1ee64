#if NET8_0_OR_GREATER
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace GenAI.PowerShell.Loading
{
    /// <summary>
    /// Holds GenAI.Core and the third-party libraries shipped in <c>dependencies/</c>. Anything not shipped
    /// there (the .NET framework, System.Management.Automation) comes from the default context.
    /// </summary>
    internal sealed class DependencyLoadContext : AssemblyLoadContext
    {
        private readonly string _directory;

        public DependencyLoadContext(string directory) : base("GenAI.PowerShell", isCollectible: false) => _directory = directory;

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            string path = Path.Combine(_directory, assemblyName.Name + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }
    }
}
#endif
