#if NET8_0_OR_GREATER
using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace GenAI.PowerShell.Loading
{
    /// <summary>
    /// PowerShell 7 resolves type literals only in the default load context, so <c>[GenAI.Core.Protocol.Content]</c>
    /// would not resolve once GenAI.Core lives in the module's own context. Registering GenAI.Core's public
    /// types as accelerators under their full names keeps such scripts working. The names are read from the
    /// assembly's metadata, and the transport layer (which holds third-party types, e.g. Polly's) is left out, so
    /// registering loads no third-party library at import.
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
                foreach (string name in PublicTypeNames(assembly.Location))
                {
                    var type = assembly.GetType(name, throwOnError: false);
                    if (type == null) continue;
                    add.Invoke(null, new object[] { name, type });
                    s_registered.Add(name);
                }
            }
        }

        // Public, top-level, non-generic types outside GenAI.Core.Transport, without loading any of them.
        private static List<string> PublicTypeNames(string path)
        {
            var names = new List<string>();
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            var metadata = pe.GetMetadataReader();
            foreach (var handle in metadata.TypeDefinitions)
            {
                var definition = metadata.GetTypeDefinition(handle);
                if ((definition.Attributes & TypeAttributes.VisibilityMask) != TypeAttributes.Public) continue;
                if (definition.GetGenericParameters().Count > 0) continue;
                string ns = metadata.GetString(definition.Namespace);
                if (ns.StartsWith("GenAI.Core.Transport", StringComparison.Ordinal)) continue;
                names.Add(ns.Length == 0 ? metadata.GetString(definition.Name) : ns + "." + metadata.GetString(definition.Name));
            }
            return names;
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
