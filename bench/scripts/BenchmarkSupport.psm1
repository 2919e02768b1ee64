# Helpers of bench/Invoke-Benchmark.ps1: child processes, probes that print one JSON object, machine facts, formatting.

Set-StrictMode -Version 3.0

# The command that starts a child PowerShell like this one (pwsh runs under 'dotnet' when it is a dotnet tool).
function Get-PwshCommand {
    $self = Get-Process -Id $PID
    if ($self.ProcessName -eq 'dotnet') { return @('dotnet', (Join-Path $PSHOME 'pwsh.dll')) }
    return @($self.Path)
}

function Get-LoadAverage {
    if (Test-Path /proc/loadavg) { return (Get-Content -Raw /proc/loadavg).Trim() }
    return 'n/a'
}

function Get-Median([double[]] $Values) {
    $sorted = [double[]]@($Values | Sort-Object)
    if ($sorted.Count -eq 0) { return [double]::NaN }
    $middle = [int][math]::Floor($sorted.Count / 2)
    if ($sorted.Count % 2) { return $sorted[$middle] }
    return ($sorted[$middle - 1] + $sorted[$middle]) / 2
}

# Runs a child process with its output captured; ends it (and its children) after $TimeoutSec.
function Invoke-ChildProcess {
    param([Parameter(Mandatory)] [string[]] $Command, [string] $WorkingDirectory = (Get-Location).Path, [int] $TimeoutSec = 600)
    $info = [System.Diagnostics.ProcessStartInfo]::new($Command[0])
    foreach ($argument in @($Command | Select-Object -Skip 1)) { $info.ArgumentList.Add($argument) }
    $info.WorkingDirectory = $WorkingDirectory
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $info.RedirectStandardInput = $true
    $info.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($info)
    try {
        $process.StandardInput.Close()
        $stdout = $process.StandardOutput.ReadToEndAsync()
        $stderr = $process.StandardError.ReadToEndAsync()
        $timedOut = -not $process.WaitForExit($TimeoutSec * 1000)
        if ($timedOut) { $process.Kill($true) }
        $process.WaitForExit()
        return [pscustomobject]@{
            ExitCode = if ($timedOut) { -1 } else { $process.ExitCode }
            TimedOut = $timedOut
            Output   = @(($stdout.Result + "`n" + $stderr.Result) -split "\r?\n" | Where-Object { $_.Trim() })
        }
    }
    finally { $process.Dispose() }
}

