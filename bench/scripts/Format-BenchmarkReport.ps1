<#
.SYNOPSIS
    Turns the measurements of bench/Invoke-Benchmark.ps1 into the issue's table (with ratios against the baselines
    of the same run and a verdict per target), the details, and the text of bench/RESULTS.md.
.OUTPUTS
    @{ Summary = console lines; Markdown = RESULTS.md text }
#>
param(
    [Parameter(Mandatory)] [System.Collections.IDictionary] $Measurements,
    [Parameter(Mandatory)] [System.Collections.IDictionary] $Machine,
    [string] $LoadAtStart,
    [string] $LoadAtEnd,
    [int] $StreamChunks = 10000
)

Set-StrictMode -Version 3.0
$m = $Measurements
$chunkLabel = Format-Number $StreamChunks

function Get-State($Result) {
    if (-not (Test-ProbeFailed $Result)) { return $null }
    if ($Result.Error -like 'pending:*') { return 'pending' }
    if ($Result.Error -like 'skipped*') { return 'skipped' }
    return 'failed'
}

function New-Row([string] $Measure, [string] $Result, [string] $Baseline, [string] $Ratio, [string] $Target, [string] $Verdict) {
    [pscustomobject]@{ Measure = $Measure; Result = $Result; Baseline = $Baseline; 'Ratio / delta' = $Ratio; Target = $Target; Verdict = $Verdict }
}

function New-UnavailableRow([string] $Measure, $Result, [string] $Target) {
    New-Row $Measure $Result.Error '–' '–' $Target (Get-State $Result)
}

function Test-Target([bool] $Holds) { if ($Holds) { 'holds' } else { 'does not hold' } }

function Format-Rate($Result) { (Format-Number $Result.medianChunksPerSecond) + ' chunks/s' }

# Each throughput figure is also a share of the emulator's own send rate over the same transport.
$drainRates = @{}
foreach ($key in 'drain', 'drainGrpc') {
    if ($m.Contains($key) -and -not (Get-State $m[$key])) { $drainRates[$m[$key].transport] = [double]$m[$key].bestChunksPerSecond }
}
function Get-Share($Result) {
    $transport = if ($Result.PSObject.Properties.Name -contains 'transport') { $Result.transport } else { 'rest' }
    if (-not $drainRates.ContainsKey($transport)) { return [double]::NaN }
    return $Result.medianChunksPerSecond / $drainRates[$transport]
}
function Format-Share($Result) {
    $share = Get-Share $Result
    if ([double]::IsNaN($share)) { return '' }
    $transport = if ($Result.PSObject.Properties.Name -contains 'transport' -and $Result.transport -eq 'grpc') { 'gRPC ' } else { '' }
    return ' (' + (Format-Number (100 * $share) 'N1') + " % of the emulator's ${transport}send rate)"
}

$rows = [System.Collections.Generic.List[object]]::new()

# 1. Import-Module
$measure = "``Import-Module GenAI`` in a fresh pwsh minus a bare pwsh start (median over $(if (Get-State $m.import) { 20 } else { $m.import.runs }) rounds)"
if (Get-State $m.import) { $rows.Add((New-UnavailableRow $measure $m.import '≤ 50 ms')) }
else {
    $i = $m.import
    $reference = if ($i.PSObject.Properties.Name -contains 'referenceDifferenceMs') { "; $($i.referenceName) (shipped with pwsh) adds $(Format-Number $i.referenceDifferenceMs 'N1') ms" } else { '' }
    $ratio = if ($reference -and $i.referenceDifferenceMs -gt 0) { "$(Format-Number ($i.differenceMs / $i.referenceDifferenceMs) 'N2')× $($i.referenceName)" } else { '–' }
    $rows.Add((New-Row $measure ("$(Format-Number $i.differenceMs 'N1') ms (in-process: $(Format-Number $i.inProcessMedianMs 'N1') ms, $(Format-Number $i.inProcessCpuMedianMs 'N1') ms CPU)") `
        "bare pwsh start $(Format-Number $i.bareMedianMs) ms$reference" $ratio '≤ 50 ms' (Test-Target ($i.differenceMs -le 50))))
}

# 2. First-chunk latency
$measure = 'First chunk: emulator writes it → the cmdlet emits it (slow-20ms; median)'
if (Get-State $m.latencyCmdlet) { $rows.Add((New-UnavailableRow $measure $m.latencyCmdlet '≤ +2 ms')) }
elseif (Get-State $m.latencyRaw) { $rows.Add((New-UnavailableRow $measure $m.latencyRaw '≤ +2 ms')) }
else {
    $delta = $m.latencyCmdlet.medianFirstChunkMs - $m.latencyRaw.medianFirstChunkMs
    $core = if (Get-State $m.latencyCore) { '' } else { " (core: $(Format-Number $m.latencyCore.medianFirstChunkMs 'N2') ms)" }
    $rows.Add((New-Row $measure "$(Format-Number $m.latencyCmdlet.medianFirstChunkMs 'N2') ms$core" "raw HttpClient SSE reader $(Format-Number $m.latencyRaw.medianFirstChunkMs 'N2') ms" `
        ('{0}{1} ms' -f $(if ($delta -ge 0) { '+' } else { '' }), (Format-Number $delta 'N2')) '≤ +2 ms' (Test-Target ($delta -le 2))))
}

