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
    $requests = Invoke-RestMethod -Uri ($Emulator.BaseUri.TrimEnd('/') + '/emulator/requests')
    $requests | Where-Object { $_.path -notlike '/emulator/*' }
}

function Clear-EmulatorRequest {
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Emulator)
    $null = Invoke-RestMethod -Method Delete -Uri ($Emulator.BaseUri.TrimEnd('/') + '/emulator/requests')
}

Export-ModuleMember -Function Initialize-GenAITest, Get-EmulatorRequest, Clear-EmulatorRequest
