# Every example of docs/help/*.md runs as written against a private emulator. The examples of a page run in order in
# one runspace (a later example may use what an earlier one made, as a reader following the page would), in a sandbox
# folder that holds the files the examples name, on an emulator that holds the uploads and caches they name.
#
# Conventions in the pages, on the line under an example's heading:
#   <!-- Not run by tests: <reason> -->      the example cannot run here (real service, a prompt, another OS);
#                                            it must also be listed in $notRun below, so none is skipped by accident.
#   <!-- Expects error: <ErrorId> -->        the example shows an error: it must write that error and no other.
# The examples that count tokens offline or install the tokenizer need the test vocabulary (.cache/tokenizer, fetched
# with node by build.ps1 test): without it they are skipped with the reason, and the other examples still run.
BeforeDiscovery {
    $docs = Join-Path $PSScriptRoot '../../docs/help'
    $pages = foreach ($file in Get-ChildItem $docs -Filter '*.md' | Sort-Object Name) {
        $examples = [System.Collections.Generic.List[object]]::new()
        $section = ''; $current = $null; $inCode = $false; $code = $null
        foreach ($line in (Get-Content -Raw -Encoding utf8 $file.FullName) -split '\r?\n') {
            if ($inCode) {
                if ($line -match '^```') { $inCode = $false; if ($null -eq $current.Code) { $current.Code = $code -join "`n"; $current.NeedsVocabulary = $current.Code -match 'Tokenizer|-Offline' }; continue }
                $code.Add($line); continue
            }
            if ($line -match '^## (.+)$') { $section = $Matches[1].Trim(); continue }
            if ($section -ne 'EXAMPLES') { continue }
            if ($line -match '^### Example (\d+):?\s*(.*)$') {
                $current = @{ Page = $file.BaseName; Number = [int]$Matches[1]; Title = $Matches[2]; Code = $null; NotRun = $null; ExpectedError = $null; NeedsVocabulary = $false }
                $examples.Add($current); continue
            }
            if ($current -and $line -match '^<!--\s*Not run by tests:\s*(.+?)\s*-->') { $current.NotRun = $Matches[1] }
            if ($current -and $line -match '^<!--\s*Expects error:\s*(\S+)\s*-->') { $current.ExpectedError = $Matches[1] }
            if ($line -match '^```') { $inCode = $true; $code = [System.Collections.Generic.List[string]]::new() }
        }
        @{ Page = $file.BaseName; Examples = @($examples) }
    }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:emulator = Initialize-GenAITest
    # The module's settings are process-wide and the examples change them (retries, timeouts, transport): each page
    # starts from these, and the test files that run after this one get them back.
    $script:configuration = [GenAI.PowerShell.Commands.SetGenAIConfigurationCommand].Assembly.GetType('GenAI.PowerShell.Configuration.ModuleConfiguration')
    $script:savedConfiguration = $configuration.GetMethod('Snapshot').Invoke($null, @())

    # The examples that cannot run against the emulator, by page and number. Keep in step with the pages' markers.
    $script:notRun = @(
        'Install-GenAITokenizer 1'   # downloads the vocabulary from the internet
        'Install-GenAITokenizer 2'   # reads a file share (\\fileserver)
        'Enter-GenAIChat 1'          # reads the messages at an interactive console prompt
        'Enter-GenAIChat 2'          # reads the messages at an interactive console prompt
        'Enter-GenAIChat 3'          # reads the messages at an interactive console prompt
        'Remove-GenAIKeyHandler 1'   # needs PSReadLine in an interactive console
        'Remove-GenAIKeyHandler 2'   # needs PSReadLine in an interactive console
        'Send-ChatMessage 7'         # Get-Service and Restart-Service exist on Windows only
        'Set-GenAIConfiguration 1'   # reads the key at a prompt
        'Set-GenAIConfiguration 2'   # needs SecretManagement, a vault and a prompt; writes the user's saved settings
        'Set-GenAIConfiguration 3'   # needs a proxy server and prompts for its credential
        'Set-GenAIKeyHandler 1'      # needs PSReadLine in an interactive console
        'Set-GenAIKeyHandler 2'      # needs PSReadLine in an interactive console
        'Start-ChatSession 5'        # Get-Service exists on Windows only
        'Start-GenAIEmulator 2'      # is a Pester test file of your own (run it with Invoke-Pester)
        'Start-GenAIEmulator 4'      # needs a real API key, network access and a Pester suite of your own
        'Start-GenAIEmulator 5'      # needs a real API key, network access and a Pester suite of your own
    )

    $script:root = Join-Path ([IO.Path]::GetTempPath()) "genai-help-examples-$([guid]::NewGuid().ToString('n'))"
    $null = New-Item -ItemType Directory -Path $root
    $script:tokenizerCache = Join-Path $root 'tokenizer'
    $script:vocabulary = Join-Path $PSScriptRoot '../../.cache/tokenizer/gemma3-tokenizer.json'
    $script:vocabularyMissing = if (-not (Test-Path $vocabulary)) {
        "the test vocabulary is missing at $vocabulary (run: node tests/tools/tokenizer-reference/fetch-vocab.mjs)"
    }

    # The files the examples name, as a user would have them.
    function New-Sandbox([string] $Path) {
        $null = New-Item -ItemType Directory -Path $Path
        $null = New-Item -ItemType Directory -Path (Join-Path $Path 'vendor')
        $png = [Convert]::FromBase64String('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==')
        $pdf = [Text.Encoding]::ASCII.GetBytes("%PDF-1.4`n1 0 obj << /Type /Catalog >> endobj`ntrailer << /Root 1 0 R >>`n%%EOF`n")
        $mp4 = [byte[]](0, 0, 0, 24) + [Text.Encoding]::ASCII.GetBytes('ftypmp42') + [byte[]]::new(4096)
        $jpg = [byte[]](0xFF, 0xD8, 0xFF, 0xE0) + [byte[]]::new(512) + [byte[]](0xFF, 0xD9)
        $text = 'The quarterly numbers are up. The cafeteria opens at 8. Travel is approved by team leads.'
        $files = @{
            'keynote.mp4' = $mp4; 'lecture.mp4' = $mp4; 'papers/q1.pdf' = $pdf; 'papers/q2.pdf' = $pdf; 'scan[1].dat' = $pdf
            'invoice.pdf' = $pdf; 'scan.pdf' = $pdf; 'chart.png' = $png; 'screenshots/before.png' = $png; 'screenshots/after.png' = $png
            'whiteboard.jpg' = $jpg; 'chart-2024.png' = $png
        }
        foreach ($name in $files.Keys) {
            $full = Join-Path $Path $name
            $null = New-Item -ItemType Directory -Force -Path (Split-Path $full)
            [IO.File]::WriteAllBytes($full, $files[$name])
        }
        $texts = @{
            'incident-notes.txt' = "09:12 disk full on web01`n09:40 cleaned logs`n10:05 back to normal"
            'logs/app.log' = "INFO start`nWARN slow request`nINFO stop"; 'logs/web.log' = "GET / 200`nGET /health 200"
            'ledger.csv' = "item,amount`nchairs,1200`ndesks,3400"; 'contract.txt' = $text; 'contract.md' = "# Contract`n$text"
            'docs/intro.md' = "# Intro`n$text"; 'docs/usage.md' = "# Usage`nRun Get-Help."; 'handbook.md' = "# Handbook`n$text"
            'meeting.txt' = "Decision: ship on Friday.`nDecision: freeze on Wednesday."; 'mail.txt' = 'The build server is down again, please fix it today.'
            'prompt.txt' = 'How many tokens is this prompt?'; 'catalog.csv' = "id,name`n1,desk`n2,chair"
            'Deploy.ps1' = "param([string] `$Target)`nCopy-Item ./build/* `$Target -Recurse"
            'notes.json' = '{ "notes": ["buy milk"] }'
            'notes/api-keys.md' = "# API keys`nRotate the key every 90 days: create a new one, update the vault, delete the old one."
            'notes/backups.md' = "# Backups`nNightly at 02:00; restores are tested on the first Monday of the month."
            'notes/onboarding.md' = "# Onboarding`nNew starters get a laptop, a badge and a buddy."
            'titles.txt' = "Rotating API keys safely`n`nNightly backups and restores`nOnboarding new engineers`n"
            'kb/vpn.txt' = 'Connect to the VPN before opening the intranet.'; 'kb/printer.txt' = 'The printer on floor 2 takes A4 and A3.'
            'tickets.csv' = "Id,Text`nT-101,The export button crashes the app.`nT-102,How do I change my password?`nT-103,Love the new dashboard!"
            'prompts.txt' = "Summarise the release notes in one line.`nSuggest a name for the build bot."
            'requests.jsonl' = ('{"key":"q1","request":{"contents":[{"parts":[{"text":"What is 2 + 2?"}]}]}}' + "`n" +
                '{"key":"q2","request":{"contents":[{"parts":[{"text":"Name a prime number above 10."}]}]}}')
            'Get-Stock.ps1' = "function Get-Stock {`n    <# .SYNOPSIS`n    Units in stock of a product. #>`n    param([Parameter(Mandatory)] [string] `$Product)`n    [pscustomobject]@{ Product = `$Product; Units = 12 }`n}"
            'Get-Summary.ps1' = "function Get-Summary([string] `$Text) { (Invoke-GenerateContent `"Summarise: `$Text`").Text }"
        }
        foreach ($name in $texts.Keys) {
            $full = Join-Path $Path $name
            $null = New-Item -ItemType Directory -Force -Path (Split-Path $full)
            Set-Content -LiteralPath $full -Value $texts[$name] -Encoding utf8
        }
        if (-not $vocabularyMissing) { Copy-Item $vocabulary (Join-Path $Path 'vendor/gemma3-tokenizer.json') -Force }
        # Saved chats, as Export-ChatSession writes them.
        $null = New-Item -ItemType Directory -Path (Join-Path $Path 'chats')
        $chat = Start-ChatSession -Model gemini-2.5-flash
        $null = Send-ChatMessage $chat 'We are planning a migration from Windows PowerShell 5.1 to PowerShell 7.'
        Export-ChatSession -Session $chat -Path (Join-Path $Path 'migration-chat.json')
        Export-ChatSession -Session $chat -Path (Join-Path $Path 'chats/migration.json')
        $null = Send-ChatMessage $chat 'And the second step?'
        Export-ChatSession -Session $chat -Path (Join-Path $Path 'chats/second.json')
        Export-ChatSession -Session $chat -Path (Join-Path $Path 'stock-chat.json')
    }

    # The uploads and caches the examples name, made again before each page (an earlier page may have deleted them).
    function Initialize-ServiceState {
        foreach ($file in @{ k2v8x1q = 'keynote.mp4'; p0c4m2a = 'papers/q1.pdf' }.GetEnumerator()) {
            if (-not (Get-GenAIFile "files/$($file.Key)" -ErrorAction SilentlyContinue)) {
                $null = Add-GenAIFile -LiteralPath (Join-Path $sandboxSeed $file.Value) -Name $file.Key -DisplayName (Split-Path $file.Value -Leaf)
            }
        }
        foreach ($display in 'handbook', 'project-x-notes') {
            if (-not (Get-GenAICachedContent "$display*")) {
                $null = New-GenAICachedContent (Get-Content -Raw (Join-Path $sandboxSeed 'handbook.md')) -Model gemini-2.5-flash -DisplayName $display -Ttl 3600
            }
        }
    }

    $script:sandboxSeed = Join-Path $root 'seed'
    New-Sandbox $sandboxSeed
    $script:savedEnvironment = @{}
    foreach ($name in 'HTTPS_PROXY', 'HTTP_PROXY', 'ALL_PROXY', 'NO_PROXY', 'GENAI_TOKENIZER_CACHE') { $savedEnvironment[$name] = [Environment]::GetEnvironmentVariable($name) }
}

