using System.Runtime.CompilerServices;

namespace GenAI.Core.Tokenization
{
    internal static class Hot
    {
        /// <summary>
        /// <c>MethodImplOptions.AggressiveOptimization</c> (512; not in the netstandard2.0 enum): the one-off
        /// vocabulary-loading loops are compiled fully optimised at once instead of running as tier-0 code.
        /// .NET Framework ignores the flag.
        /// </summary>
        public const MethodImplOptions Load = (MethodImplOptions)512;
    }
}
