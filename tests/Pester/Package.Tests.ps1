# build.ps1 package: the .nupkg PSResourceGet makes of out/GenAI is published to a local folder repository,
# installed with Install-PSResource into a temporary home (never the user's), and imported by name in a fresh pwsh.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module Microsoft.PowerShell.PSResourceGet
    $script:moduleBase = Split-Path $env:GENAI_TEST_MODULE
    $script:version = [version](Import-PowerShellDataFile $env:GENAI_TEST_MODULE).ModuleVersion
    $script:olderVersion = if ($version.Build -gt 0) { [version]::new($version.Major, $version.Minor, $version.Build - 1) } else { [version]'0.0.1' }
    $script:work = Join-Path ([IO.Path]::GetTempPath()) "genai-package-$([guid]::NewGuid().ToString('n'))"
    $null = New-Item -ItemType Directory -Path $work

    # The package build.ps1 writes, made the same way from the built module.
    $package = Join-Path $PSScriptRoot '../../build/Package.ps1'
    $script:packOutput = & $package -ModulePath $moduleBase -DestinationPath (Join-Path $work 'new') 6>&1 | Out-String
    $script:nupkg = Join-Path $work "new/GenAI.$version.nupkg"

    # An older release: the same module with a lower version in its manifest.
    $older = New-Item -ItemType Directory -Path (Join-Path $work 'old/GenAI')
    Copy-Item (Join-Path $moduleBase '*') $older -Recurse
    $manifest = Join-Path $older 'GenAI.psd1'
    (Get-Content -Raw $manifest) -replace "ModuleVersion\s*=\s*'[^']*'", "ModuleVersion = '$olderVersion'" | Set-Content $manifest -Encoding utf8
    $null = & $package -ModulePath $older -DestinationPath (Join-Path $work 'old') 6>&1
    $script:olderNupkg = Join-Path $work "old/GenAI.$olderVersion.nupkg"

    # PSResourceGet keeps its repository list and CurrentUser installs under the user's data folder: a temporary one.
    $home_ = Join-Path $work 'home'
    $script:isolated = @{
        HOME = $home_; XDG_DATA_HOME = Join-Path $home_ '.local/share'; XDG_CONFIG_HOME = Join-Path $home_ '.config'; XDG_CACHE_HOME = Join-Path $home_ '.cache'
        GOOGLE_API_KEY = $null; GEMINI_API_KEY = $null; GOOGLE_GEMINI_BASE_URL = $null
    }
    $script:installed = Join-Path $home_ '.local/share/powershell/Modules'
    # .NET gives an empty folder path for a data folder that does not exist, and PSResourceGet would then write its
    # settings relative to the current folder: create them first.
    foreach ($folder in $isolated.XDG_DATA_HOME, $isolated.XDG_CONFIG_HOME, $isolated.XDG_CACHE_HOME) { $null = New-Item -ItemType Directory -Force -Path $folder }
    $script:repository = New-Item -ItemType Directory -Path (Join-Path $work 'repository')
    # A fresh pwsh that finds modules only in the temporary install folder and pwsh's own.
    $script:freshModulePath = $installed + [IO.Path]::PathSeparator + (Join-Path $PSHOME 'Modules')
}

