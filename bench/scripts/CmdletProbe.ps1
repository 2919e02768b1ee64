<#
.SYNOPSIS
    One benchmark measurement through the GenAI cmdlets, in this (fresh) PowerShell process; prints one JSON object.
.DESCRIPTION
    Run by bench/Invoke-Benchmark.ps1 in a child pwsh against a running emulator:
      stream        chunks/s of 'Invoke-GenerateContent -Stream' piped to Measure-Object (a warm-up stream first)
      latency       per chunk: the time from the emulator starting to write it to the next pipeline command
                    (ForEach-Object) receiving it, on a paced slow-Nms stream; server times from /emulator/stream-timings
      each          wall time of N prompts through -Each -ThrottleLimit T on a delay-Nms model
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [ValidateSet('stream', 'latency', 'each')] [string] $Probe,
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $BaseUri,
    [string] $ApiKey = 'emulator-key',
    [string] $Model,
    [int] $Runs = 5,
    [string] $Prompt = 'a b c d e',
    [ValidateSet('Rest', 'Grpc')] [string] $Transport = 'Rest',
    [string] $GrpcUri,
    [int] $Count = 100,
    [int] $ThrottleLimit = 16
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
Import-Module $ModulePath

$configuration = @{ ApiKey = $ApiKey; BaseUri = $BaseUri }
if ($Transport -ne 'Rest') {
    $parameters = (Get-Command Set-GenAIConfiguration).Parameters
    if (-not $parameters.ContainsKey('Transport')) { throw "Set-GenAIConfiguration has no -Transport in this build: $Transport is not available." }
    $configuration.Transport = $Transport
    if ($GrpcUri) { $configuration.GrpcUri = $GrpcUri }
}
Set-GenAIConfiguration @configuration
if ($Transport -ne 'Rest') {
    # The client falls back to REST (with a verbose note) when gRPC cannot load: that must not pass as a gRPC figure.
    $fallback = Invoke-GenerateContent -Model 'stream-1' -Stream -Prompt 'x' -Verbose 4>&1 |
        Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like '*Using REST*' }
    if ($fallback) { throw "$Transport is not in use: $($fallback.Message)" }
}

$clock = [System.Diagnostics.Stopwatch]
function Get-Median([double[]] $Values) {
    $sorted = [double[]]($Values | Sort-Object)
    if ($sorted.Count -eq 0) { return [double]::NaN }
    $middle = [int][math]::Floor($sorted.Count / 2)
    if ($sorted.Count % 2) { return $sorted[$middle] }
    return ($sorted[$middle - 1] + $sorted[$middle]) / 2
}
function Get-LoadAverage { if (Test-Path /proc/loadavg) { (Get-Content -Raw /proc/loadavg).Trim() } }

function Measure-Stream {
    if (-not $Model) { $Model = 'stream-10000' }
    $expected = [int]($Model -split '-')[1]
    $seconds = [System.Collections.Generic.List[double]]::new()
    for ($run = -1; $run -lt $Runs; $run++) {
        $start = $clock::GetTimestamp()
        $received = (Invoke-GenerateContent -Model $Model -Stream -Prompt 'x' | Measure-Object).Count
        $end = $clock::GetTimestamp()
        if ($received -ne $expected) { throw "Expected $expected chunks, received $received." }
        if ($run -ge 0) { $seconds.Add(($end - $start) / $clock::Frequency) }
    }
    [ordered]@{
        probe = 'cmdlet-stream'; transport = $Transport.ToLowerInvariant(); chunks = $expected; runs = $seconds.Count
        seconds = @($seconds | ForEach-Object { [math]::Round($_, 4) }); medianChunksPerSecond = $expected / (Get-Median $seconds)
        bestChunksPerSecond = $expected / ($seconds | Measure-Object -Minimum).Minimum
    }
}

function Measure-Latency {
    if (-not $Model) { $Model = 'slow-20ms' }
    $tag = [guid]::NewGuid().ToString('N').Substring(0, 8)
    $runLatencies = [System.Collections.Generic.List[double[]]]::new()
    for ($run = -1; $run -lt $Runs; $run++) {
        $id = "$Model-$tag$($run + 1)"
        $times = [System.Collections.Generic.List[long]]::new()
        Invoke-GenerateContent -Model $id -Stream -Prompt $Prompt | ForEach-Object { $times.Add($clock::GetTimestamp()) }
        $timing = Invoke-RestMethod -Uri "$($BaseUri.TrimEnd('/'))/emulator/stream-timings?model=$id" -Headers @{ 'x-goog-api-key' = $ApiKey }
        if ([long]$timing.frequency -ne $clock::Frequency) { throw 'The emulator clock differs from this process clock.' }
        $server = @($timing.streams[0].chunkTimestamps)
        if ($server.Count -ne $times.Count) { throw "The server wrote $($server.Count) chunks, the pipeline saw $($times.Count)." }
        if ($run -ge 0) {
            $runLatencies.Add([double[]]@(for ($i = 0; $i -lt $times.Count; $i++) { ($times[$i] - [long]$server[$i]) * 1000.0 / $clock::Frequency }))
        }
    }
    $first = [double[]]@($runLatencies | ForEach-Object { $_[0] })
    [ordered]@{
        probe = 'cmdlet'; runs = $runLatencies.Count; chunksPerRun = $runLatencies[0].Count
        firstChunkMs = @($first | ForEach-Object { [math]::Round($_, 3) }); medianFirstChunkMs = Get-Median $first
        medianAllChunksMs = Get-Median ([double[]]@($runLatencies | ForEach-Object { $_ }))
    }
}

function Measure-Each {
    if (-not (Get-Command Invoke-GenerateContent).Parameters.ContainsKey('Each')) { throw 'pending: -Each not on main' }
    if (-not $Model) { $Model = 'delay-200ms' }
    # Warm-up: JIT and one connection per concurrent request.
    $null = 1..$ThrottleLimit | ForEach-Object { "warm-up $_" } | Invoke-GenerateContent -Each -ThrottleLimit $ThrottleLimit -Model 'echo-warmup'
    $tag = [guid]::NewGuid().ToString('N').Substring(0, 8)
    $prompts = 1..$Count | ForEach-Object { "prompt $_" }
    $start = $clock::GetTimestamp()
    $outputs = @($prompts | Invoke-GenerateContent -Each -ThrottleLimit $ThrottleLimit -Model "$Model-$tag")
    $end = $clock::GetTimestamp()
    if ($outputs.Count -ne $Count) { throw "Expected $Count replies, received $($outputs.Count)." }
    for ($i = 0; $i -lt $Count; $i++) {
        if ($outputs[$i].Text -ne "Echo: prompt $($i + 1)") { throw "Reply $i is out of order or wrong: '$($outputs[$i].Text)'." }
    }
    [ordered]@{ probe = 'cmdlet-each'; prompts = $Count; throttleLimit = $ThrottleLimit; model = $Model; seconds = ($end - $start) / $clock::Frequency }
}

# A feature this build lacks makes the row pending, not failed: {"pending": "<reason>"}.
try {
    $result = switch ($Probe) {
        'stream' { Measure-Stream }
        'latency' { Measure-Latency }
        'each' { Measure-Each }
    }
}
catch {
    if ("$_" -notlike 'pending: *') { throw }
    $result = [ordered]@{ pending = "$_".Substring('pending: '.Length) }
}
$result.loadAverage = Get-LoadAverage
$result | ConvertTo-Json -Compress -Depth 5