<#
Runs a probe (a child process) whose last stdout line is one JSON object. Returns the parsed object, or an object
with an Error property ('pending: <reason>' when the probe printed {"pending": reason}, else 'failed: ' and the
output's last lines), so one failing measurement leaves its row marked instead of stopping the run.
#>
function Invoke-JsonProbe {
    param(
        [Parameter(Mandatory)] [string] $Name,
        [Parameter(Mandatory)] [string[]] $Command,
        [string] $WorkingDirectory = (Get-Location).Path,
        [int] $TimeoutSec = 600
    )
    Write-Host "  $Name ..." -ForegroundColor DarkGray -NoNewline
    $run = Invoke-ChildProcess -Command $Command -WorkingDirectory $WorkingDirectory -TimeoutSec $TimeoutSec
    if ($run.TimedOut) {
        Write-Host " timed out after $TimeoutSec s" -ForegroundColor Red
        return [pscustomobject]@{ Error = "failed: timed out after $TimeoutSec s" }
    }
    $output = $run.Output
    $exitCode = $run.ExitCode
    $json = $output | Where-Object { $_ -match '^\s*\{.*\}\s*$' } | Select-Object -Last 1
    if ($exitCode -eq 0 -and $json) {
        $result = $json | ConvertFrom-Json
        if ($result.PSObject.Properties.Name -contains 'pending') {
            Write-Host " pending: $($result.pending)" -ForegroundColor Yellow
            return [pscustomobject]@{ Error = "pending: $($result.pending)" }
        }
        Write-Host ' done' -ForegroundColor DarkGray
        return $result
    }
    $tail = ($output | Select-Object -Last 6 | ForEach-Object { $_.Trim() }) -join ' / '
    Write-Host " failed (exit code $exitCode): $tail" -ForegroundColor Red
    return [pscustomobject]@{ Error = "failed: $tail" }
}

function Test-ProbeFailed($Result) { return $null -eq $Result -or $Result.PSObject.Properties.Name -contains 'Error' }

<#
Import-Module GenAI in a fresh pwsh minus a bare pwsh start: $Runs interleaved rounds of child processes (bare, GenAI,
PSReadLine; after one warm-up round that fills the disk cache), each timed from start to exit by this process. All
children run the same statements (format one object, as any session does before its first prompt, then start a
stopwatch); only the import differs. The difference is the median over the rounds of (import - bare) in the same
round, which cancels what drifts between rounds (a process start moves by tens of milliseconds over a minute here);
the medians of each kind are reported too. The import child also reports the import's own in-process time and the
process CPU time it took (all threads; less stretched by a busy machine than wall time), cross-checks with less noise
than the difference of two process starts.
#>
function Measure-ImportTime {
    <#
    .SYNOPSIS
        Times Import-Module of the module against a bare pwsh start, in interleaved fresh processes; PSReadLine (a
        compiled module with a format file, shipped with pwsh) is imported the same way as a reference point.
    .NOTES
        pwsh saves a multicore-JIT profile of its start-up when it exits and replays it at the next start (the file
        StartupProfileData-NonInteractive in its cache folder), so how fast a start is depends on what the previous pwsh
        did: an import measured right after a bare start took 50-65 ms, the same import after another import 30-35 ms.
        Each measured start therefore follows an unmeasured start of the same kind, as in a session whose profile
        imports the module every time.
    #>
    param([Parameter(Mandatory)] [string] $ModulePath, [int] $Runs = 20)
    $pwsh = @(Get-PwshCommand)
    $prefix = @($pwsh | Select-Object -Skip 1)
    $escaped = $ModulePath -replace "'", "''"
    $prologue = '$null = Get-Date | Out-String; $p = [Diagnostics.Process]::GetCurrentProcess(); $c = $p.TotalProcessorTime; $s = [Diagnostics.Stopwatch]::StartNew();'
    $epilogue = '$w = $s.Elapsed.TotalMilliseconds; $p.Refresh(); [string]::Format([Globalization.CultureInfo]::InvariantCulture, "{0};{1}", $w, ($p.TotalProcessorTime - $c).TotalMilliseconds)'
    $commands = [ordered]@{
        bare      = "$prologue $epilogue"
        import    = "$prologue Import-Module '$escaped'; $epilogue"
        reference = "$prologue Import-Module PSReadLine; $epilogue"
    }
    $elapsed = @{}; $inProcess = @{}; $inProcessCpu = @{}
    foreach ($kind in $commands.Keys) {
        $elapsed[$kind] = [System.Collections.Generic.List[double]]::new()
        $inProcess[$kind] = [System.Collections.Generic.List[double]]::new()
        $inProcessCpu[$kind] = [System.Collections.Generic.List[double]]::new()
    }
    for ($run = -1; $run -lt $Runs; $run++) {
        foreach ($kind in $commands.Keys) {
            $null = & $pwsh[0] @prefix -NoProfile -NonInteractive -NoLogo -Command $commands[$kind]   # leaves this kind's start-up profile
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $printed = & $pwsh[0] @prefix -NoProfile -NonInteractive -NoLogo -Command $commands[$kind]
            $ms = $watch.Elapsed.TotalMilliseconds
            if ($LASTEXITCODE -ne 0) { throw "The $kind pwsh child failed (exit code $LASTEXITCODE): $printed" }
            if ($run -lt 0) { continue }
            $elapsed[$kind].Add($ms)
            $wall, $cpu = "$($printed | Select-Object -Last 1)" -split ';'
            $inProcess[$kind].Add([double]::Parse($wall, [Globalization.CultureInfo]::InvariantCulture))
            $inProcessCpu[$kind].Add([double]::Parse($cpu, [Globalization.CultureInfo]::InvariantCulture))
        }
    }
    $overBare = { param($kind) Get-Median @(for ($i = 0; $i -lt $elapsed.bare.Count; $i++) { $elapsed[$kind][$i] - $elapsed.bare[$i] }) }
    return [pscustomobject]@{
        runs = $Runs; bareMedianMs = Get-Median $elapsed.bare; importMedianMs = Get-Median $elapsed.import; differenceMs = & $overBare 'import'
        inProcessMedianMs = Get-Median $inProcess.import; inProcessCpuMedianMs = Get-Median $inProcessCpu.import
        referenceName = 'PSReadLine'; referenceMedianMs = Get-Median $elapsed.reference; referenceDifferenceMs = & $overBare 'reference'
        referenceInProcessMedianMs = Get-Median $inProcess.reference
        bareMs = $elapsed.bare.ToArray(); importMs = $elapsed.import.ToArray(); referenceMs = $elapsed.reference.ToArray(); loadAverage = Get-LoadAverage
    }
}

function Get-MachineInfo {
    param([string] $RepositoryRoot)
    $cpu = 'unknown CPU'
    if (Test-Path /proc/cpuinfo) { $cpu = ((Get-Content /proc/cpuinfo | Where-Object { $_ -like 'model name*' } | Select-Object -First 1) -split ':\s*', 2)[1] }
    $memory = 'unknown'
    if (Test-Path /proc/meminfo) {
        $kb = [long](((Get-Content /proc/meminfo | Where-Object { $_ -like 'MemTotal:*' }) -split '\s+')[1])
        $memory = '{0:N1} GiB' -f ($kb / 1MB)
    }
    $os = [System.Runtime.InteropServices.RuntimeInformation]::OSDescription
    if (Test-Path /etc/os-release) {
        $pretty = Get-Content /etc/os-release | Where-Object { $_ -like 'PRETTY_NAME=*' } | Select-Object -First 1
        if ($pretty) { $os = ($pretty -replace '^PRETTY_NAME="?|"$', '') + ", kernel $([Environment]::OSVersion.Version)" }
    }
    $node = if (Get-Command node -ErrorAction SilentlyContinue) { (& node --version) } else { 'not installed' }
    $commit = 'unknown'
    if (Get-Command git -ErrorAction SilentlyContinue) {
        $commit = (& git -C $RepositoryRoot rev-parse --short HEAD 2>$null)
        if (& git -C $RepositoryRoot status --porcelain --untracked-files=no 2>$null) { $commit += ' (with uncommitted changes)' }
    }
    return [ordered]@{
        Date       = [DateTime]::UtcNow.ToString('yyyy-MM-dd HH:mm') + ' UTC'
        Commit     = $commit
        CPU        = "$([Environment]::ProcessorCount) logical cores, $cpu"
        Memory     = $memory
        OS         = $os
        '.NET'     = "$([System.Runtime.InteropServices.RuntimeInformation]::FrameworkDescription) (SDK $(& dotnet --version))"
        PowerShell = "$($PSVersionTable.PSVersion)"
        Node       = $node
    }
}

function Format-Number([double] $Value, [string] $Format = 'N0') {
    if ([double]::IsNaN($Value)) { return 'n/a' }
    return $Value.ToString($Format, [Globalization.CultureInfo]::InvariantCulture)
}

function Format-Ratio([double] $Value) { return (Format-Number $Value 'N2') + '×' }

function ConvertTo-MarkdownTable {
    param([Parameter(Mandatory)] [object[]] $Rows, [Parameter(Mandatory)] [string[]] $Columns)
    $lines = [System.Collections.Generic.List[string]]::new()
    $lines.Add('| ' + ($Columns -join ' | ') + ' |')
    $lines.Add('|' + (($Columns | ForEach-Object { '---' }) -join '|') + '|')
    foreach ($row in $Rows) {
        $cells = foreach ($column in $Columns) { ("$($row.$column)" -replace '\|', '\|') }
        $lines.Add('| ' + ($cells -join ' | ') + ' |')
    }
    return $lines
}

<#
Offline token counting: runs bench/TokenizerBench (the tokenizer's own stopwatch benchmark: 10 MB workloads, best of
5, wall clock and per CPU second) with --json. The headline is the slowest workload by wall clock.
#>
function Measure-Tokenizer {
    param([Parameter(Mandatory)] [string] $TokenizerDll, [Parameter(Mandatory)] [string] $WorkDirectory)
    Write-Host '  TokenizerBench ...' -ForegroundColor DarkGray -NoNewline
    $json = Join-Path $WorkDirectory 'tokenizer.json'
    $run = Invoke-ChildProcess -Command @('dotnet', $TokenizerDll, '--json', $json) -TimeoutSec 1800
    if ($run.ExitCode -ne 0 -or -not (Test-Path $json)) {
        $tail = ($run.Output | Select-Object -Last 4) -join ' / '
        Write-Host " failed: $tail" -ForegroundColor Red
        return [pscustomobject]@{ Error = "failed: $tail" }
    }
    $entries = @(Get-Content -Raw $json | ConvertFrom-Json)
    $workloads = @($entries | Where-Object { $_.PSObject.Properties.Name -contains 'tokensPerSecond' } | ForEach-Object {
        [pscustomobject]@{ name = $_.name; tokens = [long]$_.tokens; mTokensPerSecond = $_.tokensPerSecond / 1e6; mTokensPerCpuSecond = $_.tokensPerCpuSecond / 1e6 }
    })
    $slowest = $workloads | Sort-Object mTokensPerSecond | Select-Object -First 1
    $load = $entries | Where-Object { $_.PSObject.Properties.Name -notcontains 'tokensPerSecond' } | Select-Object -First 1
    Write-Host ' done' -ForegroundColor DarkGray
    return [pscustomobject]@{
        workloads = $workloads; minMTokensPerSecond = $slowest.mTokensPerSecond; slowestPerCpuSecond = $slowest.mTokensPerCpuSecond
        vocabularyLoad = if ($load) { "$($load.name): $($load.ms) ms" } else { '' }; loadAverage = Get-LoadAverage
    }
}

<#
The 20 MB image prompt: runs bench/InlineImageMemory (issue 4's benchmark: each path in a fresh child process against its
own in-process emulator, peak working-set growth from VmHWM after a warm-up) with --json. Rows by mode: pwsh =
Invoke-GenerateContent -Path in a whole pwsh process (as the cmdlet sends it: over the 20 MiB request limit the image
goes through the Files API), streamed = the core sending it inline with the base64 streamed into the body,
automatic = the core's automatic switch to the Files API, materialized = the old way (bytes, base64 string, JSON
byte[]) for contrast.
#>
function Measure-ImageMemory {
    param([Parameter(Mandatory)] [string] $ImageMemoryDll, [Parameter(Mandatory)] [string] $ModulePath, [Parameter(Mandatory)] [string] $WorkDirectory)
    Write-Host '  InlineImageMemory ...' -ForegroundColor DarkGray -NoNewline
    $json = Join-Path $WorkDirectory 'image-memory.json'
    $run = Invoke-ChildProcess -Command @('dotnet', $ImageMemoryDll, '--size-mb', '20', '--module', $ModulePath, '--json', $json) `
        -WorkingDirectory (Split-Path $PSScriptRoot | Split-Path) -TimeoutSec 900
    $rows = if (Test-Path $json) { @(Get-Content -Raw $json | ConvertFrom-Json) } else { @() }
    $byMode = @{}
    foreach ($row in $rows) { if ($row.PSObject.Properties.Name -contains 'mode') { $byMode[$row.mode] = $row } }
    if ($run.ExitCode -ne 0 -or -not $byMode.ContainsKey('pwsh') -or -not $byMode.ContainsKey('streamed')) {
        $tail = ($run.Output | Select-Object -Last 4) -join ' / '
        Write-Host " failed: $tail" -ForegroundColor Red
        return [pscustomobject]@{ Error = "failed: $tail" }
    }
    Write-Host ' done' -ForegroundColor DarkGray
    return [pscustomobject]@{ rows = $rows; cmdlet = $byMode['pwsh']; inline = $byMode['streamed']; loadAverage = Get-LoadAverage }
}

Export-ModuleMember -Function Get-PwshCommand, Get-LoadAverage, Get-Median, Invoke-ChildProcess, Invoke-JsonProbe, Measure-Tokenizer, Measure-ImageMemory, Test-ProbeFailed, Measure-ImportTime,
    Get-MachineInfo, Format-Number, Format-Ratio, ConvertTo-MarkdownTable
