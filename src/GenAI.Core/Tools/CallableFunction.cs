using System;
using GenAI.Core.Protocol;

namespace GenAI.Core.Tools
{
    /// <summary>
    /// A function the model may call, with the host's means of running it (a PowerShell command). The
    /// core never runs <see cref="Target"/> itself: automatic function calling hands it back to the
    /// host's <see cref="FunctionHandler"/>.
    /// </summary>
    public sealed class CallableFunction
    {
        public CallableFunction(FunctionDeclaration declaration, object target)
        {
            Declaration = declaration ?? throw new ArgumentNullException(nameof(declaration));
            Target = target ?? throw new ArgumentNullException(nameof(target));
        }

        public FunctionDeclaration Declaration { get; }

        public string Name => Declaration.Name ?? "";

        public object Target { get; }

        public override string ToString() => Name;
    }
}
