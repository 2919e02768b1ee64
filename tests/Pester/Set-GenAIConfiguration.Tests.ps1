# Set-GenAIConfiguration: proxies (through a local forward proxy), keys from a SecretManagement vault, and the saved configuration.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:emulator = Initialize-GenAITest
    Add-Type -Path (Join-Path $PSScriptRoot 'TestForwardProxy.cs')
    $script:proxyVariables = 'http_proxy', 'HTTP_PROXY', 'https_proxy', 'HTTPS_PROXY', 'all_proxy', 'ALL_PROXY', 'no_proxy', 'NO_PROXY'
    $script:savedProxyVariables = @{}
    foreach ($name in $proxyVariables) { $savedProxyVariables[$name] = [Environment]::GetEnvironmentVariable($name); [Environment]::SetEnvironmentVariable($name, $null) }
}

AfterAll {
    foreach ($name in $proxyVariables) { [Environment]::SetEnvironmentVariable($name, $savedProxyVariables[$name]) }
    Set-GenAIConfiguration -ClearProxy
    Stop-EmulatorProcess $emulator
}

# Plain http is allowed only to this machine, and a plain-http loopback endpoint never goes through a proxy (the key
# would cross it in clear text), so these tests check that a proxy is never used for the emulator and how a proxy is
# configured and shown; forwarding itself only happens for https endpoints.
Describe 'Proxy' {
    BeforeEach {
        $proxy = [GenAI.Tests.TestForwardProxy]::new()
        Set-GenAIConfiguration -ApiKey $emulator.ApiKey -BaseUri $emulator.BaseUri -ClearProxy
    }

    AfterEach {
        $proxy.Dispose()
        foreach ($name in $proxyVariables) { [Environment]::SetEnvironmentVariable($name, $null) }
        Set-GenAIConfiguration -ClearProxy -BaseUri $emulator.BaseUri
    }

    It 'never sends a plain-http loopback endpoint through a proxy, -Proxy or environment' {
        Set-GenAIConfiguration -Proxy $proxy.Uri
        (Get-GenAIConfiguration).Proxy | Should -Be $proxy.Uri.AbsoluteUri
        (Invoke-GenerateContent 'loopback stays direct').Text | Should -BeLike '*loopback stays direct*'
        Set-GenAIConfiguration -ClearProxy
        $env:HTTP_PROXY = $proxy.Uri.AbsoluteUri
        (Get-GenAIConfiguration).ProxySource | Should -Be 'environment'
        (Invoke-GenerateContent 'still direct' -Stream | ForEach-Object TextOrEmpty) -join '' | Should -BeLike '*still direct*'
        $env:HTTP_PROXY = $null
        $env:HTTPS_PROXY = $proxy.Uri.AbsoluteUri
        $env:ALL_PROXY = $proxy.Uri.AbsoluteUri
        (Invoke-GenerateContent 'https and all proxies too').Text | Should -BeLike '*https and all proxies too*'
        Set-GenAIConfiguration -BaseUri "http://localhost:$(([uri] $emulator.BaseUri).Port)/"
        (Invoke-GenerateContent 'localhost too').Text | Should -BeLike '*localhost too*'
        # Each call has completed, so anything it sent the proxy has been accepted by now.
        $proxy.ConnectionCount | Should -Be 0 -Because 'the key would cross the proxy in clear text'
        @($proxy.RequestLines).Count | Should -Be 0
    }

    It 'shows a -ProxyCredential user, never its password' {
        $credential = [pscredential]::new('svc-genai', (ConvertTo-SecureString 'p@ss word' -AsPlainText -Force))
        Set-GenAIConfiguration -Proxy $proxy.Uri -ProxyCredential $credential
        (Get-GenAIConfiguration).Proxy | Should -Be "$($proxy.Uri.AbsoluteUri) (as svc-genai)"
        Get-GenAIConfiguration | Format-List * | Out-String | Should -Not -Match 'p@ss word'
    }

    It 'takes credentials from a -Proxy URL, and never shows the password' {
        $messages = Set-GenAIConfiguration -Proxy "http://urluser:url-secret-4242@127.0.0.1:$($proxy.Uri.Port)/" -Verbose 4>&1 | Out-String
        $messages | Should -Not -Match 'url-secret-4242'
        $shown = Get-GenAIConfiguration
        $shown.Proxy | Should -Be "$($proxy.Uri.AbsoluteUri) (as urluser)"
        $shown | Format-List * | Out-String | Should -Not -Match 'url-secret-4242'
    }

    It 'shows the proxy environment variables without the credentials in them' {
        $env:http_proxy = "http://envuser:envpass@127.0.0.1:$($proxy.Uri.Port)"
        $env:NO_PROXY = 'internal.example'
        $shown = Get-GenAIConfiguration
        $shown.ProxySource | Should -Be 'environment'
        $shown.Proxy | Should -Match 'no_proxy=internal.example'
        $shown.Proxy | Should -Not -Match 'envpass'
    }

    It 'connects directly with -NoProxy, whatever the environment says' {
        $env:HTTP_PROXY = $proxy.Uri.AbsoluteUri
        Set-GenAIConfiguration -NoProxy
        (Get-GenAIConfiguration).Proxy | Should -Be '(none)'
        (Invoke-GenerateContent 'direct').Text | Should -BeLike '*direct*'
        $proxy.ForwardedCount | Should -Be 0
    }

    It 'refuses conflicting or incomplete proxy parameters' {
        { Set-GenAIConfiguration -Proxy $proxy.Uri -NoProxy } | Should -Throw -ErrorId 'GenAI.ConflictingParameters,GenAI.PowerShell.Commands.SetGenAIConfigurationCommand'
        $credential = [pscredential]::new('u', (ConvertTo-SecureString 'p' -AsPlainText -Force))
        { Set-GenAIConfiguration -ProxyCredential $credential } | Should -Throw -ErrorId 'GenAI.ProxyCredentialWithoutProxy,GenAI.PowerShell.Commands.SetGenAIConfigurationCommand'
        { Set-GenAIConfiguration -Proxy 'ftp://proxy:21' } | Should -Throw -ErrorId 'GenAI.InvalidProxy,GenAI.PowerShell.Commands.SetGenAIConfigurationCommand'
        $err = $null
        try { Set-GenAIConfiguration -Proxy 'ftp://someone:hidden-5150@proxy:21' } catch { $err = $_ }
        "$err $($err.TargetObject)" | Should -Not -Match 'hidden-5150'
    }
}

