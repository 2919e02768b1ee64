# A proxy is really used for an endpoint that is not loopback: https to a test-only name (gemini.test) goes through a
# local CONNECT proxy, which records the tunnel's target and joins it to the emulator's TLS listener. The module trusts
# the emulator's self-signed certificate only because the child process's OpenSSL is pointed at it (SSL_CERT_FILE):
# the module itself has no way to trust a test certificate, and no such way is added. Without the proxy the name does
# not resolve, so the call can only succeed through it.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Add-Type -Path (Join-Path $PSScriptRoot 'TestForwardProxy.cs')
    $script:certificate = Join-Path ([IO.Path]::GetTempPath()) "genai-test-$([guid]::NewGuid().ToString('n')).pem"
    $script:emulator = Initialize-GenAITest -EmulatorArguments @('--tls-name', 'gemini.test', '--tls-cert-out', $certificate)
    $line = $emulator.Process.StandardOutput.ReadLine()
    $line | Should -Match '^GenAI emulator TLS listening on https://'
    $script:tlsPort = ([uri]($line -replace '^GenAI emulator TLS listening on ', '')).Port
    $script:proxy = [GenAI.Tests.TestForwardProxy]::new()
    $proxy.Tunnels['gemini.test:443'] = $tlsPort

    # Runs one call in a fresh process that trusts only the emulator's certificate; returns its output lines.
    function script:Invoke-ThroughProxy([string] $Prompt, [string] $ProxyParameter, [hashtable] $Environment = @{}) {
        $Environment['SSL_CERT_FILE'] = $certificate
        $result = Invoke-TestPwsh -Environment $Environment -Script @"
Import-Module '$env:GENAI_TEST_MODULE'
Set-GenAIConfiguration -ApiKey (ConvertTo-SecureString '$($emulator.ApiKey)' -AsPlainText -Force) -BaseUri 'https://gemini.test/' $ProxyParameter
try { 'TEXT=' + (Invoke-GenerateContent '$Prompt' -Model gemini-2.5-flash -MaximumRetryCount 0 -TimeoutSec 20 -ErrorAction Stop).Text }
catch { 'ERROR=' + `$_.FullyQualifiedErrorId }
"@
        $result.Output
    }
}

AfterAll {
    if ($proxy) { $proxy.Dispose() }
    if ($emulator) { $emulator | Stop-EmulatorProcess }
    if ($certificate) { Remove-Item $certificate -ErrorAction SilentlyContinue }
}

Describe 'Proxy for a non-loopback https endpoint' -Skip:(-not $IsLinux) {
    BeforeEach {
        Clear-EmulatorRequest $emulator
        $seen = $null
        while ($proxy.RequestLines.TryDequeue([ref] $seen)) { }
    }

    It 'tunnels the call through -Proxy with CONNECT to the endpoint''s host' {
        $output = Invoke-ThroughProxy 'through the proxy' "-Proxy '$($proxy.Uri)'"
        $output | Should -Contain 'TEXT=Echo: through the proxy'
        @($proxy.RequestLines) | Should -Contain 'CONNECT gemini.test:443 HTTP/1.1'
        $calls = @(Get-EmulatorRequest $emulator | Where-Object path -eq '/v1beta/models/gemini-2.5-flash:generateContent')
        $calls.Count | Should -Be 1 -Because 'the request reached the emulator only through the tunnel'
    }

    It 'tunnels the call through the HTTPS_PROXY environment variable' {
        $output = Invoke-ThroughProxy 'through the environment' '' @{ HTTPS_PROXY = $proxy.Uri.AbsoluteUri }
        $output | Should -Contain 'TEXT=Echo: through the environment'
        @($proxy.RequestLines) | Should -Contain 'CONNECT gemini.test:443 HTTP/1.1'
    }

    It 'cannot reach the endpoint without the proxy (so the tests above prove the proxy was used)' {
        $output = Invoke-ThroughProxy 'no proxy' '-NoProxy'
        ($output -join "`n") | Should -Match 'ERROR=GenAI\.'
        @($proxy.RequestLines).Count | Should -Be 0
        @(Get-EmulatorRequest $emulator | Where-Object path -like '/v1beta/models/*').Count | Should -Be 0
    }
}
