# Start-GenAIEmulator / Stop-GenAIEmulator, and the Pester example of about_GenAI run exactly as shipped.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module $env:GENAI_TEST_MODULE -Force
    Remove-Item Env:GOOGLE_API_KEY, Env:GEMINI_API_KEY, Env:GOOGLE_GEMINI_BASE_URL -ErrorAction SilentlyContinue
}

Describe 'Start-GenAIEmulator' {
    AfterEach {
        Stop-GenAIEmulator   # whatever the test (or a failed assertion) left running
    }

    It 'starts an emulator on a free loopback port and writes it with -PassThru' {
        $emulator = Start-GenAIEmulator -PassThru
        $emulator.BaseUri.Host | Should -Be '127.0.0.1'
        $emulator.Port | Should -BeGreaterThan 0
        $emulator.ApiKey | Should -Match '^emu-[0-9a-f]{32}$'
        (Get-Process -Id $emulator.ProcessId).Id | Should -Be $emulator.ProcessId
        $models = Invoke-RestMethod -Uri "$($emulator.BaseUri)v1beta/models" -Headers @{ 'x-goog-api-key' = $emulator.ApiKey } -NoProxy
        $models.models.name | Should -Contain 'models/gemini-2.5-flash'
    }

    It 'has a new random key at each start, and -Configure uses it' {
        $first = Start-GenAIEmulator -PassThru
        $second = Start-GenAIEmulator -Configure -PassThru
        try {
            $second.ApiKey | Should -Not -Be $first.ApiKey
            (Get-GenAIConfiguration).ApiKey | Should -Be ('********' + $second.ApiKey.Substring($second.ApiKey.Length - 4))
            (Invoke-GenerateContent 'random key').Text | Should -BeLike '*random key*'
        }
        finally { Stop-GenAIEmulator; Set-GenAIConfiguration -ClearApiKey -ClearBaseUri -ClearProxy }
    }

    It 'guards its control endpoints with its key, and refuses a Host that is not a loopback name' {
        $emulator = Start-GenAIEmulator -PassThru
        $base = $emulator.BaseUri.AbsoluteUri.TrimEnd('/')
        $anonymous = Invoke-WebRequest -Method Delete -Uri "$base/emulator/requests" -SkipHttpErrorCheck -NoProxy
        $anonymous.StatusCode | Should -Be 403
        $wrong = Invoke-WebRequest -Method Post -Uri "$base/emulator/reset" -Headers @{ 'x-goog-api-key' = 'guessed' } -SkipHttpErrorCheck -NoProxy
        $wrong.StatusCode | Should -Be 400
        ($wrong.Content | ConvertFrom-Json).error.details[0].reason | Should -Be 'API_KEY_INVALID'
        (Invoke-WebRequest -Method Delete -Uri "$base/emulator/requests" -Headers @{ 'x-goog-api-key' = $emulator.ApiKey } -NoProxy).StatusCode | Should -Be 200
        (Invoke-WebRequest -Uri "$base/emulator/health" -NoProxy).StatusCode | Should -Be 200

        # A page whose own name was rebound to 127.0.0.1 sends its own Host: refused, even with the key.
        $rebound = Invoke-WebRequest -Uri "$base/v1beta/models" -Headers @{ Host = "attacker.example:$($emulator.Port)"; 'x-goog-api-key' = $emulator.ApiKey } -SkipHttpErrorCheck -NoProxy
        $rebound.StatusCode | Should -Be 403
        $rebound.Content | Should -Match 'loopback name'
        (Invoke-WebRequest -Uri "http://localhost:$($emulator.Port)/v1beta/models" -Headers @{ 'x-goog-api-key' = $emulator.ApiKey } -NoProxy).StatusCode | Should -Be 200
    }

    It 'writes nothing without -PassThru' {
        @(Start-GenAIEmulator).Count | Should -Be 0
    }

    It 'points the module at the emulator with -Configure, and Stop-GenAIEmulator restores the previous settings' {
        Set-GenAIConfiguration -ApiKey 'previous-key-0000' -BaseUri 'https://gateway.example.com/' -Proxy 'http://proxy.example.com:3128' -TotalTimeoutSec 900
        try {
            $emulator = Start-GenAIEmulator -Configure -ApiKey 'test-key-4321' -PassThru
            $config = Get-GenAIConfiguration
            $config.BaseUri | Should -Be $emulator.BaseUri
            $config.ApiKey | Should -Be '********4321'
            $config.Proxy | Should -Be '(none)'
            (Invoke-GenerateContent 'configured').Text | Should -BeLike '*configured*'

            Stop-GenAIEmulator
            $emulator.HasExited | Should -BeTrue
            $config = Get-GenAIConfiguration
            $config.BaseUri | Should -Be 'https://gateway.example.com/'
            $config.ApiKey | Should -Be '********0000'
            $config.Proxy | Should -Be 'http://proxy.example.com:3128/'
            $config.TotalTimeoutSec | Should -Be 900
        }
        finally { Set-GenAIConfiguration -ClearApiKey -ClearBaseUri -ClearProxy -TotalTimeoutSec 0 }
    }

    It 'listens on the port given with -Port' {
        $free = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $free.Start(); $port = $free.LocalEndpoint.Port; $free.Stop()
        (Start-GenAIEmulator -Port $port -PassThru).Port | Should -Be $port
    }

    It 'reports a port in use as GenAI.EmulatorStartFailed, quoting the emulator' {
        $busy = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $busy.Start()
        try {
            { Start-GenAIEmulator -Port $busy.LocalEndpoint.Port } | Should -Throw -ErrorId 'GenAI.EmulatorStartFailed,GenAI.PowerShell.Commands.StartGenAIEmulatorCommand'
        }
        finally { $busy.Stop() }
    }

    It 'spaces streamed chunks by -ChunkDelayMs' {
        $emulator = Start-GenAIEmulator -ChunkDelayMs 300 -Configure -PassThru
        $times = Invoke-GenerateContent 'a b c' -Model stream-3 -Stream | ForEach-Object { [DateTime]::UtcNow }
        $times.Count | Should -Be 3
        ($times[-1] - $times[0]).TotalMilliseconds | Should -BeGreaterOrEqual 500
    }
}