# 2b. Cancelling a stream (what Ctrl+C and Stop-Job wait for)
$measure = 'Cancel: a stream cancelled after its first chunk → the pending read ends (slow-5000ms; median)'
if (Get-State $m.cancelCore) { $rows.Add((New-UnavailableRow $measure $m.cancelCore '≤ 200 ms')) }
elseif (Get-State $m.cancelRaw) { $rows.Add((New-UnavailableRow $measure $m.cancelRaw '≤ 200 ms')) }
else {
    $delta = $m.cancelCore.medianMs - $m.cancelRaw.medianMs
    $rows.Add((New-Row $measure "$(Format-Number $m.cancelCore.medianMs 'N2') ms (slowest of $($m.cancelCore.runs): $(Format-Number $m.cancelCore.maxMs 'N2') ms)" `
        "raw HttpClient SSE reader $(Format-Number $m.cancelRaw.medianMs 'N2') ms" ('{0}{1} ms' -f $(if ($delta -ge 0) { '+' } else { '' }), (Format-Number $delta 'N2')) `
        '≤ 200 ms' (Test-Target ($m.cancelCore.maxMs -le 200))))
}

# 3. Stream throughput against @google/genai
$nodeBaseline = if (Get-State $m.nodeRest) { $null } else { "@google/genai $(Format-Rate $m.nodeRest)$(Format-Share $m.nodeRest)" }
foreach ($case in @(
        @{ Key = 'coreRest'; Name = 'core (ModelsClient.StreamGenerateContentAsync), REST'; Target = 1.5 },
        @{ Key = 'cmdletRest'; Name = 'Invoke-GenerateContent -Stream | Measure-Object, REST'; Target = 1.0 },
        @{ Key = 'coreGrpc'; Name = 'core, gRPC'; Target = 1.5 },
        @{ Key = 'cmdletGrpc'; Name = 'Invoke-GenerateContent -Stream, gRPC'; Target = 1.0 })) {
    $result = $m[$case.Key]
    $measure = "$chunkLabel-chunk stream: $($case.Name)"
    $target = "≥ $(Format-Number $case.Target 'N1')× Node"
    if (Get-State $result) { $rows.Add((New-UnavailableRow $measure $result $target)); continue }
    if (-not $nodeBaseline) { $rows.Add((New-Row $measure "$(Format-Rate $result)$(Format-Share $result)" $m.nodeRest.Error '–' $target (Get-State $m.nodeRest))); continue }
    $ratio = $result.medianChunksPerSecond / $m.nodeRest.medianChunksPerSecond
    $rows.Add((New-Row $measure "$(Format-Rate $result)$(Format-Share $result)" $nodeBaseline (Format-Ratio $ratio) $target (Test-Target ($ratio -ge $case.Target))))
}

