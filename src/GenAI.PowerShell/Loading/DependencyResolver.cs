using System;
using System.IO;
using System.Reflection;
#if NET8_0_OR_GREATER
using System.Runtime.Loader;
#endif

namespace GenAI.PowerShell.Loading
{
    /// <summary>
    /// Answers the default context's failed loads of the module's own assemblies (GenAI.Core, GenAI.Transport.*),
    /// and nothing else: third-party libraries are requested by those assemblies from inside the isolated
    /// context (PowerShell 7), or by assemblies of this module's folder (Windows PowerShell 5.1).
    /// </summary>
    internal static class DependencyResolver
    {
        private static string s_directory = "";

#if NET8_0_OR_GREATER
        private static DependencyLoadContext? s_context;

        /// <summary>The isolated context of this module's dependencies (created on first use).</summary>
        internal static DependencyLoadContext Context
        {
            get
            {
                var context = s_context;
                if (context != null) return context;
                lock (typeof(DependencyResolver))
                    return s_context ??= new DependencyLoadContext(s_directory);
            }
        }

        public static void Hook(string directory)
        {
            s_directory = directory;
            AssemblyLoadContext.Default.Resolving += ResolveOwn;
        }

        public static void Unhook() => AssemblyLoadContext.Default.Resolving -= ResolveOwn;

        private static Assembly? ResolveOwn(AssemblyLoadContext context, AssemblyName name)
        {
            if (!ModuleInitializer.IsOwnAssembly(name) || !File.Exists(PathOf(name))) return null;
            return Context.LoadFromAssemblyName(name);
        }
#else
        public static void Hook(string directory)
        {
            s_directory = directory;
            AppDomain.CurrentDomain.AssemblyResolve += ResolveOwn;
        }

        public static void Unhook() => AppDomain.CurrentDomain.AssemblyResolve -= ResolveOwn;

        // Windows PowerShell has no binding redirects for modules: a dependency asking for System.Memory
        // 4.0.1.1 while 4.0.1.2 ships here fails to bind, so the request is answered by simple name.
        private static Assembly? ResolveOwn(object? sender, ResolveEventArgs args)
        {
            var name = new AssemblyName(args.Name);
            bool ours = ModuleInitializer.IsOwnAssembly(name) || IsFromThisModule(args.RequestingAssembly);
            string path = PathOf(name);
            if (!ours || !File.Exists(path)) return null;
            return Assembly.LoadFrom(path);
        }

        private static bool IsFromThisModule(Assembly? requesting)
        {
            if (requesting == null || requesting.IsDynamic) return false;
            string location = requesting.Location;
            string moduleDirectory = Path.GetDirectoryName(s_directory) ?? s_directory;
            return location.StartsWith(moduleDirectory, StringComparison.OrdinalIgnoreCase);
        }
#endif

        private static string PathOf(AssemblyName name) => Path.Combine(s_directory, name.Name + ".dll");
    }
}
