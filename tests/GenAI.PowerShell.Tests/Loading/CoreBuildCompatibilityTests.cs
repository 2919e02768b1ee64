using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using GenAI.PowerShell.Loading;

namespace GenAI.PowerShell.Tests.Loading
{
    /// <summary>
    /// The cmdlet assembly is compiled against the netstandard2.0 build of GenAI.Core and runs on PowerShell 7 against the
    /// net8.0 build (as in this test process). Compiling every one of its methods here binds every GenAI.Core member it
    /// uses, so a member that only the netstandard2.0 build has fails this test instead of a call on PowerShell 7. Open
    /// generic methods and types (a few dozen of some 1,500 methods) cannot be compiled without type arguments and are left
    /// to the Pester suite, which runs the module this way.
    /// </summary>
    public class CoreBuildCompatibilityTests
    {
        [Fact]
        public void Runs_against_the_net8_build_of_the_core()
        {
            var core = typeof(GenAI.Core.GenAIClient).Assembly;
            Assert.Equal(".NETCoreApp,Version=v8.0", core.GetCustomAttribute<System.Runtime.Versioning.TargetFrameworkAttribute>()?.FrameworkName);
        }

        [Fact]
        public void Every_method_of_the_cmdlet_assembly_compiles_against_the_net8_build_of_the_core()
        {
            const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            var failures = new List<string>();
            foreach (var type in typeof(ModuleInitializer).Assembly.GetTypes())
            {
                if (type.IsGenericTypeDefinition || type.IsInterface) continue;
                var methods = type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all));
                foreach (var method in methods)
                {
                    if (method.IsAbstract || method.ContainsGenericParameters || method.GetMethodBody() == null) continue;
                    try
                    {
                        RuntimeHelpers.PrepareMethod(method.MethodHandle);
                    }
                    catch (Exception ex) when (ex is MissingMemberException || ex is TypeLoadException || ex is BadImageFormatException || ex is System.IO.FileNotFoundException)
                    {
                        failures.Add($"{type.FullName}.{method.Name}: {ex.GetType().Name}: {ex.Message}");
                    }
                }
            }
            Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        }
    }
}
