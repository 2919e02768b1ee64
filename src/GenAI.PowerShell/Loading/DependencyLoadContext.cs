using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace GenAI.PowerShell.Loading
{
    /// <summary>
    /// Holds GenAI.Core and the third-party libraries of the net8.0 build (bin/net8.0). Anything not shipped there (the
    /// .NET framework, System.Management.Automation) comes from the default context.
    /// </summary>
    internal sealed class DependencyLoadContext : AssemblyLoadContext
    {
        private readonly string _directory;

        public DependencyLoadContext(string directory) => _directory = directory;

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            string path = Path.Combine(_directory, assemblyName.Name + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }
    }
}
