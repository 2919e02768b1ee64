using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using GenAI.PowerShell.Loading;

namespace GenAI.PowerShell.Tests.Loading
{
    /// <summary>
    /// PowerShell lists the cmdlet assembly's exported types before it calls ModuleInitializer.OnImport, which is what makes
    /// GenAI.Core loadable; so loading an exported type must not need GenAI.Core (Import-Module would fail with "Could not
    /// load file or assembly 'GenAI.Core'").
    /// </summary>
    public class ExportedTypesTests
    {
        private static readonly Assembly s_cmdlets = typeof(ModuleInitializer).Assembly;

        private static bool IsOurs(Type type) => type.Assembly != s_cmdlets && (type.Assembly.GetName().Name ?? "").StartsWith("GenAI.", StringComparison.Ordinal);

        // The types whose layout a field of this type needs: a value type and, for generic value types, its arguments.
        private static IEnumerable<Type> LayoutTypes(Type fieldType)
        {
            if (!fieldType.IsValueType) yield break;
            yield return fieldType;
            foreach (var argument in fieldType.IsGenericType ? fieldType.GetGenericArguments() : Type.EmptyTypes)
                foreach (var inner in LayoutTypes(argument)) yield return inner;
        }

        private static IEnumerable<string> NeedsOfType(Type type)
        {
            for (var baseType = type.BaseType; baseType != null; baseType = baseType.BaseType)
                if (IsOurs(baseType)) yield return $"{type.FullName} derives from {baseType.FullName}";
            foreach (var contract in type.GetInterfaces().Where(IsOurs))
                yield return $"{type.FullName} implements {contract.FullName}";
            const BindingFlags declared = BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
            foreach (var field in type.GetFields(declared))
                foreach (var layout in LayoutTypes(field.FieldType).Where(IsOurs))
                    yield return $"{type.FullName}.{field.Name} is a field of {layout.FullName} (keep it boxed in an object field)";
        }

        [Fact]
        public void No_exported_type_needs_GenAI_Core_to_load()
        {
            var needs = s_cmdlets.GetExportedTypes().SelectMany(NeedsOfType).ToList();
            Assert.True(needs.Count == 0, string.Join(Environment.NewLine, needs));
        }

        [Fact]
        public void The_check_finds_a_field_of_a_core_enum()
        {
            Assert.Contains(NeedsOfType(typeof(HoldsACoreEnum)), need => need.Contains("GenAI.Core.Transport.TransportKind"));
            Assert.Contains(NeedsOfType(typeof(HoldsACoreEnum)), need => need.Contains("IChatHost"));
        }

        private abstract class HoldsACoreEnum : GenAI.Core.Chats.Interactive.IChatHost
        {
            public GenAI.Core.Transport.TransportKind? Transport { get; set; }
            public abstract GenAI.Core.Protocol.GenerateContentResponse Send(GenAI.Core.Chats.ChatSession session, GenAI.Core.Protocol.Content message, Action<GenAI.Core.Protocol.GenerateContentResponse> onChunk, System.Threading.CancellationToken cancellation);
            public abstract int CountTokens(GenAI.Core.Chats.ChatSession session, System.Threading.CancellationToken cancellation);
            public abstract string Save(GenAI.Core.Chats.ChatSession session, string path);
            public abstract IReadOnlyList<System.IO.FileInfo> ResolveFiles(string path);
            public abstract IEnumerable<string> CompleteArgument(GenAI.Core.Chats.Interactive.ChatCommandKind command, string partial);
        }
    }
}
