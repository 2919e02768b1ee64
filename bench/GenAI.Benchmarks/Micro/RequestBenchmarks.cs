using System.Collections.Generic;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using GenAI.Core.Models;
using GenAI.Core.Protocol;

namespace GenAI.Benchmarks.Micro;

/// <summary>Building and serialising a typical request: a system instruction, a model default config, a short chat history.</summary>
[MemoryDiagnoser]
public class RequestBenchmarks
{
    private GenerativeModel _model = null!;
    private List<Content> _contents = null!;
    private CallOverrides _overrides = null!;
    private GenerateContentRequest _request = null!;

    [GlobalSetup]
    public void Setup()
    {
        _model = new GenerativeModel("gemini-2.5-flash")
        {
            SystemInstruction = Content.FromText("You are a terse assistant for PowerShell users.", role: null),
            GenerationConfig = new GenerationConfig { Temperature = 0.2, MaxOutputTokens = 1024 },
            SafetySettings = { new SafetySetting("HARM_CATEGORY_HARASSMENT", "BLOCK_ONLY_HIGH") },
        };
        _contents = new List<Content>
        {
            Content.FromText("How do I list the ten largest files under a folder?"),
            Content.FromText("Get-ChildItem -Recurse -File | Sort-Object Length -Descending | Select-Object -First 10", role: "model"),
            Content.FromText(new string('x', 900) + " Now only .log files, please, and show sizes in MB."),
        };
        _overrides = new CallOverrides { GenerationConfig = new GenerationConfig { TopP = 0.9 } };
        _request = _model.BuildRequest(_contents, _overrides);
    }

    [Benchmark]
    public byte[] SerializeRequest() => JsonSerializer.SerializeToUtf8Bytes(_request, GenAIJsonContext.Default.GenerateContentRequest);

    /// <summary>The seed's merge rules (model defaults + per-call overrides) and the serialisation, as each call does.</summary>
    [Benchmark]
    public byte[] BuildAndSerialize() =>
        JsonSerializer.SerializeToUtf8Bytes(_model.BuildRequest(_contents, _overrides), GenAIJsonContext.Default.GenerateContentRequest);
}
