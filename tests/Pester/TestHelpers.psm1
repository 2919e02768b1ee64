# Shared set-up for the Pester tests: the built module and a private emulator per test file.
Import-Module (Join-Path $PSScriptRoot '../../build/EmulatorProcess.psm1') -Global -Force

function Initialize-GenAITest {
    [CmdletBinding()]
    param([string[]] $EmulatorArguments = @(), [string] $ApiKey = 'emulator-key')
    Import-Module $env:GENAI_TEST_MODULE -Force -Global
    $emulator = Start-EmulatorProcess -ModuleBase (Split-Path $env:GENAI_TEST_MODULE) -ExtraArguments $EmulatorArguments -ApiKey $ApiKey
    Remove-Item Env:GOOGLE_API_KEY, Env:GEMINI_API_KEY, Env:GOOGLE_GEMINI_BASE_URL -ErrorAction SilentlyContinue
    Set-GenAIConfiguration -ApiKey $emulator.ApiKey -BaseUri $emulator.BaseUri
    return $emulator
}

function Get-EmulatorRequest {
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Emulator)
    $requests = Invoke-RestMethod -Uri ($Emulator.BaseUri.TrimEnd('/') + '/emulator/requests') -Headers @{ 'x-goog-api-key' = $Emulator.ApiKey }
    $requests | Where-Object { $_.path -notlike '/emulator/*' }
}

function Clear-EmulatorRequest {
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Emulator)
    $null = Invoke-RestMethod -Method Delete -Uri ($Emulator.BaseUri.TrimEnd('/') + '/emulator/requests') -Headers @{ 'x-goog-api-key' = $Emulator.ApiKey }
}

# Runs a script in a fresh PowerShell (same edition and host as this one) and returns its output lines.
# Used where a test needs a clean process: module import side effects, assembly loading, saved configuration.
function Invoke-TestPwsh {
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $Script, [hashtable] $Environment = @{})
    $self = Get-Process -Id $PID
    $command = if ($self.ProcessName -eq 'dotnet') { @('dotnet', (Join-Path $PSHOME 'pwsh.dll')) } else { @($self.Path) }
    $file = Join-Path ([IO.Path]::GetTempPath()) "genai-test-$([guid]::NewGuid().ToString('n')).ps1"
    Set-Content -Path $file -Value $Script -Encoding utf8
    $saved = @{}
    foreach ($name in $Environment.Keys) { $saved[$name] = [Environment]::GetEnvironmentVariable($name); [Environment]::SetEnvironmentVariable($name, $Environment[$name]) }
    try {
        $prefix = @($command | Select-Object -Skip 1)
        $output = & $command[0] @prefix -NoProfile -NonInteractive -File $file 2>&1
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = @($output | ForEach-Object { "$_" }) }
    }
    finally {
        foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
        Remove-Item $file -ErrorAction SilentlyContinue
    }
}

# Runs a script block in a runspace of its own (the module imported; its configuration is process-wide) on a host that
# keeps the host lines instead of printing them; returns those lines. For -WhatIf, whose "What if:" lines reach the host only.
function Invoke-WithCapturedHost {
    [CmdletBinding()]
    param([Parameter(Mandatory)] [scriptblock] $ScriptBlock, [object[]] $ArgumentList = @())
    if (-not ('GenAI.Tests.CapturingHost' -as [type])) { Add-Type -Path (Join-Path $PSScriptRoot 'CapturingHost.cs') }
    $captureHost = [GenAI.Tests.CapturingHost]::new()
    $runspace = [runspacefactory]::CreateRunspace($captureHost)
    $runspace.Open()
    try {
        $ps = [powershell]::Create()
        $ps.Runspace = $runspace
        $null = $ps.AddScript("Import-Module '$env:GENAI_TEST_MODULE'").AddStatement().AddScript($ScriptBlock.ToString())
        foreach ($argument in $ArgumentList) { $null = $ps.AddArgument($argument) }
        $null = $ps.Invoke()
        if ($ps.Streams.Error.Count -gt 0) { throw $ps.Streams.Error[0] }
        @($captureHost.Lines)
    }
    finally { $runspace.Dispose() }
}

# The folder of a package in the NuGet cache (restored by build/tools.csproj).
function Get-TestPackagePath {
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $Id, [Parameter(Mandatory)] [string] $Version)
    $packages = ((& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim()
    Join-Path $packages "$($Id.ToLowerInvariant())/$Version"
}

Export-ModuleMember -Function Initialize-GenAITest, Get-EmulatorRequest, Clear-EmulatorRequest, Invoke-TestPwsh, Get-TestPackagePath, Invoke-WithCapturedHost
