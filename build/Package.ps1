# Packs the laid-out module (out/GenAI) into GenAI.<version>.nupkg with PSResourceGet, the way the PowerShell
# Gallery receives it, after checking that the layout holds only what the module needs at run time.
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $DestinationPath
)
$ErrorActionPreference = 'Stop'
Import-Module Microsoft.PowerShell.PSResourceGet

$ModulePath = (Resolve-Path $ModulePath).Path
$unwanted = @(Get-ChildItem $ModulePath -Recurse -File | Where-Object {
        $_.Extension -in '.pdb', '.trx' -or $_.Name -match '\.Tests?\.(dll|ps1)$|^(xunit|Microsoft\.TestPlatform|testhost|Pester)'
    })
if ($unwanted) {
    throw "The module layout holds files a user does not need: $(($unwanted | ForEach-Object { $_.FullName.Substring($ModulePath.Length + 1) }) -join ', ')"
}

$version = (Import-PowerShellDataFile (Join-Path $ModulePath 'GenAI.psd1')).ModuleVersion
$null = New-Item -ItemType Directory -Force -Path $DestinationPath
$package = Join-Path $DestinationPath "GenAI.$version.nupkg"
if (Test-Path $package) { Remove-Item $package }
Compress-PSResource -Path $ModulePath -DestinationPath $DestinationPath
if (-not (Test-Path $package)) { throw "Compress-PSResource did not write $package." }
$size = (Get-Item $package).Length
Write-Host ("Package written: {0} ({1:N1} MiB, {2:N0} bytes)" -f $package, ($size / 1MB), $size) -ForegroundColor Green
