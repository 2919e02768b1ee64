# Issue 19's scale rows, on their own (not part of Invoke-Benchmark.ps1): 100,000 small prompts piped into
# Start-GenAIBatch (JSONL written and uploaded), and Receive-GenAIBatch of their 100,000 results from the downloaded
# result file. Each is timed, and its peak working-set growth is VmHWM after it (the peak reset through
# /proc/self/clear_refs first) minus the working set before it. Linux only (procfs). Appends a section to RESULTS.md.
param(
    [string] $ModulePath = (Join-Path $PSScriptRoot '../../out/GenAI/GenAI.psd1'),
    [int] $Count = 100000,
    [string] $ResultsPath = (Join-Path $PSScriptRoot '../RESULTS.md')
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../../build/EmulatorProcess.psm1') -Force
$ModulePath = (Resolve-Path $ModulePath).Path
Import-Module $ModulePath -Force

function Get-ProcKiB([string] $Field) { [long]((@(Get-Content /proc/self/status) -match "^${Field}:")[0] -replace '\D', '') }
function Reset-Peak { [IO.File]::WriteAllText('/proc/self/clear_refs', '5') }
function Measure-Step([scriptblock] $Step) {
    [GC]::Collect(); [GC]::WaitForPendingFinalizers(); [GC]::Collect()
    $before = Get-ProcKiB VmRSS
    Reset-Peak
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $value = & $Step
    $watch.Stop()
    [pscustomobject]@{ Value = $value; Seconds = $watch.Elapsed.TotalSeconds; GrowthMiB = ((Get-ProcKiB VmHWM) - $before) / 1024 }
}

$load = { (Get-Content /proc/loadavg -Raw).Trim() }
$loadStart = & $load
$emulator = Start-EmulatorProcess -ModuleBase (Split-Path $ModulePath) -ExtraArguments '--file-processing-ms', '0'
try {
    Set-GenAIConfiguration -ApiKey $emulator.ApiKey -BaseUri $emulator.BaseUri
    # Warm-up: the same paths on a small file batch (JIT, connections, the input store).
    $warm = 1..2000 | ForEach-Object { "warm-up $_" } | Start-GenAIBatch -Model gemini-2.5-flash -InputMode File -DisplayName 'warm-up running-0ms' |
        Wait-GenAIBatch -PollIntervalSec 0.1
    $null = $warm | Receive-GenAIBatch | Measure-Object

    $prompts = [string[]](1..$Count | ForEach-Object { "Classify ticket $_ as bug, question or praise: the printer prints only blank pages." })
    $start = Measure-Step { $prompts | Start-GenAIBatch -Model gemini-2.5-flash -DisplayName 'scale pending-0ms running-0ms' }
    $batch = $start.Value
    $inputFile = Get-GenAIFile $batch.InputFile
    $loadMiddle = & $load
    $done = $batch | Wait-GenAIBatch -PollIntervalSec 0.5 -MaximumPollIntervalSec 2
    if ($done.State -ne 'BATCH_STATE_SUCCEEDED') { throw "The batch ended $($done.State)." }
    $prompts = $null
    $receive = Measure-Step { ($done | Receive-GenAIBatch | Measure-Object).Count }
    if ($receive.Value -ne $Count) { throw "Received $($receive.Value) results, expected $Count." }
    $output = Get-GenAIFile $done.ResponsesFile
    $done | Remove-GenAIBatch -Confirm:$false
    $warm | Remove-GenAIBatch -Confirm:$false
}
finally {
    $emulator | Stop-EmulatorProcess
}
$loadEnd = & $load

$n = '{0:N0}' -f $Count
$rows = @(
    [pscustomobject]@{ Measure = "$n small prompts piped into Start-GenAIBatch (JSONL written, uploaded, batch created)"; Result = ('{0:N2} s = {1:N0} requests/s; peak working-set growth {2:N1} MiB' -f $start.Seconds, ($Count / $start.Seconds), $start.GrowthMiB); Detail = ('JSONL {0:N1} MiB' -f ($inputFile.SizeBytes / 1MB)); Target = '≥ 50,000 requests/s; growth ≤ 64 MiB'; Verdict = $(if ($Count / $start.Seconds -ge 50000 -and $start.GrowthMiB -le 64) { 'holds' } elseif ($start.GrowthMiB -le 64) { 'memory holds, rate does not' } else { 'does not hold' }) }
    [pscustomobject]@{ Measure = "Receive-GenAIBatch of $n results from the downloaded result file \| Measure-Object"; Result = ('{0:N2} s = {1:N0} results/s; peak working-set growth {2:N1} MiB' -f $receive.Seconds, ($Count / $receive.Seconds), $receive.GrowthMiB); Detail = ('result file {0:N1} MiB' -f ($output.SizeBytes / 1MB)); Target = 'growth ≤ 64 MiB'; Verdict = $(if ($receive.GrowthMiB -le 64) { 'holds' } else { 'does not hold' }) }
)
$commit = (& git -C $PSScriptRoot rev-parse --short HEAD)
$section = @(
    ''
    '## Batch scale (bench/scripts/BatchScale.ps1, run on its own)'
    ''
    "Run $((Get-Date).ToUniversalTime().ToString('yyyy-MM-dd HH:mm')) UTC at commit $commit against the emulator (out/GenAI/emulator, --file-processing-ms 0). Load average (1/5/15 min, runnable/total, last pid) at start: $loadStart; between the rows: $loadMiddle; at end: $loadEnd."
    ''
    '| Measure | Result | Size | Target | Verdict |'
    '|---|---|---|---|---|'
    ($rows | ForEach-Object { "| $($_.Measure) | $($_.Result) | $($_.Detail) | $($_.Target) | $($_.Verdict) |" })
)
Add-Content -Path $ResultsPath -Value $section -Encoding utf8
$rows | Format-Table -AutoSize | Out-String -Width 250
