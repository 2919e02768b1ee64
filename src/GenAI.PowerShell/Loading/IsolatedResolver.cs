using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace GenAI.PowerShell.Loading
{
    /// <summary>
    /// PowerShell 7: answers the default context's failed loads of the module's own assemblies (GenAI.Core,
    /// GenAI.Transport.*) from the module's <see cref="DependencyLoadContext"/>, and nothing else: third-party libraries
    /// are requested by those assemblies from inside that context. Only reached on .NET (Core): Windows PowerShell never
    /// compiles this class, whose AssemblyLoadContext it does not have.
    /// </summary>
    internal static class IsolatedResolver
    {
        private static string s_directory = "";
        private static DependencyLoadContext? s_context;

        /// <summary>The isolated context of this module's dependencies (created on first use).</summary>
        internal static AssemblyLoadContext Context
        {
            get
            {
                var context = s_context;
                if (context != null) return context;
                lock (typeof(IsolatedResolver))
                    return s_context ??= new DependencyLoadContext(s_directory);
            }
        }

        public static void Hook(string directory)
        {
            s_directory = directory;
            AssemblyLoadContext.Default.Resolving += Resolve;
        }

        public static void Unhook() => AssemblyLoadContext.Default.Resolving -= Resolve;

        private static Assembly? Resolve(AssemblyLoadContext context, AssemblyName name)
        {
            if (!ModuleInitializer.IsOwnAssembly(name) || !File.Exists(Path.Combine(s_directory, name.Name + ".dll"))) return null;
            return Context.LoadFromAssemblyName(name);
        }
    }
}
