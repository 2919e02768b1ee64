using System;
using System.IO;
using System.Reflection;

namespace GenAI.PowerShell.Loading
{
    /// <summary>
    /// Loads the netstandard2.0 build's assemblies (Windows PowerShell 5.1, or PowerShell 7 with
    /// GENAI_POWERSHELL_EDITION=netstandard2.0) with LoadFrom when the process asks for them by name: the module's own
    /// GenAI.* assemblies, and anything an assembly of this module's folder asks for.
    /// </summary>
    internal static class SharedResolver
    {
        private static string s_directory = "";

        public static void Hook(string directory)
        {
            s_directory = directory;
            AppDomain.CurrentDomain.AssemblyResolve += Resolve;
        }

        public static void Unhook() => AppDomain.CurrentDomain.AssemblyResolve -= Resolve;

        // Windows PowerShell has no binding redirects for modules: a dependency asking for System.Memory
        // 4.0.1.1 while 4.0.1.2 ships here fails to bind, so the request is answered by simple name.
        private static Assembly? Resolve(object? sender, ResolveEventArgs args)
        {
            var name = new AssemblyName(args.Name);
            bool ours = ModuleInitializer.IsOwnAssembly(name) || IsFromThisModule(args.RequestingAssembly);
            string path = Path.Combine(s_directory, name.Name + ".dll");
            if (!ours || !File.Exists(path)) return null;
            return Assembly.LoadFrom(path);
        }

        private static bool IsFromThisModule(Assembly? requesting)
        {
            if (requesting == null || requesting.IsDynamic) return false;
            return requesting.Location.StartsWith(ModuleInitializer.ModuleBinDirectory, StringComparison.OrdinalIgnoreCase);
        }
    }
}