# Emulator send rate, per transport: it must not be the bottleneck.
foreach ($drain in @(@{ Key = 'drain'; Name = 'REST (raw socket drain, no parsing)'; Clients = 'coreRest', 'cmdletRest', 'nodeRest', 'httpJson' },
        @{ Key = 'drainGrpc'; Name = 'gRPC (raw call, messages not parsed)'; Clients = 'coreGrpc', 'cmdletGrpc' })) {
    $result = $m[$drain.Key]
    $measure = "Emulator send rate, $chunkLabel chunks, $($drain.Name)"
    if (Get-State $result) { $rows.Add((New-UnavailableRow $measure $result 'not the bottleneck')); continue }
    $shares = @($drain.Clients | Where-Object { -not (Get-State $m[$_]) } | ForEach-Object { Get-Share $m[$_] })
    $fastest = if ($shares) { ($shares | Measure-Object -Maximum).Maximum } else { 0 }
    $rows.Add((New-Row $measure "$(Format-Number $result.bestChunksPerSecond) chunks/s (best of $($result.runs))" '–' "fastest client at $(Format-Number (100 * $fastest) 'N1') %" `
        'not the bottleneck (fastest client ≤ 50 %)' (Test-Target ($fastest -le 0.5))))
}

# 4. -Each concurrency
$ideal = [math]::Ceiling(100 / 16) * 0.2
$measure = '100 prompts, -Each -ThrottleLimit 16, delay-200ms per reply'
if (Get-State $m.each) { $rows.Add((New-UnavailableRow $measure $m.each '≤ 1.2× ideal')) }
else {
    $ratio = $m.each.seconds / $ideal
    $rows.Add((New-Row $measure "$(Format-Number $m.each.seconds 'N2') s" "ideal ceil(100/16) × 200 ms = $(Format-Number $ideal 'N2') s" (Format-Ratio $ratio) '≤ 1.2× ideal' (Test-Target ($ratio -le 1.2))))
}

# 5. Image prompt memory
$measure = '20 MB image prompt: peak working-set growth (cmdlet -Path; core inline, base64 streamed)'
if (Get-State $m.image) { $rows.Add((New-UnavailableRow $measure $m.image '≤ 2.5× file size')) }
else {
    $cmdlet = $m.image.cmdlet
    $inline = $m.image.inline
    $mib = { param($row) Format-Number (($row.peak - $row.baseline) / 1MB) 'N1' }
    $worst = [math]::Max([double]$cmdlet.ratio, [double]$inline.ratio)
    $rows.Add((New-Row $measure "cmdlet $(& $mib $cmdlet) MiB, core inline $(& $mib $inline) MiB" "file $(Format-Number ($cmdlet.fileBytes / 1MB) 'N1') MiB" `
        "$(Format-Ratio $cmdlet.ratio), $(Format-Ratio $inline.ratio)" '≤ 2.5× file size' (Test-Target ($worst -le 2.5))))
}

# 6. Offline token counting
$measure = 'Offline token counting (bench/TokenizerBench, slowest workload)'
if (Get-State $m.tokenizer) { $rows.Add((New-UnavailableRow $measure $m.tokenizer '≥ 1 M tokens/s')) }
else {
    $rows.Add((New-Row $measure "$(Format-Number $m.tokenizer.minMTokensPerSecond 'N2') M tokens/s ($(Format-Number $m.tokenizer.slowestPerCpuSecond 'N2') M per CPU-second)" '–' '–' '≥ 1 M tokens/s' (Test-Target ($m.tokenizer.minMTokensPerSecond -ge 1))))
}

# 7. Allocations per chunk
$measure = 'Allocations per streamed chunk in the core (BenchmarkDotNet MemoryDiagnoser, CoreStream)'
$microRows = if (Get-State $m.micro) { @() } else { @($m.micro.rows) }
$coreStream = @($microRows | Where-Object { $_.method -eq 'CoreStream' -and $_.success })
if (-not $coreStream) {
    $missing = if (Get-State $m.micro) { $m.micro } else { [pscustomobject]@{ Error = 'failed: CoreStream has no result' } }
    $rows.Add((New-UnavailableRow $measure $missing 'report; drive down'))
}
else {
    $text = ($coreStream | ForEach-Object { "$(Format-Number $_.allocatedBytesPerOp) B ($($_.parameters -replace '^Payload=', '') chunks)" }) -join ', '
    $endToEnd = if (Get-State $m.coreRest) { '–' } else { "over the socket: $(Format-Number $m.coreRest.allocatedBytesPerChunk) B per chunk (stream-core probe)" }
    $rows.Add((New-Row $measure $text $endToEnd '–' 'report; drive down' 'reported'))
}