Describe 'API key from a SecretManagement vault' {
    AfterEach {
        Remove-Item Function:\Get-Secret -ErrorAction SilentlyContinue
        Set-GenAIConfiguration -ApiKey $emulator.ApiKey -BaseUri $emulator.BaseUri
    }

    It 'uses a real vault when Microsoft.PowerShell.SecretManagement is installed' {
        $secretManagement = Get-Module Microsoft.PowerShell.SecretManagement -ListAvailable | Select-Object -First 1
        if (-not $secretManagement) {
            Set-ItResult -Skipped -Because 'Microsoft.PowerShell.SecretManagement is not installed here (and is not on the package feed)'
            return
        }
        # A minimal vault extension module, as SecretManagement's contract describes: <Vault>/<Vault>.Extension/<Vault>.Extension.psm1.
        $vaultRoot = Join-Path $TestDrive 'GenAITestVault'
        $extension = Join-Path $vaultRoot 'GenAITestVault.Extension'
        $null = New-Item -ItemType Directory -Force -Path $extension
        Set-Content (Join-Path $vaultRoot 'GenAITestVault.psd1') "@{ ModuleVersion = '1.0.0'; RootModule = ''; NestedModules = @('GenAITestVault.Extension'); FunctionsToExport = @() }"
        Set-Content (Join-Path $extension 'GenAITestVault.Extension.psd1') "@{ ModuleVersion = '1.0.0'; RootModule = 'GenAITestVault.Extension.psm1'; FunctionsToExport = @('Get-Secret','Set-Secret','Remove-Secret','Get-SecretInfo','Test-SecretVault') }"
        Set-Content (Join-Path $extension 'GenAITestVault.Extension.psm1') @'
$script:store = @{}
function Get-Secret { param([string] $Name, [string] $VaultName, [hashtable] $AdditionalParameters) $script:store[$Name] }
function Set-Secret { param([string] $Name, [object] $Secret, [string] $VaultName, [hashtable] $AdditionalParameters) $script:store[$Name] = $Secret; $true }
function Remove-Secret { param([string] $Name, [string] $VaultName, [hashtable] $AdditionalParameters) $script:store.Remove($Name); $true }
function Get-SecretInfo { param([string] $Filter, [string] $VaultName, [hashtable] $AdditionalParameters)
    foreach ($key in $script:store.Keys) { [Microsoft.PowerShell.SecretManagement.SecretInformation]::new($key, 'SecureString', $VaultName) } }
function Test-SecretVault { param([string] $VaultName, [hashtable] $AdditionalParameters) $true }
'@
        Import-Module $secretManagement.Path
        Register-SecretVault -Name GenAITestVault -ModuleName $vaultRoot
        try {
            Set-Secret -Name GeminiKey -Vault GenAITestVault -Secret (ConvertTo-SecureString $emulator.ApiKey -AsPlainText -Force)
            Set-GenAIConfiguration -ApiKeySecretName GeminiKey -Vault GenAITestVault
            (Get-GenAIConfiguration).ApiKeySource | Should -Be 'SecretManagement (GeminiKey in GenAITestVault)'
            (Invoke-GenerateContent 'from the vault').Text | Should -BeLike '*from the vault*'
        }
        finally { Unregister-SecretVault -Name GenAITestVault }
    }

    It 'reads the key with Get-Secret, whatever module provides it' {
        # Stands in for SecretManagement's Get-Secret (same parameters, same SecureString result): the module's side of the contract.
        function global:Get-Secret {
            param([string] $Name, [string] $Vault)
            if ($Name -ne 'GeminiKey' -or $Vault -ne 'Team') { throw "Get-Secret: secret '$Name' was not found in vault '$Vault'." }
            ConvertTo-SecureString 'emulator-key' -AsPlainText -Force
        }
        Set-GenAIConfiguration -ApiKeySecretName GeminiKey -Vault Team
        $config = Get-GenAIConfiguration
        $config.ApiKeySource | Should -Be 'SecretManagement (GeminiKey in Team)'
        $config.ApiKey | Should -Be '********-key'
        (Invoke-GenerateContent 'secret key').Text | Should -BeLike '*secret key*'
        { Set-GenAIConfiguration -ApiKeySecretName Missing -Vault Team } |
            Should -Throw -ErrorId 'GenAI.ApiKeySecretUnavailable,GenAI.PowerShell.Commands.SetGenAIConfigurationCommand'
    }

    It 'says SecretManagement is missing when there is no Get-Secret' {
        if (Get-Command Get-Secret -ErrorAction Ignore) { Set-ItResult -Skipped -Because 'Get-Secret exists on this machine'; return }
        { Set-GenAIConfiguration -ApiKeySecretName GeminiKey } |
            Should -Throw -ErrorId 'GenAI.SecretManagementNotInstalled,GenAI.PowerShell.Commands.SetGenAIConfigurationCommand'
    }

    It 'refuses -ApiKey with -ApiKeySecretName, and -Vault alone' {
        { Set-GenAIConfiguration -ApiKey 'k' -ApiKeySecretName GeminiKey } | Should -Throw -ErrorId 'GenAI.ConflictingParameters,GenAI.PowerShell.Commands.SetGenAIConfigurationCommand'
        { Set-GenAIConfiguration -Vault Team } | Should -Throw -ErrorId 'GenAI.VaultWithoutSecretName,GenAI.PowerShell.Commands.SetGenAIConfigurationCommand'
    }
}

