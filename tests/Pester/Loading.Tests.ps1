# How the module loads: one cmdlet assembly (bin/) for both editions; the core and its dependencies from bin/net8.0 in
# their own load context on PowerShell 7 (coexisting with other versions loaded by other modules), nothing third-party
# loaded at import, and the netstandard2.0 build's resolver.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:moduleBase = Split-Path $env:GENAI_TEST_MODULE
    $script:dependencies = Join-Path $moduleBase 'bin/net8.0'
    # Prints which load context holds an assembly: Default, or the type of the module's own context.
    $script:contextOf = 'function ContextOf($a) { $c = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($a); if ($c -eq [System.Runtime.Loader.AssemblyLoadContext]::Default) { ''Default'' } else { $c.GetType().FullName } }'
}

Describe 'Loading GenAI in PowerShell 7' {
    It 'loads GenAI.Core and its dependencies into the module''s own load context, the cmdlets into the default one' {
        $result = Invoke-TestPwsh -Script @"
$contextOf
Import-Module '$env:GENAI_TEST_MODULE'
`$core = [GenAI.Core.GenAIClient].Assembly
ContextOf `$core
`$core.Location
ContextOf ([GenAI.PowerShell.Commands.InvokeGenerateContentCommand].Assembly)
"@
        $result.ExitCode | Should -Be 0 -Because ($result.Output -join "`n")
        $result.Output[0] | Should -Be 'GenAI.PowerShell.Loading.DependencyLoadContext'
        $result.Output[1] | Should -Be (Join-Path $dependencies 'GenAI.Core.dll')
        $result.Output[2] | Should -Be 'Default'
    }

    It 'loads no third-party dependency at import (they load on first use)' {
        $result = Invoke-TestPwsh -Script @"
Import-Module '$env:GENAI_TEST_MODULE'
`$ours = @(Get-ChildItem '$dependencies' -Filter *.dll | Where-Object Name -notlike 'GenAI.*' | ForEach-Object BaseName)
[AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -in `$ours } | ForEach-Object { `$_.GetName().Name }
'done'
"@
        $result.Output | Should -Be @('done')
    }

    It 'keeps working when another module loaded a different version of one of its dependencies first' {
        $candidates = [ordered]@{ 'Polly.Core' = '8.1.0'; 'Google.Protobuf' = '3.21.9' }
        $shipped = @($candidates.Keys | Where-Object { Test-Path (Join-Path $dependencies "$_.dll") })
        if (-not $shipped) {
            Set-ItResult -Skipped -Because 'the net8.0 build ships no third-party dependency (Polly.Core or Google.Protobuf) to conflict with'
            return
        }
        $name = $shipped[0]
        $other = Get-ChildItem (Join-Path (Get-TestPackagePath $name $candidates[$name]) 'lib') -Recurse -Filter "$name.dll" |
            Where-Object { $_.Directory.Name -match '^net\d' } | Sort-Object { $_.Directory.Name } -Descending | Select-Object -First 1
        $other | Should -Not -BeNullOrEmpty -Because "dotnet restore build/tools.csproj downloads $name $($candidates[$name])"
        $result = Invoke-TestPwsh -Script @"
$contextOf
`$ErrorActionPreference = 'Stop'
`$conflicting = [System.Reflection.Assembly]::LoadFrom('$($other.FullName)')   # what another module would have done
Import-Module '$env:GENAI_TEST_MODULE'
Start-GenAIEmulator -Configure
try {
    'text=' + ((Invoke-GenerateContent 'isolated dependencies' -Stream | ForEach-Object TextOrEmpty) -join '')
    # Over gRPC as well, so every shipped dependency is in use (Polly.Core on every call, Google.Protobuf over gRPC).
    if ((Get-Command Invoke-GenerateContent).Parameters.ContainsKey('Transport')) {
        'grpc=' + ((Invoke-GenerateContent 'isolated over grpc' -Transport Grpc -Stream | ForEach-Object TextOrEmpty) -join '')
    }
}
finally { Stop-GenAIEmulator }
foreach (`$assembly in [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq '$name' }) {
    'loaded=' + (ContextOf `$assembly) + '|' + `$assembly.Location
}
"@
        $result.ExitCode | Should -Be 0 -Because ($result.Output -join "`n")
        ($result.Output | Where-Object { $_ -like 'text=*' }) | Should -BeLike '*isolated dependencies*'
        $result.Output | Where-Object { $_ -like 'grpc=*' } | ForEach-Object { $_ | Should -BeLike '*isolated over grpc*' }
        $loaded = @($result.Output | Where-Object { $_ -like 'loaded=*' })
        $loaded | Should -HaveCount 2 -Because 'the other version stays loaded and the module uses its own'
        $loaded | Should -Contain "loaded=Default|$($other.FullName)"
        $loaded | Should -Contain "loaded=GenAI.PowerShell.Loading.DependencyLoadContext|$(Join-Path $dependencies "$name.dll")"
    }

    It 'resolves [GenAI.Core...] type names although GenAI.Core is in its own load context' {
        $result = Invoke-TestPwsh -Script @"
Import-Module '$env:GENAI_TEST_MODULE'
[GenAI.Core.Protocol.GenerateContentResponse].FullName
(New-Object GenAI.Core.Protocol.Content).GetType().Name
"@
        $result.Output | Should -Be @('GenAI.Core.Protocol.GenerateContentResponse', 'Content')
    }
}

