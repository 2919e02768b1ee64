#if NET8_0_OR_GREATER
using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Reflection;

namespace GenAI.PowerShell.Loading
{
    /// <summary>
    /// PowerShell 7 resolves type literals only in the default load context, so <c>[GenAI.Core.Protocol.Content]</c>
    /// would not resolve once GenAI.Core lives in the module's own context. Registering GenAI.Core's public
    /// types as accelerators under their full names keeps such scripts working.
    /// </summary>
    internal static class TypeAccelerators
    {
        private static readonly List<string> s_registered = new List<string>();

        public static void Register(Assembly assembly)
        {
            var accelerators = typeof(PSObject).Assembly.GetType("System.Management.Automation.TypeAccelerators");
            var add = accelerators?.GetMethod("Add", BindingFlags.Public | BindingFlags.Static, null, new[] { typeof(string), typeof(Type) }, null);
            if (add == null) return;
            lock (s_registered)
            {
                foreach (var type in assembly.GetExportedTypes())
                {
                    if (type.IsNested || type.IsGenericTypeDefinition || type.FullName == null) continue;
                    add.Invoke(null, new object[] { type.FullName, type });
                    s_registered.Add(type.FullName);
                }
            }
        }

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
#endif
