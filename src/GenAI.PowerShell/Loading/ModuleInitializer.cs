using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;

namespace GenAI.PowerShell.Loading
{
    /// <summary>
    /// Makes the module's own assemblies in <c>dependencies/</c> (GenAI.Core and the third-party libraries it
    /// uses) loadable without putting them where PowerShell would share them with other modules. On
    /// PowerShell 7 they live in one isolated <see cref="System.Runtime.Loader.AssemblyLoadContext"/>, so
    /// another module that loaded a different version of, say, Polly.Core or Google.Protobuf does not break
    /// this one (nor this one it). On Windows PowerShell 5.1 they are loaded with LoadFrom on request.
    /// Import stays cheap: only a resolve handler is hooked and, on PowerShell 7, GenAI.Core's public types are
    /// made resolvable by name (see <see cref="TypeAccelerators"/>); no third-party library is loaded.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        internal const string DependencyFolderName = "dependencies";

        private static readonly object s_lock = new object();
        private static bool s_hooked;

        /// <summary>The folder holding the module's dependencies, beside the cmdlet assembly.</summary>
        internal static string DependencyDirectory { get; } =
            Path.Combine(Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? ".", DependencyFolderName);

        /// <summary>
        /// Called by GenAI.psm1 after loading the assembly and before importing it: PowerShell reads the cmdlet types while
        /// importing, and a cmdlet with a field of a GenAI.Core value type (an enum) needs GenAI.Core resolvable by then,
        /// before PowerShell itself would call <see cref="OnImport"/>.
        /// </summary>
        public static void Initialize() => new ModuleInitializer().OnImport();

        public void OnImport()
        {
            lock (s_lock)
            {
                if (s_hooked) return;
                DependencyResolver.Hook(DependencyDirectory);
                s_hooked = true;
#if NET8_0_OR_GREATER
                RegisterCoreTypes();
#endif
            }
        }

        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            lock (s_lock)
            {
                if (!s_hooked) return;
                DependencyResolver.Unhook();
                s_hooked = false;
#if NET8_0_OR_GREATER
                TypeAccelerators.Unregister();
#endif
            }
        }

#if NET8_0_OR_GREATER
        // Separate and not inlined: naming a GenAI.Core type must not be JIT-compiled before the resolver is hooked.
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        private static void RegisterCoreTypes() => TypeAccelerators.Register(typeof(GenAI.Core.GenAIClient).Assembly);
#endif

        /// <summary>True for assembly names that only this module asks for by itself (its own GenAI.* assemblies).</summary>
        internal static bool IsOwnAssembly(AssemblyName name) =>
            name.Name != null && name.Name.StartsWith("GenAI.", StringComparison.Ordinal) && !string.Equals(name.Name, "GenAI.PowerShell", StringComparison.Ordinal);
    }
}