# 8. Package size
$measure = 'Package: GenAI.<version>.nupkg from build.ps1 package (module, both editions, help, emulator with its fixtures)'
if (-not $m.Contains('package') -or (Get-State $m.package)) { $rows.Add((New-UnavailableRow $measure $(if ($m.Contains('package')) { $m.package } else { [pscustomobject]@{ Error = 'not measured' } }) 'report')) }
else {
    $rows.Add((New-Row $measure "$(Format-Number ($m.package.bytes / 1MB) 'N1') MiB" "installed: $(Format-Number ($m.package.layoutBytes / 1MB) 'N1') MiB in $($m.package.files) files" '–' 'report' 'reported'))
}

# --- Details --------------------------------------------------------------------------------------------------------
$details = [System.Collections.Generic.List[object]]::new()
function Add-Detail([string] $Probe, $Result, [scriptblock] $Figure) {
    $text = if (Get-State $Result) { $Result.Error } else { & $Figure $Result }
    $load = if ($Result -and $Result.PSObject.Properties.Name -contains 'loadAverage') { $Result.loadAverage } else { '' }
    $details.Add([pscustomobject]@{ Probe = $Probe; Figure = $text; 'Load average (1/5/15 min)' = (($load -split ' ') | Select-Object -First 3) -join ' ' })
}
$ms = { param($v) (Format-Number $v 'N2') + ' ms' }
Add-Detail 'Import: bare pwsh / pwsh + Import-Module (process start to exit)' $m.import { param($r) "$(Format-Number $r.bareMedianMs) ms / $(Format-Number $r.importMedianMs) ms; in-process Import-Module $(Format-Number $r.inProcessMedianMs 'N1') ms wall, $(Format-Number $r.inProcessCpuMedianMs 'N1') ms CPU (medians)" }
if (-not (Get-State $m.import) -and $m.import.PSObject.Properties.Name -contains 'referenceMedianMs') {
    Add-Detail "Import, reference: pwsh + Import-Module $($m.import.referenceName) (process start to exit)" $m.import { param($r) "$(Format-Number $r.referenceMedianMs) ms ($(Format-Number $r.referenceDifferenceMs 'N1') ms over the bare start); in-process $(Format-Number $r.referenceInProcessMedianMs 'N1') ms (medians)" }
}
foreach ($pair in @(@('latencyRaw', 'raw HttpClient SSE reader'), @('latencyCore', 'core'), @('latencyCmdlet', 'cmdlet → ForEach-Object'), @('latencyNode', '@google/genai'))) {
    Add-Detail "Latency, $($pair[1]): first chunk / every chunk (median)" $m[$pair[0]] { param($r) "$(& $ms $r.medianFirstChunkMs) / $(& $ms $r.medianAllChunksMs) ($($r.runs) streams)" }
}
foreach ($pair in @(@('cancelRaw', 'raw HttpClient SSE reader'), @('cancelCore', 'core'))) {
    Add-Detail "Cancel after the first chunk, $($pair[1]): median / slowest" $m[$pair[0]] { param($r) "$(& $ms $r.medianMs) / $(& $ms $r.maxMs) ($($r.runs) streams)" }
}
foreach ($pair in @(@('drain', 'emulator send rate (raw socket)'), @('drainGrpc', 'emulator send rate, gRPC (raw call)'), @('httpLines', 'raw HttpClient, SSE lines, no JSON'), @('httpJson', 'raw HttpClient, lines + source-generated JSON'),
        @('coreRest', 'core, REST'), @('cmdletRest', 'cmdlet, REST'), @('coreGrpc', 'core, gRPC'), @('cmdletGrpc', 'cmdlet, gRPC'), @('nodeRest', '@google/genai (Node), REST'))) {
    Add-Detail "Stream $chunkLabel chunks, $($pair[1])" $m[$pair[0]] { param($r) "median $(Format-Rate $r)$(Format-Share $r), best $(Format-Number $r.bestChunksPerSecond) chunks/s; runs: $((@($r.seconds) | ForEach-Object { Format-Number $_ 'N3' }) -join ', ') s" }
}
Add-Detail '-Each: 100 prompts, ThrottleLimit 16, delay-200ms' $m.each { param($r) "$(Format-Number $r.seconds 'N3') s" }
if (-not (Get-State $m.image)) {
    foreach ($row in $m.image.rows) {
        Add-Detail "Image prompt: $($row.label)" $m.image { param($r) if ($row.PSObject.Properties.Name -contains 'failed') { 'failed' } else { "baseline $(Format-Number ($row.baseline / 1MB) 'N1') MiB → peak $(Format-Number ($row.peak / 1MB) 'N1') MiB: $(Format-Ratio $row.ratio) the file" } }
    }
}
else { Add-Detail 'Image prompt' $m.image { param($r) '' } }
if (-not (Get-State $m.tokenizer)) {
    foreach ($w in $m.tokenizer.workloads) { Add-Detail "Tokenizer: $($w.name)" $m.tokenizer { param($r) "$(Format-Number $w.mTokensPerSecond 'N2') M tokens/s, $(Format-Number $w.mTokensPerCpuSecond 'N2') M per CPU-second ($(Format-Number $w.tokens) tokens)" } }
    Add-Detail 'Tokenizer: vocabulary load' $m.tokenizer { param($r) $r.vocabularyLoad }
}
else { Add-Detail 'Tokenizer' $m.tokenizer { param($r) '' } }

