<#
.SYNOPSIS
    Runs every benchmark of GenAI.PowerShell in one go against one local emulator, prints the issue's table and
    writes bench/RESULTS.md. Normally run as: dotnet pwsh ./build.ps1 bench
.DESCRIPTION
    Builds the benchmark programs, installs the pinned @google/genai from npm into bench/node/node_modules, fetches
    the tokenizer vocabulary, starts the emulator from the built module (out/GenAI/emulator, --port 0), measures,
    stops the emulator. Baselines (raw HttpClient, @google/genai, the emulator's own send rate) are measured in the
    same run. Each figure carries the load average it was taken under: figures from a busy machine are noisy.
    See bench/README.md for what each row means.
#>
[CmdletBinding()]
param(
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/GenAI/GenAI.psd1'),
    [ValidateSet('Debug', 'Release')] [string] $Configuration = 'Release',
    [string] $ResultsPath = (Join-Path $PSScriptRoot 'RESULTS.md'),
    [int] $ImportRuns = 20,
    [int] $LatencyRuns = 20,
    [int] $StreamRuns = 5,
    [int] $StreamChunks = 10000,
    # Skips the BenchmarkDotNet suite and the tokenizer benchmark (their rows say so): a quicker check of the harness.
    [switch] $Quick
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
Import-Module (Join-Path $PSScriptRoot 'scripts/BenchmarkSupport.psm1') -Force
Import-Module (Join-Path $PSScriptRoot '../build/EmulatorProcess.psm1') -Force
$root = (Resolve-Path (Join-Path $PSScriptRoot '..')).Path
$ModulePath = (Resolve-Path $ModulePath).Path
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
$env:POWERSHELL_TELEMETRY_OPTOUT = '1'
$env:POWERSHELL_UPDATECHECK = 'Off'
$env:NO_COLOR = '1'
$work = Join-Path ([IO.Path]::GetTempPath()) "genai-bench-$PID"
$null = New-Item -ItemType Directory -Force -Path $work

function Invoke-Native {
    $command = $args[0]
    $arguments = @($args | Select-Object -Skip 1)
    & $command @arguments
    if ($LASTEXITCODE -ne 0) { throw "'$command $($arguments -join ' ')' failed with exit code $LASTEXITCODE." }
}

# --- Preparation: build the benchmark programs, install the Node SDK, fetch the tokenizer vocabulary ---------------
Write-Host 'Preparing the benchmarks...' -ForegroundColor Cyan
$benchProject = Join-Path $PSScriptRoot 'GenAI.Benchmarks/GenAI.Benchmarks.csproj'
Invoke-Native dotnet build $benchProject -c $Configuration --nologo -v quiet '-clp:ErrorsOnly'
$benchDll = Join-Path $PSScriptRoot "GenAI.Benchmarks/bin/$Configuration/net10.0/GenAI.Benchmarks.dll"
$tokenizerDll = $null
Invoke-Native dotnet build (Join-Path $PSScriptRoot 'InlineImageMemory/InlineImageMemory.csproj') -c $Configuration --nologo -v quiet '-clp:ErrorsOnly'
$imageDll = Join-Path $PSScriptRoot "InlineImageMemory/bin/$Configuration/net10.0/InlineImageMemory.dll"
if (-not $Quick) {
    Invoke-Native dotnet build (Join-Path $PSScriptRoot 'TokenizerBench/TokenizerBench.csproj') -c $Configuration --nologo -v quiet '-clp:ErrorsOnly'
    $tokenizerDll = Join-Path $PSScriptRoot "TokenizerBench/bin/$Configuration/net10.0/TokenizerBench.dll"
}
$nodeReady = $false
if (Get-Command node -ErrorAction SilentlyContinue) {
    $nodeDir = Join-Path $PSScriptRoot 'node'
    $pinned = (Get-Content -Raw (Join-Path $nodeDir 'package.json') | ConvertFrom-Json).dependencies.'@google/genai'
    $installed = Join-Path $nodeDir 'node_modules/@google/genai/package.json'
    if (-not (Test-Path $installed) -or (Get-Content -Raw $installed | ConvertFrom-Json).version -ne $pinned) {
        Push-Location $nodeDir
        try { Invoke-Native npm ci --no-audit --no-fund --loglevel=error } finally { Pop-Location }
    }
    $nodeReady = $true
    if (-not $Quick) { Invoke-Native node (Join-Path $root 'tests/tools/tokenizer-reference/fetch-vocab.mjs') | Out-Null }
}

$pwsh = @(Get-PwshCommand)
$cmdletProbe = Join-Path $PSScriptRoot 'scripts/CmdletProbe.ps1'
function Invoke-CmdletProbe([string] $Name, [string[]] $Arguments) {
    Invoke-JsonProbe -Name $Name -Command ($pwsh + @('-NoProfile', '-NonInteractive', '-File', $cmdletProbe, '-ModulePath', $ModulePath,
        '-BaseUri', $emulator.BaseUri, '-ApiKey', $emulator.ApiKey) + $Arguments)
}
function Invoke-CoreProbe([string] $Name, [string[]] $Arguments) {
    Invoke-JsonProbe -Name $Name -Command (@('dotnet', $benchDll, 'probe') + $Arguments + @('--base', $emulator.BaseUri, '--key', $emulator.ApiKey))
}
function Invoke-NodeProbe([string] $Name, [string[]] $Arguments) {
    if (-not $nodeReady) { return [pscustomobject]@{ Error = 'pending: Node.js is not installed' } }
    Invoke-JsonProbe -Name $Name -WorkingDirectory (Join-Path $PSScriptRoot 'node') `
        -Command (@('node', 'genai-stream.mjs') + $Arguments + @('--base', $emulator.BaseUri, '--key', $emulator.ApiKey))
}

# --- Measurements ---------------------------------------------------------------------------------------------------
$machine = Get-MachineInfo -RepositoryRoot $root
$loadAtStart = Get-LoadAverage
$m = [ordered]@{}
$emulator = $null
try {
    Write-Host "Starting the emulator ($(Split-Path $ModulePath)/emulator)..." -ForegroundColor Cyan
    $emulator = Start-EmulatorProcess -ModuleBase (Split-Path $ModulePath)
    $grpcUri = if ($emulator.PSObject.Properties.Name -contains 'GrpcUri') { $emulator.GrpcUri } else { $null }
    $streamModel = "stream-$StreamChunks"

    Write-Host "Import-Module time ($ImportRuns rounds of fresh processes: bare, GenAI, PSReadLine, each started twice and timed the second time)..." -ForegroundColor Cyan
    $m.import = Measure-ImportTime -ModulePath $ModulePath -Runs $ImportRuns

    Write-Host 'First-chunk latency (slow-20ms, 6 chunks per stream)...' -ForegroundColor Cyan
    $latency = @('--model', 'slow-20ms', '--runs', "$LatencyRuns")
    $m.latencyRaw = Invoke-CoreProbe 'raw HttpClient' (@('latency-raw') + $latency)
    $m.latencyCore = Invoke-CoreProbe 'core' (@('latency-core') + $latency)
    $m.latencyCmdlet = Invoke-CmdletProbe 'cmdlet' @('-Probe', 'latency', '-Model', 'slow-20ms', '-Runs', "$LatencyRuns")
    $m.latencyNode = Invoke-NodeProbe '@google/genai' @('latency', '--model', 'slow-20ms', '--runs', "$LatencyRuns")

    Write-Host 'Cancelling a stream after its first chunk (slow-5000ms)...' -ForegroundColor Cyan
    $cancel = @('--model', 'slow-5000ms', '--runs', "$LatencyRuns")
    $m.cancelRaw = Invoke-CoreProbe 'raw HttpClient' (@('cancel-raw') + $cancel)
    $m.cancelCore = Invoke-CoreProbe 'core' (@('cancel-core') + $cancel)

    Write-Host "$StreamChunks-chunk stream throughput ($StreamRuns runs each after a warm-up)..." -ForegroundColor Cyan
    $stream = @('--model', $streamModel, '--runs', "$StreamRuns")
    # The emulator's capacity: best of more (cheap) runs, as noise can only lower it.
    $drainRuns = @('--model', $streamModel, '--runs', "$(3 * $StreamRuns)")
    $m.drain = Invoke-CoreProbe 'emulator send rate (raw socket drain)' (@('stream-drain') + $drainRuns)
    $m.httpLines = Invoke-CoreProbe 'raw HttpClient, SSE lines only' (@('stream-httpclient') + $stream)
    $m.httpJson = Invoke-CoreProbe 'raw HttpClient, lines + JSON' (@('stream-httpclient', '--parse', 'json') + $stream)
    $m.coreRest = Invoke-CoreProbe 'core (REST)' (@('stream-core') + $stream)
    $m.cmdletRest = Invoke-CmdletProbe 'cmdlet (REST)' @('-Probe', 'stream', '-Model', $streamModel, '-Runs', "$StreamRuns")
    $m.nodeRest = Invoke-NodeProbe '@google/genai' (@('throughput') + $stream)
    if ($grpcUri) {
        $m.drainGrpc = Invoke-CoreProbe 'emulator send rate, gRPC (raw call, messages not parsed)' (@('stream-drain', '--transport', 'grpc', '--grpc', $grpcUri) + $drainRuns)
        $m.coreGrpc = Invoke-CoreProbe 'core (gRPC)' (@('stream-core', '--transport', 'grpc', '--grpc', $grpcUri) + $stream)
        $m.cmdletGrpc = Invoke-CmdletProbe 'cmdlet (gRPC)' @('-Probe', 'stream', '-Model', $streamModel, '-Runs', "$StreamRuns", '-Transport', 'Grpc', '-GrpcUri', $grpcUri)
    }
    else {
        $m.drainGrpc = $m.coreGrpc = $m.cmdletGrpc = [pscustomobject]@{ Error = 'pending: gRPC transport not on main' }
    }

    Write-Host '100 prompts with -Each -ThrottleLimit 16 (delay-200ms)...' -ForegroundColor Cyan
    $m.each = Invoke-CmdletProbe '-Each' @('-Probe', 'each', '-Model', 'delay-200ms', '-Count', '100', '-ThrottleLimit', '16')

}
finally {
    if ($emulator) { $emulator | Stop-EmulatorProcess }
}

Write-Host '20 MB image prompt, peak working set (bench/InlineImageMemory, its own emulator)...' -ForegroundColor Cyan
$m.image = Measure-ImageMemory -ImageMemoryDll $imageDll -ModulePath $ModulePath -WorkDirectory $work

if ($Quick) {
    $m.tokenizer = [pscustomobject]@{ Error = 'skipped (-Quick)' }
    $m.micro = [pscustomobject]@{ Error = 'skipped (-Quick)' }
}
else {
    Write-Host 'Offline token counting (bench/TokenizerBench)...' -ForegroundColor Cyan
    $m.tokenizer = Measure-Tokenizer -TokenizerDll $tokenizerDll -WorkDirectory $work
    Write-Host 'BenchmarkDotNet micro suite (short job, in-process, MemoryDiagnoser)...' -ForegroundColor Cyan
    $summary = Join-Path $work 'micro.json'
    $micro = Invoke-JsonProbe -Name 'micro suite' -WorkingDirectory $work -TimeoutSec 1800 `
        -Command @('dotnet', $benchDll, 'micro', '--summary', $summary)
    $m.micro = if (Test-ProbeFailed $micro) { $micro } else { [pscustomobject]@{ rows = @(Get-Content -Raw $summary | ConvertFrom-Json); loadAverage = $micro.loadAverage } }
}
Write-Host 'Package size (build/Package.ps1)...' -ForegroundColor Cyan
$m.package = try {
    $null = & (Join-Path $root 'build/Package.ps1') -ModulePath (Split-Path $ModulePath) -DestinationPath (Join-Path $work 'package') 6>$null
    $nupkg = Get-ChildItem (Join-Path $work 'package') -Filter '*.nupkg' | Select-Object -First 1
    $layout = @(Get-ChildItem (Split-Path $ModulePath) -Recurse -File)
    [pscustomobject]@{ bytes = $nupkg.Length; files = $layout.Count; layoutBytes = ($layout | Measure-Object Length -Sum).Sum; loadAverage = Get-LoadAverage }
}
catch { [pscustomobject]@{ Error = "failed: $_" } }
$loadAtEnd = Get-LoadAverage
Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue

# --- Table ----------------------------------------------------------------------------------------------------------
$report = & (Join-Path $PSScriptRoot 'scripts/Format-BenchmarkReport.ps1') -Measurements $m -Machine $machine `
    -LoadAtStart $loadAtStart -LoadAtEnd $loadAtEnd -StreamChunks $StreamChunks
Write-Host ''
$report.Summary | ForEach-Object { Write-Host $_ }
Set-Content -Path $ResultsPath -Value $report.Markdown -Encoding utf8
Write-Host ''
Write-Host "Written: $ResultsPath" -ForegroundColor Green
