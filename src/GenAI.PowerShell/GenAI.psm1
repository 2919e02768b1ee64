# Loads the compiled cmdlets built for this PowerShell edition: net8.0 on PowerShell 7+, netstandard2.0 on Windows PowerShell 5.1.
# Their dependencies sit in bin/<edition>/dependencies and are resolved by the module itself (GenAI.PowerShell.Loading).
$edition = if ($PSVersionTable.PSEdition -eq 'Core') { 'net8.0' } else { 'netstandard2.0' }
$assemblyPath = [IO.Path]::Combine($PSScriptRoot, 'bin', $edition, 'GenAI.PowerShell.dll')
# Hook the dependency resolver before Import-Module reads the cmdlet types (loading the assembly reads nothing).
$null = [System.Reflection.Assembly]::LoadFrom($assemblyPath)
[GenAI.PowerShell.Loading.ModuleInitializer]::Initialize()
$binary = Import-Module -Name $assemblyPath -PassThru -ErrorAction Stop
$commands = [string[]]$binary.ExportedCmdlets.Keys

# Argument completers, registered for every cmdlet of the module by parameter name (a cmdlet without that parameter never asks).
$modelCompleter = {
    param($commandName, $parameterName, $wordToComplete, $commandAst, $fakeBoundParameters)
    [GenAI.PowerShell.Completers.ModelCompleter]::new().CompleteArgument($commandName, $parameterName, $wordToComplete, $commandAst, $fakeBoundParameters)
}
$safetyCompleter = {
    param($commandName, $parameterName, $wordToComplete, $commandAst, $fakeBoundParameters)
    [GenAI.PowerShell.Completers.SafetyCompleter]::new().CompleteArgument($commandName, $parameterName, $wordToComplete, $commandAst, $fakeBoundParameters)
}
$mimeTypeCompleter = {
    param($commandName, $parameterName, $wordToComplete, $commandAst, $fakeBoundParameters)
    [GenAI.PowerShell.Completers.MimeTypeCompleter]::new().CompleteArgument($commandName, $parameterName, $wordToComplete, $commandAst, $fakeBoundParameters)
}
Register-ArgumentCompleter -CommandName $commands -ParameterName 'Model' -ScriptBlock $modelCompleter
Register-ArgumentCompleter -CommandName $commands -ParameterName 'DefaultModel' -ScriptBlock $modelCompleter
Register-ArgumentCompleter -CommandName 'Get-GenAIModel' -ParameterName 'Name' -ScriptBlock $modelCompleter
foreach ($parameter in 'Category', 'HarmCategory', 'Threshold') {
    Register-ArgumentCompleter -CommandName $commands -ParameterName $parameter -ScriptBlock $safetyCompleter
}
foreach ($parameter in 'MimeType', 'ResponseMimeType') {
    Register-ArgumentCompleter -CommandName $commands -ParameterName $parameter -ScriptBlock $mimeTypeCompleter
}

# The opt-in saved configuration (Set-GenAIConfiguration -Persist); it never holds a plain-text key.
foreach ($warning in [GenAI.PowerShell.Configuration.ConfigurationFile]::Import()) { Write-Warning $warning }

Export-ModuleMember -Cmdlet $commands -Alias ([string[]]$binary.ExportedAliases.Keys)
