# Loads the compiled cmdlets built for this PowerShell edition: net8.0 on PowerShell 7+, netstandard2.0 on Windows PowerShell 5.1.
# Their dependencies sit in bin/<edition>/dependencies and are resolved by the module itself (GenAI.PowerShell.Loading).
#
# GENAI_POWERSHELL_EDITION=netstandard2.0 (or net8.0) picks the build instead, for testing: with it PowerShell 7 loads the
# build Windows PowerShell 5.1 loads (./build.ps1 test runs the Smoke-tagged Pester tests that way). It is read at import
# only; the netstandard2.0 build has no gRPC transport (-Transport Grpc falls back to REST and says why).
#
# Import time is measured by bench/Invoke-Benchmark.ps1 (bench/README.md, "Where the import time goes"): keep this file
# short. Argument completers are attributes on the cmdlet parameters, not Register-ArgumentCompleter calls here; the
# module's types are reached through the loaded assembly and paths are built as strings rather than through [type]
# literals, whose first resolution scans every loaded assembly. Written this way (no [IO.Path], no foreach) it imports
# about 15 ms faster than before (bench/RESULTS.md).
$edition = if ($PSVersionTable.PSEdition -eq 'Core') { 'net8.0' } else { 'netstandard2.0' }
if ($env:GENAI_POWERSHELL_EDITION) {
    if ($env:GENAI_POWERSHELL_EDITION -notin 'net8.0', 'netstandard2.0') {
        throw "GENAI_POWERSHELL_EDITION is '$env:GENAI_POWERSHELL_EDITION': set it to net8.0 or netstandard2.0, or remove it to load the build made for this PowerShell."
    }
    if ($env:GENAI_POWERSHELL_EDITION -eq 'net8.0' -and $PSVersionTable.PSEdition -ne 'Core') {
        throw 'GENAI_POWERSHELL_EDITION is net8.0, which needs PowerShell 7 or later: remove it to load the netstandard2.0 build on Windows PowerShell.'
    }
    $edition = $env:GENAI_POWERSHELL_EDITION
}
$assemblyPath = "$PSScriptRoot/bin/$edition/GenAI.PowerShell.dll"   # '/' works on Windows too
# Hook the dependency resolver before Import-Module reads the cmdlet types (loading the assembly reads nothing).
$assembly = [System.Reflection.Assembly]::LoadFrom($assemblyPath)
$assembly.GetType('GenAI.PowerShell.Loading.ModuleInitializer', $true)::Initialize()
Import-Module -Name $assemblyPath -ErrorAction Stop
# $chat.History = $list takes what Start-ChatSession -History takes (a types file would load before the assembly).
Update-TypeData -TypeName GenAI.Core.Chats.ChatHistory -TypeConverter $assembly.GetType('GenAI.PowerShell.Input.ChatHistoryConverter', $true) -Force

# The opt-in saved configuration (Set-GenAIConfiguration -Persist); it never holds a plain-text key.
$assembly.GetType('GenAI.PowerShell.Configuration.ConfigurationFile', $true)::Import() | Write-Warning

# The manifest's CmdletsToExport and AliasesToExport name what is exported.
Export-ModuleMember -Cmdlet * -Alias *