Describe 'The netstandard2.0 build (the one Windows PowerShell 5.1 loads)' {
    It 'resolves GenAI.Core and its dependencies from bin/netstandard2.0 by LoadFrom, as on Windows PowerShell, and works' {
        $folder = Join-Path $moduleBase 'bin/netstandard2.0'
        $result = Invoke-TestPwsh -Environment @{ GENAI_POWERSHELL_EDITION = 'netstandard2.0' } -Script @"
$contextOf
`$ErrorActionPreference = 'Stop'
Import-Module '$env:GENAI_TEST_MODULE'
Start-GenAIEmulator -Configure
try { (Invoke-GenerateContent 'from netstandard2.0').Text } finally { Stop-GenAIEmulator }
foreach (`$assembly in [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -in 'GenAI.Core', 'Polly.Core' }) {
    (ContextOf `$assembly) + '|' + `$assembly.Location
}
"@
        $result.ExitCode | Should -Be 0 -Because ($result.Output -join "`n")
        $result.Output[0] | Should -BeLike '*from netstandard2.0*'
        $result.Output | Should -Contain "Default|$(Join-Path $folder 'GenAI.Core.dll')"
        $result.Output | Should -Contain "Default|$(Join-Path $folder 'Polly.Core.dll')"
    }
}

Describe 'GENAI_POWERSHELL_EDITION: which build of the core the module loads' -Tag 'Smoke' {
    It 'loads the build it names (the smoke pass runs with netstandard2.0), or else the one made for this edition' {
        Import-Module $env:GENAI_TEST_MODULE
        $expected = if ($env:GENAI_POWERSHELL_EDITION) { $env:GENAI_POWERSHELL_EDITION } elseif ($PSVersionTable.PSEdition -eq 'Core') { 'net8.0' } else { 'netstandard2.0' }
        (Get-Command Invoke-GenerateContent).DLL | Should -Be (Join-Path $moduleBase 'bin/GenAI.PowerShell.dll')
        [GenAI.Core.GenAIClient].Assembly.Location | Should -Be (Join-Path $moduleBase "bin/$expected/GenAI.Core.dll")
    }

    It 'under PowerShell 7 with netstandard2.0: streams and answers, and -Transport Grpc falls back to REST saying why' {
        $result = Invoke-TestPwsh -Environment @{ GENAI_POWERSHELL_EDITION = 'netstandard2.0' } -Script @"
`$ErrorActionPreference = 'Stop'
Import-Module '$env:GENAI_TEST_MODULE'
'core=' + [GenAI.Core.GenAIClient].Assembly.Location
Start-GenAIEmulator -Configure
try {
    'stream=' + ((Invoke-GenerateContent 'netstandard stream' -Stream | ForEach-Object TextOrEmpty) -join '')
    Set-GenAIConfiguration -Transport Grpc -GrpcUri 'http://127.0.0.1:1/'
    'note=' + (Get-GenAIConfiguration).TransportNote
    `$verbose = Invoke-GenerateContent 'over rest after all' -Verbose 4>&1
    'reply=' + (`$verbose | Where-Object { `$_ -isnot [System.Management.Automation.VerboseRecord] }).Text
    'verbose=' + ((`$verbose | Where-Object { `$_ -is [System.Management.Automation.VerboseRecord] }) -join ' | ')
}
finally { Stop-GenAIEmulator }
"@
        $result.ExitCode | Should -Be 0 -Because ($result.Output -join "`n")
        $result.Output | Should -Contain 'stream=Echo: netstandard stream'
        ($result.Output | Where-Object { $_ -like 'core=*' }) | Should -Be "core=$(Join-Path $moduleBase 'bin/netstandard2.0/GenAI.Core.dll')"
        ($result.Output | Where-Object { $_ -like 'note=*' }) | Should -BeLike '*gRPC transport needs .NET 8 or later*Using REST.'
        $result.Output | Should -Contain 'reply=Echo: over rest after all'
        ($result.Output | Where-Object { $_ -like 'verbose=*' }) | Should -BeLike '*gRPC transport needs .NET 8 or later*'
    }

    It 'refuses a value it does not know, naming the variable and what to set it to' {
        $result = Invoke-TestPwsh -Environment @{ GENAI_POWERSHELL_EDITION = 'net48' } -Script "`$ErrorActionPreference = 'Stop'; Import-Module '$env:GENAI_TEST_MODULE'"
        $result.ExitCode | Should -Not -Be 0
        ($result.Output -join "`n") | Should -BeLike "*GENAI_POWERSHELL_EDITION is 'net48': set it to net8.0 or netstandard2.0*"
    }
}
