using System;
using System.Collections.Generic;
using GenAI.Core.Models;
using GenAI.Core.Protocol;
using GenAI.Core.Tools;

namespace GenAI.PowerShell.Input
{
    /// <summary>The generation config, safety settings, tools and system instruction one cmdlet call was given.</summary>
    internal sealed class ModelSettings
    {
        public GenerationConfig? GenerationConfig { get; set; }

        public IList<SafetySetting>? SafetySettings { get; set; }

        public IList<Tool>? Tools { get; set; }

        public IList<CallableFunction>? Functions { get; set; }

        public ToolConfig? ToolConfig { get; set; }

        public Content? SystemInstruction { get; set; }

        /// <summary>The .NET or PowerShell type -ResponseSchema was given, for -AsObject.</summary>
        public Type? ResponseType { get; set; }

        /// <summary>These settings as call overrides (or model defaults); null when nothing was given.</summary>
        public CallOverrides? ToOverrides()
        {
            var overrides = new CallOverrides
            {
                GenerationConfig = GenerationConfig,
                SafetySettings = SafetySettings,
                Tools = Tools,
                Functions = Functions,
                ToolConfig = ToolConfig,
                SystemInstruction = SystemInstruction,
            };
            return overrides.IsEmpty ? null : overrides;
        }
    }
}
