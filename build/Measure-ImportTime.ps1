<#
.SYNOPSIS
    Prints how long Import-Module GenAI adds to a bare PowerShell start (target: 60 ms or less). A benchmark, not a test.
.EXAMPLE
    dotnet pwsh ./build/Measure-ImportTime.ps1 -ModulePath ./out/GenAI/GenAI.psd1 -Runs 7
#>
param([Parameter(Mandatory)] [string] $ModulePath, [int] $Runs = 7)
$ErrorActionPreference = 'Stop'
$module = (Resolve-Path $ModulePath).Path
$self = Get-Process -Id $PID
$pwsh = if ($self.ProcessName -eq 'dotnet') { @('dotnet', (Join-Path $PSHOME 'pwsh.dll')) } else { @($self.Path) }
$prefix = @($pwsh | Select-Object -Skip 1)

function Measure-Start([string] $Command) {
    $times = foreach ($i in 1..$Runs) {
        $watch = [Diagnostics.Stopwatch]::StartNew()
        & $pwsh[0] @prefix -NoProfile -NonInteractive -Command $Command | Out-Null
        $watch.Elapsed.TotalMilliseconds
    }
    ($times | Sort-Object)[[int][math]::Floor($Runs / 2)]
}

$bare = Measure-Start 'exit'
$imported = Measure-Start "Import-Module '$module'; exit"
$inProcess = & $pwsh[0] @prefix -NoProfile -NonInteractive -Command "`$w = [Diagnostics.Stopwatch]::StartNew(); Import-Module '$module'; `$w.Elapsed.TotalMilliseconds"
'{0,-38} {1,8:N0} ms' -f 'pwsh start (median)', $bare
'{0,-38} {1,8:N0} ms' -f 'pwsh start + Import-Module (median)', $imported
'{0,-38} {1,8:N0} ms' -f 'added by the import', ($imported - $bare)
'{0,-38} {1,8:N0} ms' -f 'Import-Module, timed inside pwsh', [double]$inProcess