Describe 'Saved configuration (-Persist)' {
    BeforeAll {
        $script:savedConfigHome = $env:XDG_CONFIG_HOME
        $script:savedAppData = $env:APPDATA
    }
    BeforeEach {
        $configHome = Join-Path $TestDrive ([guid]::NewGuid().ToString('n'))
        $env:XDG_CONFIG_HOME = $configHome
        $env:APPDATA = $configHome
        $file = Join-Path $configHome 'GenAI.PowerShell/configuration.json'
        Set-GenAIConfiguration -ApiKey $emulator.ApiKey -BaseUri $emulator.BaseUri -ClearProxy
    }
    AfterEach {
        Remove-Item Function:\Get-Secret -ErrorAction SilentlyContinue
        $env:XDG_CONFIG_HOME = $savedConfigHome
        $env:APPDATA = $savedAppData
        Set-GenAIConfiguration -ApiKey $emulator.ApiKey -BaseUri $emulator.BaseUri -ClearProxy
    }

    It 'saves the settings, and a new session loads them at import' {
        Set-GenAIConfiguration -ClearApiKey -BaseUri 'http://127.0.0.1:48123' -DefaultModel gemini-2.5-pro -TimeoutSec 42 -MaxRetries 2 -TotalTimeoutSec 300 -NoProxy -Persist
        $file | Should -Exist
        $result = Invoke-TestPwsh -Environment @{ XDG_CONFIG_HOME = $configHome; APPDATA = $configHome } -Script @"
Import-Module '$env:GENAI_TEST_MODULE'
Get-GenAIConfiguration | ConvertTo-Json -Compress
"@
        $loaded = ($result.Output | Where-Object { $_ -like '{*' }) | ConvertFrom-Json
        $loaded.BaseUri | Should -Be 'http://127.0.0.1:48123/'
        $loaded.DefaultModel | Should -Be 'gemini-2.5-pro'
        $loaded.TimeoutSec | Should -Be 42
        $loaded.MaximumRetryCount | Should -Be 2
        $loaded.TotalTimeoutSec | Should -Be 300
        $loaded.Proxy | Should -Be '(none)'
        $loaded.ConfigurationFile | Should -Be $file
    }

    It 'makes the saved file readable and writable by its owner only on Linux and macOS' -Skip:$IsWindows {
        Set-GenAIConfiguration -ClearApiKey -DefaultModel gemini-2.5-pro -Persist
        (Get-Item $file).UnixFileMode | Should -Be ([System.IO.UnixFileMode]'UserRead, UserWrite')
    }

    It 'refuses to save a key given with -ApiKey on Linux and macOS, and writes no file' -Skip:$IsWindows {
        { Set-GenAIConfiguration -ApiKey 'plain-text-key-7777' -Persist } |
            Should -Throw -ErrorId 'GenAI.ApiKeyNotPersisted,GenAI.PowerShell.Commands.SetGenAIConfigurationCommand'
        $file | Should -Not -Exist
    }

    It 'leaves out a key set earlier, with a warning, and saves the rest' -Skip:$IsWindows {
        Set-GenAIConfiguration -ApiKey 'earlier-key-8888'
        Set-GenAIConfiguration -DefaultModel gemini-2.0-flash -Persist -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings | Should -Not -BeNullOrEmpty
        $text = Get-Content -Raw $file
        $text | Should -Not -Match 'earlier-key-8888'
        $text | Should -Match 'gemini-2.0-flash'
    }

    It 'saves the secret name and vault, never the key read from the vault' {
        function global:Get-Secret { param([string] $Name, [string] $Vault) ConvertTo-SecureString 'vault-held-key-5555' -AsPlainText -Force }
        Set-GenAIConfiguration -ApiKeySecretName GeminiKey -Vault Team -Persist
        $saved = Get-Content -Raw $file | ConvertFrom-Json
        $saved.apiKeySecretName | Should -Be 'GeminiKey'
        $saved.vault | Should -Be 'Team'
        Get-Content -Raw $file | Should -Not -Match 'vault-held-key-5555'
        Get-Content -Raw $file | Should -Not -Match ([regex]::Escape($emulator.ApiKey))
    }

    It 'saves no proxy password' {
        $credential = [pscredential]::new('user', (ConvertTo-SecureString 'proxy-secret-6666' -AsPlainText -Force))
        Set-GenAIConfiguration -ClearApiKey -Proxy 'http://proxy.example.com:3128' -ProxyCredential $credential -Persist -WarningAction SilentlyContinue
        Get-Content -Raw $file | Should -Not -Match 'proxy-secret-6666'
        (Get-Content -Raw $file | ConvertFrom-Json).proxy | Should -Be 'http://proxy.example.com:3128/'
    }

    It 'saves a -Proxy URL without the credentials written in it' {
        Set-GenAIConfiguration -ClearApiKey -Proxy 'http://ada:url-pass-9191@proxy.example.com:3128' -Persist -WarningVariable warnings -WarningAction SilentlyContinue
        Get-Content -Raw $file | Should -Not -Match 'url-pass-9191'
        (Get-Content -Raw $file | ConvertFrom-Json).proxy | Should -Be 'http://proxy.example.com:3128/'
        "$warnings" | Should -Match 'proxy credential was not saved'
    }

    It 'writes nothing with -WhatIf, and -ClearPersisted deletes the file' {
        $whatIf = Invoke-WithCapturedHost { Set-GenAIConfiguration -ClearApiKey -DefaultModel gemini-2.5-flash -Persist -WhatIf }
        $whatIf | Should -Match '^What if: .*GenAI configuration'
        $file | Should -Not -Exist
        Set-GenAIConfiguration -ClearApiKey -Persist
        $file | Should -Exist
        Set-GenAIConfiguration -ClearPersisted
        $file | Should -Not -Exist
    }

    It 'warns about a damaged file at import instead of failing' {
        $null = New-Item -ItemType Directory -Force -Path (Split-Path $file)
        Set-Content -Path $file -Value '{ not json'
        $result = Invoke-TestPwsh -Environment @{ XDG_CONFIG_HOME = $configHome; APPDATA = $configHome } -Script @"
`$warnings = Import-Module '$env:GENAI_TEST_MODULE' 3>&1
"imported warnings=`$(@(`$warnings).Count)"
"@
        $result.Output | Should -Contain 'imported warnings=1'
    }
}

Describe 'Changing the configuration while another runspace is mid-call' {
    It 'leaves the client under a running stream alone' {
        Set-GenAIConfiguration -ApiKey $emulator.ApiKey -BaseUri $emulator.BaseUri -ClearProxy
        $retries = (Get-GenAIConfiguration).MaximumRetryCount
        $model = "gated-$([guid]::NewGuid().ToString('n').Substring(0, 8))"
        $ps = [powershell]::Create().AddScript({
                param($ModulePath, $Model)
                Import-Module $ModulePath
                Invoke-GenerateContent 'one two three four' -Model $Model -Stream
            }).AddArgument($env:GENAI_TEST_MODULE).AddArgument($model)
        $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
        $handle = $ps.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]::new(), $output)
        try {
            # Wait for the first chunk (the emulator holds the last one until the gate opens), then change the settings.
            $deadline = [DateTime]::UtcNow.AddSeconds(20)
            while ($output.Count -eq 0 -and -not $handle.IsCompleted -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
            $output.Count | Should -BeGreaterThan 0
            Set-GenAIConfiguration -MaximumRetryCount ($retries + 1)   # a new client for new calls
            (Invoke-GenerateContent 'meanwhile').Text | Should -BeLike '*meanwhile*'
            $null = Invoke-RestMethod -Method Post -Uri "$($emulator.BaseUri.TrimEnd('/'))/emulator/gates/$model/release" -Headers @{ 'x-goog-api-key' = $emulator.ApiKey }
            $ps.EndInvoke($handle)
            @($ps.Streams.Error) | Should -BeNullOrEmpty
            ($output | ForEach-Object TextOrEmpty) -join '' | Should -Be 'Echo: one two three four'
        }
        finally {
            $ps.Dispose()
            Set-GenAIConfiguration -MaximumRetryCount $retries
        }
    }
}
