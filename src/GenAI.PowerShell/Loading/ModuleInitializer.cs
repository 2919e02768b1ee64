using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.CompilerServices;
using GenAI.PowerShell.Configuration;

namespace GenAI.PowerShell.Loading
{
    /// <summary>
    /// Runs when PowerShell imports the cmdlet assembly: makes the build of GenAI.Core for this PowerShell (see
    /// <see cref="CoreBuild"/>) and its dependencies loadable without putting them where PowerShell would share them with
    /// other modules, and applies the saved configuration. On PowerShell 7 they live in one isolated
    /// AssemblyLoadContext, so another module that loaded a different version of, say, Polly.Core or Google.Protobuf does
    /// not break this one (nor this one it); on Windows PowerShell 5.1 they are loaded with LoadFrom on request.
    /// </summary>
    /// <remarks>
    /// PowerShell lists the assembly's exported types before it calls <see cref="OnImport"/>, so no exported type may need
    /// GenAI.Core to load: none derives from or implements a GenAI.Core type or has a field of a GenAI.Core value type
    /// (such properties keep their value boxed). tests/GenAI.PowerShell.Tests/Loading/ExportedTypesTests checks it.
    /// Import stays cheap (bench/README.md, "Where the import time goes"): no third-party library is loaded.
    /// </remarks>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static readonly object s_lock = new object();
        private static CoreBuild? s_build;
        private static string[] s_importWarnings = Array.Empty<string>();

        /// <summary>The folder of the cmdlet assembly; the builds of the core are in its subfolders.</summary>
        internal static string ModuleBinDirectory { get; } = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? ".";

        public void OnImport()
        {
            lock (s_lock)
            {
                if (s_build == null)
                {
                    var build = CoreBuild.Select(Environment.GetEnvironmentVariable(CoreBuild.EditionVariable));
                    string directory = Path.Combine(ModuleBinDirectory, build.Folder);
                    if (build.Isolated) HookIsolated(directory);
                    else SharedResolver.Hook(directory);
                    s_build = build;
                }
                UnwrapForCoreConverters();
                s_importWarnings = ImportSavedConfiguration();
            }
        }

        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            lock (s_lock)
            {
                if (s_build == null) return;
                if (s_build.Isolated) UnhookIsolated();
                else SharedResolver.Unhook();
                s_build = null;
            }
        }

        /// <summary>The saved configuration's warnings from the last import, once (GenAI.psm1 writes them).</summary>
        public static string[] TakeImportWarnings()
        {
            lock (s_lock)
            {
                var warnings = s_importWarnings;
                s_importWarnings = Array.Empty<string>();
                return warnings;
            }
        }

        /// <summary>True for assembly names that only this module asks for by itself (its own GenAI.* assemblies).</summary>
        internal static bool IsOwnAssembly(AssemblyName name) =>
            name.Name != null && name.Name.StartsWith("GenAI.", StringComparison.Ordinal) && !string.Equals(name.Name, "GenAI.PowerShell", StringComparison.Ordinal);

        // The methods below are separate and not inlined: Windows PowerShell must never compile a method that names
        // AssemblyLoadContext, and no method may name a GenAI.Core type before the resolver is hooked.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void HookIsolated(string directory)
        {
            IsolatedResolver.Hook(directory);
            RegisterCoreTypes();
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void RegisterCoreTypes() => TypeAccelerators.Register(typeof(GenAI.Core.GenAIClient).Assembly, typeof(ModuleInitializer));

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void UnhookIsolated()
        {
            IsolatedResolver.Unhook();
            TypeAccelerators.Unregister();
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static string[] ImportSavedConfiguration() => ConfigurationFile.Import();

        // $chat.History = $list reaches the core's converter (an attribute on ChatHistory) with PowerShell's wrappers on.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void UnwrapForCoreConverters() => GenAI.Core.Chats.ChatHistoryTypeConverter.Unwrap = Input.PlainValues.Of;
    }
}
