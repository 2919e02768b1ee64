# Runs the Pester suite in this (child) process against the built module and writes a summary for build.ps1.
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $SummaryPath,
    # Part of the test file names to run; empty runs all.
    [string] $Filter = '',
    # Runs only the tests with these Pester tags (e.g. Smoke), from the files that use them.
    [string[]] $Tag = @()
)
$ErrorActionPreference = 'Stop'
$packages = (& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', ''
$pester = Join-Path $packages.Trim() 'pester/5.7.1/tools/Pester.psd1'
if (-not (Test-Path $pester)) { throw "Pester 5.7.1 is not in the NuGet cache ($pester). Run: dotnet restore build/tools.csproj" }
Import-Module $pester -MinimumVersion 5.7.1

$env:GENAI_TEST_MODULE = (Resolve-Path $ModulePath).Path
$config = New-PesterConfiguration
$files = Get-ChildItem $PSScriptRoot -Filter "*$Filter*.Tests.ps1" -Recurse
if ($Tag) {
    # Discovery runs every file given; the files that never name a tag would only be discovered to be filtered out.
    $files = $files | Where-Object { $text = Get-Content -Raw $_.FullName; $Tag | Where-Object { $text -match "-Tag\s+[^\r\n]*'$([regex]::Escape($_))'" } }
    $config.Filter.Tag = $Tag
}
if (-not $files) {
    Write-Host "No Pester test file matches '$Filter'$(if ($Tag) { " with the tag(s) $($Tag -join ', ')" })."
    [pscustomobject]@{ Passed = 0; Failed = 0; Skipped = 0 } | ConvertTo-Json | Set-Content -Path $SummaryPath -Encoding utf8
    return
}
$config.Run.Path = $files | ForEach-Object FullName
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Normal'
$config.TestResult.Enabled = $true
$config.TestResult.OutputFormat = 'NUnitXml'
# pester-summary.json -> pester-results.xml, pester-smoke-summary.json -> pester-smoke-results.xml
$config.TestResult.OutputPath = Join-Path (Split-Path $SummaryPath) (((Split-Path -LeafBase $SummaryPath) -replace '-summary$', '') + '-results.xml')
$result = Invoke-Pester -Configuration $config

[pscustomobject]@{
    Passed  = $result.PassedCount
    Failed  = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
    # Tests left out by -Tag are not skipped ones.
    Skipped = $result.SkippedCount + $(if ($Tag) { 0 } else { $result.NotRunCount })
} | ConvertTo-Json | Set-Content -Path $SummaryPath -Encoding utf8
