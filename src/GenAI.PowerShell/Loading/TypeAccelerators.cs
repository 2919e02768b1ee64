using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Reflection;

namespace GenAI.PowerShell.Loading
{
    /// <summary>
    /// PowerShell 7 resolves type literals only in the default load context, so <c>[GenAI.Core.Protocol.Content]</c>
    /// would not resolve once GenAI.Core lives in the module's own context. Registering GenAI.Core's public
    /// types as accelerators under their full names keeps such scripts working. The transport layer (which holds
    /// third-party types, e.g. Polly's) is left out. <see cref="ModuleInitializer"/> is registered too, for GenAI.psm1:
    /// an accelerator resolves at once, where any other type name is looked for in every loaded assembly.
    /// </summary>
    /// <remarks>
    /// This runs at the first import in a process, so it is kept cheap (bench/README.md, "Where the import time goes"): the
    /// exported types come from the runtime's own table (loading a type loads its base types and interfaces, never the
    /// libraries its members use, so no third-party library is loaded; tests/Pester/Loading.Tests.ps1 checks it), not from
    /// reading the metadata with System.Reflection.Metadata, whose first use cost more than the rest of the import's own code.
    /// </remarks>
    internal static class TypeAccelerators
    {
        private static readonly List<string> s_registered = new List<string>();

        public static void Register(Assembly core, params Type[] alsoByName)
        {
            var accelerators = typeof(PSObject).Assembly.GetType("System.Management.Automation.TypeAccelerators");
            var add = accelerators?.GetMethod("Add", BindingFlags.Public | BindingFlags.Static, null, new[] { typeof(string), typeof(Type) }, null);
            if (add == null) return;
            var addAccelerator = (Action<string, Type>)add.CreateDelegate(typeof(Action<string, Type>));
            lock (s_registered)
            {
                foreach (var type in core.GetExportedTypes().Concat(alsoByName))
                {
                    if (!IsAccelerated(type)) continue;
                    addAccelerator(type.FullName!, type);
                    s_registered.Add(type.FullName!);
                }
            }
        }

        // Public, top-level, non-generic types outside GenAI.Core.Transport.
        private static bool IsAccelerated(Type type) =>
            !type.IsNested && !type.IsGenericTypeDefinition && type.FullName != null &&
            !(type.Namespace ?? "").StartsWith("GenAI.Core.Transport", StringComparison.Ordinal);

        public static void Unregister()
        {
            var accelerators = typeof(PSObject).Assembly.GetType("System.Management.Automation.TypeAccelerators");
            var remove = accelerators?.GetMethod("Remove", BindingFlags.Public | BindingFlags.Static, null, new[] { typeof(string) }, null);
            if (remove == null) return;
            lock (s_registered)
            {
                foreach (string name in s_registered) remove.Invoke(null, new object[] { name });
                s_registered.Clear();
            }
        }
    }
}
