# Imports the compiled cmdlets: bin/GenAI.PowerShell.dll, the same assembly for both editions. Its ModuleInitializer
# picks and hooks the build of the core for this PowerShell (bin/net8.0 or bin/netstandard2.0; GENAI_POWERSHELL_EDITION
# overrides it, for testing) and applies the saved configuration (Set-GenAIConfiguration -Persist).
#
# Import time is measured by bench/Invoke-Benchmark.ps1 (bench/README.md, "Where the import time goes"): each statement
# here costs milliseconds at every import, so whatever the assembly can do is done there.
Import-Module -Name "$PSScriptRoot/bin/GenAI.PowerShell.dll" -ErrorAction Stop
if ($warnings = [GenAI.PowerShell.Loading.ModuleInitializer]::TakeImportWarnings()) { $warnings | Write-Warning }