AfterAll {
    $null = $configuration.GetMethod('Restore').Invoke($null, @($savedConfiguration))
    foreach ($name in $savedEnvironment.Keys) { [Environment]::SetEnvironmentVariable($name, $savedEnvironment[$name]) }
    Stop-GenAIEmulator -ErrorAction SilentlyContinue
    if ($emulator) { $emulator | Stop-EmulatorProcess }
    Remove-Item $root -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'The help examples that cannot run here' {
    It 'are marked in their pages exactly as listed in this test' -TestCases @{ Pages = $pages } {
        param($Pages)
        $marked = @($Pages | ForEach-Object { $_.Examples } | Where-Object { $_.NotRun } | ForEach-Object { "$($_.Page) $($_.Number)" } | Sort-Object)
        $marked | Should -Be @($notRun | Sort-Object)
    }
}

Describe 'Help examples of <Page>' -ForEach $pages {
    BeforeAll {
        # Each page starts from the same place: the emulator's settings, no proxy, a fresh copy of the sandbox.
        foreach ($name in $savedEnvironment.Keys) { [Environment]::SetEnvironmentVariable($name, $savedEnvironment[$name]) }
        $env:GENAI_TOKENIZER_CACHE = $tokenizerCache
        $null = $configuration.GetMethod('Restore').Invoke($null, @($savedConfiguration))
        if (-not $vocabularyMissing -and -not (Get-GenAITokenizer).IsInstalled) { $null = Install-GenAITokenizer -Path $vocabulary }
        Initialize-ServiceState
        $script:sandbox = Join-Path $root $Page
        Copy-Item $sandboxSeed $sandbox -Recurse

        $script:runspace = [runspacefactory]::CreateRunspace([initialsessionstate]::CreateDefault2())
        $runspace.Open()
        $setup = [powershell]::Create()
        $setup.Runspace = $runspace
        $null = $setup.AddScript("Import-Module '$env:GENAI_TEST_MODULE'; Set-Location -LiteralPath '$sandbox'", $false).Invoke()
        $setup.Dispose()
    }

    AfterAll {
        $runspace.Dispose()
    }

    It 'Example <Number> runs as written: <Title>' -ForEach $Examples {
        if ($NotRun) { Set-ItResult -Skipped -Because $NotRun; return }
        if ($NeedsVocabulary -and $vocabularyMissing) { Set-ItResult -Skipped -Because $vocabularyMissing; return }
        $shell = [powershell]::Create()
        $shell.Runspace = $runspace
        try {
            $null = $shell.AddScript($Code, $false).AddCommand('Out-String')
            $output = $shell.Invoke()
            $errors = @($shell.Streams.Error)
        }
        catch {
            $errors = @($_.Exception.InnerException.ErrorRecord, $_) | Where-Object { $_ } | Select-Object -First 1
        }
        finally { $shell.Dispose() }
        $report = ($errors | ForEach-Object { "$($_.FullyQualifiedErrorId): $_" }) -join "`n"
        if ($ExpectedError) {
            @($errors).Count | Should -Be 1 -Because "it shows one error ($ExpectedError); got: $report"
            $errors[0].FullyQualifiedErrorId | Should -BeLike "$ExpectedError*"
        }
        else {
            $report | Should -BeNullOrEmpty -Because "the example should run without errors. Output: $output"
        }
    }
}
