# Loads the compiled cmdlets built for this PowerShell edition: net8.0 on PowerShell 7+, netstandard2.0 on Windows PowerShell 5.1.
$edition = if ($PSVersionTable.PSEdition -eq 'Core') { 'net8.0' } else { 'netstandard2.0' }
$binary = Import-Module -Name ([IO.Path]::Combine($PSScriptRoot, 'bin', $edition, 'GenAI.PowerShell.dll')) -PassThru -ErrorAction Stop
Export-ModuleMember -Cmdlet ([string[]]$binary.ExportedCmdlets.Keys) -Alias ([string[]]$binary.ExportedAliases.Keys)
