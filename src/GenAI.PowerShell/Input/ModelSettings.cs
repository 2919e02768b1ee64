using System;
using GenAI.Core.Models;

namespace GenAI.PowerShell.Input
{
    /// <summary>What one cmdlet call's model-setting parameters gave: the core's call overrides, and the type behind -ResponseSchema.</summary>
    internal sealed class ModelSettings
    {
        public ModelSettings(CallOverrides overrides, Type? responseType)
        {
            Overrides = overrides;
            ResponseType = responseType;
        }

        /// <summary>The generation config, safety settings, tools, tool config and system instruction given.</summary>
        public CallOverrides Overrides { get; }

        /// <summary>The .NET or PowerShell type -ResponseSchema was given, for -AsObject.</summary>
        public Type? ResponseType { get; }

        /// <summary>These settings as call overrides (or model defaults); null when nothing was given.</summary>
        public CallOverrides? ToOverrides() => Overrides.IsEmpty ? null : Overrides;
    }
}