AfterAll {
    Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'build.ps1 package' -Skip:$IsWindows {
    It 'writes GenAI.<version>.nupkg and reports its size' {
        $nupkg | Should -Exist
        $packOutput | Should -Match "GenAI\.$([regex]::Escape("$version"))\.nupkg \([\d.]+ MiB"
    }

    It 'holds the module and what it needs at run time, and nothing of the build or tests' {
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [IO.Compression.ZipFile]::OpenRead($nupkg)
        try { $entries = @($zip.Entries.FullName) } finally { $zip.Dispose() }
        foreach ($needed in 'GenAI.psd1', 'GenAI.psm1', 'GenAI.Format.ps1xml', 'LICENSE', 'en-US/about_GenAI.help.txt',
            'bin/GenAI.PowerShell.dll', 'bin/en-US/GenAI.PowerShell.dll-Help.xml', 'bin/net8.0/GenAI.Core.dll', 'bin/net8.0/GenAI.Transport.Grpc.dll',
            'bin/netstandard2.0/GenAI.Core.dll', 'emulator/GenAI.Emulator.dll', 'emulator/Fixtures/README.md') {
            $entries | Should -Contain $needed
        }
        $entries | Where-Object { $_ -match '\.pdb$|Tests?\.dll$|xunit|testhost|TestPlatform|Pester|/obj/|\.trx$' } | Should -BeNullOrEmpty
    }

    It 'carries a manifest with true gallery fields: version, licence, release notes, no placeholder addresses' {
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [IO.Compression.ZipFile]::OpenRead($nupkg)
        try {
            $entry = $zip.Entries | Where-Object FullName -eq 'GenAI.nuspec'
            $reader = [IO.StreamReader]::new($entry.Open())
            try { $nuspec = [xml]$reader.ReadToEnd() } finally { $reader.Dispose() }
        }
        finally { $zip.Dispose() }
        $metadata = $nuspec.package.metadata
        $metadata.id | Should -Be 'GenAI'
        $metadata.version | Should -Be "$version"
        $metadata.releaseNotes | Should -Match 'First release'
        $metadata.OuterXml | Should -Not -Match 'example\.invalid'
        $metadata.tags | Should -Match 'PSModule'
    }
}

Describe 'Install-PSResource from a local repository' -Skip:$IsWindows {
    BeforeAll {
        $publish = Invoke-TestPwsh -Environment $isolated -Script @"
`$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name GenAITest -Uri '$repository' -Trusted
Publish-PSResource -NupkgPath '$olderNupkg' -Repository GenAITest
Publish-PSResource -NupkgPath '$nupkg' -Repository GenAITest
Install-PSResource -Name GenAI -Version '$olderVersion' -Repository GenAITest -Scope CurrentUser -Quiet
'older:' + ((Get-InstalledPSResource -Name GenAI).Version -join ',')
Install-PSResource -Name GenAI -Repository GenAITest -Scope CurrentUser -Quiet
'both:' + ((Get-InstalledPSResource -Name GenAI | Sort-Object Version).Version -join ',')
"@
    }

    It 'publishes both versions and installs the newer one beside the older one, keeping its settings in the temporary home' {
        $publish.ExitCode | Should -Be 0 -Because ($publish.Output -join "`n")
        $publish.Output | Should -Contain "older:$olderVersion"
        $publish.Output | Should -Contain "both:$olderVersion,$version"
        Join-Path $installed "GenAI/$version/GenAI.psd1" | Should -Exist
        Join-Path $installed "GenAI/$olderVersion/GenAI.psd1" | Should -Exist
        Join-Path $isolated.XDG_DATA_HOME 'PSResourceGet/PSResourceRepository.xml' | Should -FileContentMatch 'GenAITest'
    }

    It 'imports by name in a fresh pwsh (the newest version) and streams a reply from the packaged emulator' {
        $run = Invoke-TestPwsh -Environment ($isolated + @{ PSModulePath = $freshModulePath }) -Script @'
$ErrorActionPreference = 'Stop'
Import-Module GenAI
$module = Get-Module GenAI
"version:$($module.Version)"
"base:$($module.ModuleBase)"
Start-GenAIEmulator -Configure
try {
    $chunks = @(Invoke-GenerateContent 'Hello from the installed package' -Stream)
    "chunks:$($chunks.Count)"
    'text:' + (($chunks | ForEach-Object TextOrEmpty) -join '')
}
finally { Stop-GenAIEmulator }
'@
        $run.ExitCode | Should -Be 0 -Because ($run.Output -join "`n")
        $run.Output | Should -Contain "version:$version"
        $run.Output | Where-Object { $_ -like 'base:*' } | Should -Be "base:$(Join-Path $installed "GenAI/$version")"
        [int](($run.Output | Where-Object { $_ -like 'chunks:*' }) -replace 'chunks:') | Should -BeGreaterThan 1
        $run.Output | Where-Object { $_ -like 'text:*' } | Should -BeLike '*Hello from the installed package*'
    }

    It 'still imports the older version on request, side by side' {
        $run = Invoke-TestPwsh -Environment ($isolated + @{ PSModulePath = $freshModulePath }) -Script @"
`$ErrorActionPreference = 'Stop'
Import-Module GenAI -RequiredVersion '$olderVersion'
'version:' + (Get-Module GenAI).Version
'commands:' + @(Get-Command -Module GenAI).Count
"@
        $run.ExitCode | Should -Be 0 -Because ($run.Output -join "`n")
        $run.Output | Should -Contain "version:$olderVersion"
        [int](($run.Output | Where-Object { $_ -like 'commands:*' }) -replace 'commands:') | Should -BeGreaterThan 20
    }

    It 'uninstalls the older version and keeps the newer one' {
        $run = Invoke-TestPwsh -Environment ($isolated + @{ PSModulePath = $freshModulePath }) -Script @"
`$ErrorActionPreference = 'Stop'
Uninstall-PSResource -Name GenAI -Version '$olderVersion' -Scope CurrentUser
'left:' + ((Get-InstalledPSResource -Name GenAI).Version -join ',')
"@
        $run.ExitCode | Should -Be 0 -Because ($run.Output -join "`n")
        $run.Output | Should -Contain "left:$version"
    }
}
