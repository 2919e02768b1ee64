# Child of the benchmark: peak working-set growth of this PowerShell process for Invoke-GenerateContent -Path <image>.
param([string] $ModulePath, [string] $BaseUri, [string] $File)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
Set-GenAIConfiguration -ApiKey emulator-key -BaseUri $BaseUri
$warm = Join-Path ([IO.Path]::GetTempPath()) "genai-bench-warm-$PID.png"
[IO.File]::WriteAllBytes($warm, [byte[]]::new(65536))
try { $null = Invoke-GenerateContent 'Describe' -Path $warm -Model echo } finally { Remove-Item $warm }
[GC]::Collect(); [GC]::WaitForPendingFinalizers(); [GC]::Collect()
if (-not $IsLinux) { throw 'The PowerShell measurement reads /proc (Linux only).' }
[IO.File]::WriteAllText('/proc/self/clear_refs', '5')
$baseline = (Get-Process -Id $PID).WorkingSet64
$reply = Invoke-GenerateContent 'Describe' -Path $File -Model echo
$peak = [long](((Get-Content /proc/self/status | Where-Object { $_ -like 'VmHWM:*' }) -split '\s+')[1]) * 1024
if ($reply.Text -notlike '*fileData image/png*' -and $reply.Text -notlike '*inlineData image/png*') { throw "Unexpected reply: $($reply.Text)" }
@{ mode = 'pwsh'; fileBytes = (Get-Item $File).Length; baseline = $baseline; peak = $peak; method = 'VmHWM' } | ConvertTo-Json -Compress