$micro = foreach ($row in $microRows) {
    [pscustomobject]@{
        Benchmark = "$($row.type).$($row.method)$(if ($row.parameters) { " [$($row.parameters)]" })"
        'Mean per op' = if ($row.success) { (Format-Number ($row.meanNs / 1000) 'N2') + ' µs' } else { 'failed' }
        'Allocated per op' = if ($row.success) { (Format-Number $row.allocatedBytesPerOp) + ' B' } else { '' }
    }
}

# --- Output ---------------------------------------------------------------------------------------------------------
$columns = 'Measure', 'Result', 'Baseline', 'Ratio / delta', 'Target', 'Verdict'
$table = ConvertTo-MarkdownTable -Rows $rows -Columns $columns
$summary = @("GenAI.PowerShell benchmarks — $($Machine.Date), $($Machine.CPU); load average at start $LoadAtStart, at end $LoadAtEnd") + @('') + $table

$md = [System.Collections.Generic.List[string]]::new()
$md.Add('# Benchmark results')
$md.Add('')
$md.Add('Written by `dotnet pwsh ./build.ps1 bench` (bench/Invoke-Benchmark.ps1) from one run; bench/README.md explains each row, the baselines and the caveats.')
$md.Add('')
$md.Add('## Machine')
$md.Add('')
foreach ($key in $Machine.Keys) { $md.Add("- $($key): $($Machine[$key])") }
$md.Add("- Load average (1/5/15 min, runnable/total, last pid) at start: $LoadAtStart; at end: $LoadAtEnd")
$cores = [Environment]::ProcessorCount
$startLoad = [double](($LoadAtStart -split ' ')[0])
if ($startLoad -gt $cores) {
    $md.Add('')
    $md.Add("> **The machine was busy** (load average $startLoad on $cores cores): timings, and the latency row most of all, are noisy. Rerun on a quiet machine for figures to compare.")
}
$md.Add('')
$md.Add('## Targets')
$md.Add('')
$table | ForEach-Object { $md.Add($_) }
$md.Add('')
$md.Add('## Details')
$md.Add('')
ConvertTo-MarkdownTable -Rows $details -Columns 'Probe', 'Figure', 'Load average (1/5/15 min)' | ForEach-Object { $md.Add($_) }
if ($micro) {
    $md.Add('')
    $md.Add('## BenchmarkDotNet (ShortRun, in-process, MemoryDiagnoser; streaming benchmarks are per chunk)')
    $md.Add('')
    ConvertTo-MarkdownTable -Rows @($micro) -Columns 'Benchmark', 'Mean per op', 'Allocated per op' | ForEach-Object { $md.Add($_) }
}

@{ Summary = $summary; Markdown = ($md -join "`n") + "`n" }