Describe 'Stop-GenAIEmulator' {
    AfterEach {
        Stop-GenAIEmulator
    }

    It 'stops only the emulators piped to it' {
        $first = Start-GenAIEmulator -PassThru
        $second = Start-GenAIEmulator -PassThru
        $second | Stop-GenAIEmulator
        $second.HasExited | Should -BeTrue
        $first.HasExited | Should -BeFalse
    }

    It 'does nothing for an emulator already stopped' {
        $emulator = Start-GenAIEmulator -PassThru
        Stop-GenAIEmulator $emulator
        { Stop-GenAIEmulator $emulator } | Should -Not -Throw
    }
}

Describe 'The Pester example in about_GenAI' {
    It 'passes against Start-GenAIEmulator, exactly as the help shows it' {
        $about = Get-Content -Raw (Join-Path (Split-Path $env:GENAI_TEST_MODULE) 'en-US/about_GenAI.help.txt')
        $files = [ordered]@{}
        foreach ($match in [regex]::Matches($about, '(?ms)^    # --- (?<name>\S+) ---\r?\n(?<body>.*?)(?=^    # --- |^\S|^  \S)')) {
            $files[$match.Groups['name'].Value] = ($match.Groups['body'].Value -split '\r?\n' | ForEach-Object { $_ -replace '^    ', '' }) -join "`n"
        }
        $files.Keys | Should -Be @('Get-Haiku.ps1', 'Get-Haiku.Tests.ps1')
        $folder = Join-Path $TestDrive 'user-project'
        $null = New-Item -ItemType Directory -Path $folder
        foreach ($name in $files.Keys) { Set-Content -Path (Join-Path $folder $name) -Value $files[$name] -Encoding utf8 }

        $pester = (Get-Module Pester).Path
        $modules = Split-Path (Split-Path $env:GENAI_TEST_MODULE)   # so that 'Import-Module GenAI' finds the built module
        $result = Invoke-TestPwsh -Environment @{ PSModulePath = $modules + [IO.Path]::PathSeparator + $env:PSModulePath } -Script @"
Import-Module '$pester'
`$run = Invoke-Pester -Path '$(Join-Path $folder 'Get-Haiku.Tests.ps1')' -PassThru -Output None
"passed=`$(`$run.PassedCount) failed=`$(`$run.FailedCount + `$run.FailedBlocksCount + `$run.FailedContainersCount)"
`$run.Failed | ForEach-Object { "`$(`$_.ExpandedPath): `$(`$_.ErrorRecord)" }
"@
        $summary = $result.Output | Where-Object { $_ -like 'passed=*' }
        $summary | Should -Be 'passed=3 failed=0' -Because ($result.Output -join "`n")
    }
}
