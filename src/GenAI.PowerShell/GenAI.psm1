# Loads the compiled cmdlets built for this PowerShell edition: net8.0 on PowerShell 7+, netstandard2.0 on Windows PowerShell 5.1.
# Their dependencies sit in bin/<edition>/dependencies and are resolved by the module itself (GenAI.PowerShell.Loading).
# Import time is measured by bench/Invoke-Benchmark.ps1: keep this file short (argument completers are attributes on the
# cmdlet parameters, not Register-ArgumentCompleter calls here).
$edition = if ($PSVersionTable.PSEdition -eq 'Core') { 'net8.0' } else { 'netstandard2.0' }
$assemblyPath = [IO.Path]::Combine($PSScriptRoot, 'bin', $edition, 'GenAI.PowerShell.dll')
# Hook the dependency resolver before Import-Module reads the cmdlet types (loading the assembly reads nothing).
$null = [System.Reflection.Assembly]::LoadFrom($assemblyPath)
[GenAI.PowerShell.Loading.ModuleInitializer]::Initialize()
Import-Module -Name $assemblyPath -ErrorAction Stop
# $chat.History = $list takes what Start-ChatSession -History takes (a types file would load before the assembly).
Update-TypeData -TypeName GenAI.Core.Chats.ChatHistory -TypeConverter ([GenAI.PowerShell.Input.ChatHistoryConverter]) -Force

# The opt-in saved configuration (Set-GenAIConfiguration -Persist); it never holds a plain-text key.
foreach ($warning in [GenAI.PowerShell.Configuration.ConfigurationFile]::Import()) { Write-Warning $warning }

# The manifest's CmdletsToExport and AliasesToExport name what is exported.
Export-ModuleMember -Cmdlet * -Alias *
