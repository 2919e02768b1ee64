# The key never leaves the x-goog-api-key header; model output cannot drive the terminal.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:key = 'AIzaSyTEST-hygiene-7f3b9c2d41e5a6'
    $script:emulator = Initialize-GenAITest -ApiKey $key
    function New-Model([string] $Scenario) { "$Scenario-$([guid]::NewGuid().ToString('n').Substring(0, 8))" }
}

AfterAll {
    Set-GenAIConfiguration -ApiKey $emulator.ApiKey
    $emulator | Stop-EmulatorProcess
}

Describe 'API key hygiene' {
    It 'shows the key nowhere: no stream of good or failing calls with -Verbose -Debug, no error, no formatted object, no exported file' {
        $wrongKey = 'AIzaSyWRONG-key-0a1b2c3d4e5f6789'
        $DebugPreference = 'Continue'
        $Error.Clear()
        $captured = & {
            $ErrorActionPreference = 'Continue'
            Set-GenAIConfiguration -ApiKey $key -Verbose -Debug -PassThru
            Get-GenAIConfiguration
            Invoke-GenerateContent 'hello' -Model gemini-2.5-flash -Verbose -Debug
            Invoke-GenerateContent 'alpha beta' -Model (New-Model 'fault-503x2') -Stream -Verbose -Debug
            Invoke-GenerateContent 'alpha beta gamma' -Model (New-Model 'fault-midstream-1') -Stream -Verbose -Debug
            Invoke-GenerateContent 'x' -Model (New-Model 'fault-500') -MaximumRetryCount 1 -Verbose -Debug
            Invoke-GenerateContent 'x' -Model (New-Model 'fault-hang') -TimeoutSec 1 -MaximumRetryCount 0 -Verbose -Debug
            Invoke-GenerateContent 'x' -Model no-such-model -Verbose -Debug
            Measure-Tokens 'count' -Model gemini-2.5-flash -Verbose -Debug
            Get-GenAIModel gemini-2.5-flash -Verbose -Debug
            $upload = Join-Path $TestDrive 'upload.png'
            [IO.File]::WriteAllBytes($upload, [byte[]](1, 2, 3))
            Add-GenAIFile $upload -DisplayName (New-Model 'fault-reset') -Verbose -Debug
            $chat = Start-ChatSession -Model gemini-2.5-flash
            Send-ChatMessage $chat 'remember me' -Verbose -Debug
            $chat
            $chat | Export-ChatSession -Path (Join-Path $TestDrive 'chat.json') -Verbose -Debug
            Set-GenAIConfiguration -ApiKey $wrongKey
            Invoke-GenerateContent 'x' -Model gemini-2.5-flash -Verbose -Debug
            Send-ChatMessage $chat 'again' -Stream -Verbose -Debug
            Set-GenAIConfiguration -ApiKey $key
        } *>&1
        $DebugPreference = 'SilentlyContinue'

        $debug = @($captured | Where-Object { $_ -is [System.Management.Automation.DebugRecord] })
        $verbose = @($captured | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
        $errors = @($captured | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $debug.Count | Should -BeGreaterThan 10 -Because 'request and response lines are written at debug level'
        ($debug.Message -match '^POST http://127\.0\.0\.1:\d+/v1beta/models/') | Should -Not -BeNullOrEmpty
        ($debug.Message -match '^POST http://127\.0\.0\.1:\d+/upload/v1beta/files\?upload_id=.*x-goog-upload-command: query') | Should -Not -BeNullOrEmpty -Because 'upload requests are wire-logged too'
        ($debug.Message -match '^HTTP 200 .*x-goog-upload-status: final') | Should -Not -BeNullOrEmpty
        ($verbose.Message -match 'Retry 1 of') | Should -Not -BeNullOrEmpty
        $errors.FullyQualifiedErrorId | Should -Contain 'GenAI.ApiKeyInvalid,GenAI.PowerShell.Commands.InvokeGenerateContentCommand'
        $errors.FullyQualifiedErrorId | Should -Contain 'GenAI.StreamInterrupted,GenAI.PowerShell.Commands.InvokeGenerateContentCommand'

        $exported = Join-Path $TestDrive 'everything.clixml'
        $captured + @($Error) | Export-Clixml -Path $exported -Depth 3
        $objects = $captured | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] -and $_ -isnot [System.Management.Automation.InformationalRecord] }
        $objects | ConvertTo-Json -Depth 8 -WarningAction SilentlyContinue | Set-Content (Join-Path $TestDrive 'everything.json')
        $texts = @(
            $captured | Out-String -Width 500
            $captured | Format-List * -Force | Out-String -Width 500
            $Error | Format-List * -Force | Out-String -Width 500
            $Error | ForEach-Object { $_.Exception } | Format-List * -Force | Out-String -Width 500
            $Error | ForEach-Object { "$_"; $_.Exception.ToString(); $_.ErrorDetails.Message; $_.ErrorDetails.RecommendedAction }
            $captured | ForEach-Object { "$_" }
            Get-GenAIConfiguration | Format-List * | Out-String
            Get-GenAIConfiguration | ConvertTo-Json
            Get-Content -Raw $exported
            Get-Content -Raw (Join-Path $TestDrive 'chat.json')
            Get-Content -Raw (Join-Path $TestDrive 'everything.json')
        ) -join "`n"
        $texts.Length | Should -BeGreaterThan 5000
        $texts | Should -Not -Match ([regex]::Escape($key))
        $texts | Should -Not -Match ([regex]::Escape($wrongKey))
        $texts | Should -Not -Match 'hygiene-7f3b9c2d41e5'
    }

    It 'sends the key in the x-goog-api-key header only, never in a URL' {
        Clear-EmulatorRequest $emulator
        $null = Invoke-GenerateContent 'x' -Model gemini-2.5-flash
        $null = Invoke-GenerateContent 'x' -Model gemini-2.5-flash -Stream
        $null = Get-GenAIModel
        foreach ($request in Get-EmulatorRequest $emulator) {
            "$($request.path)$($request.query)" | Should -Not -Match 'key='
            $request.headers.'x-goog-api-key' | Should -Be '***'
        }
    }
}

Describe 'Terminal control sequences in model output' {
    BeforeAll {
        $e = [char]27
        # CSI colour, OSC window title ended by BEL, OSC 52 clipboard ended by ST, a bare BEL, the 8-bit CSI,
        # a cursor-up that would overwrite the previous line, and a lone carriage return that would hide text.
        $script:hostile = "red ${e}[31mRED${e}[0m title ${e}]0;pwned$([char]7) clip ${e}]52;c;ZXZpbA==${e}\ bell $([char]7) c1 $([char]0x9B)31m up ${e}[1A cr`rend"
        $script:expected = "Echo: red RED title  clip  bell  c1  up  cr`nend"   # a lone CR is shown as a line break
        $script:previousRendering = $PSStyle.OutputRendering
        $PSStyle.OutputRendering = 'Ansi'   # so PowerShell's own stripping cannot hide a missing neutralisation

        # True when any of the hostile sequences (not PowerShell's own colouring) reached the display text.
        # Booleans keep raw escapes out of assertion messages (and so out of the NUnit report).
        function Test-Hostile([string] $Text) {
            $e = [char]27
            $Text.Contains([char]7) -or $Text.Contains([char]0x9B) -or $Text.Contains("${e}[31mRED") -or $Text.Contains("${e}[1A") -or
                $Text.Contains("${e}]") -or $Text -match 'pwned|ZXZpbA' -or $Text -match "`r(?!`n)"
        }
    }

    AfterAll { $PSStyle.OutputRendering = $previousRendering }

    It 'removes <Name> and keeps the text around it' -ForEach @(
        @{ Name = 'a CSI colour'; Raw = "a`e[1;31mb`e[0mc"; Shown = 'abc' }
        @{ Name = 'a CSI cursor move with private parameters'; Raw = "a`e[?25lb`e[2Jc"; Shown = 'abc' }
        @{ Name = 'an OSC title ended by BEL'; Raw = "a`e]0;title`ab"; Shown = 'ab' }
        @{ Name = 'an OSC hyperlink ended by ESC backslash'; Raw = "a`e]8;;http://x`e\link`e]8;;`e\b"; Shown = 'alinkb' }
        @{ Name = 'a DCS string'; Raw = "a`eP1;2qdata`e\b"; Shown = 'ab' }
        @{ Name = 'an APC string'; Raw = "a`e_hidden`e\b"; Shown = 'ab' }
        @{ Name = 'two-character escapes'; Raw = "a`ecb`e7c`e(Bd"; Shown = 'abcd' }
        @{ Name = 'the 8-bit CSI and OSC'; Raw = "a$([char]0x9B)31mb$([char]0x9D)0;t$([char]0x9C)c"; Shown = 'abc' }
        @{ Name = 'other C0 and C1 controls'; Raw = "a$([char]0)$([char]8)$([char]0x7F)$([char]0x85)b"; Shown = 'ab' }
        @{ Name = 'a lone carriage return'; Raw = "safe`rEVIL"; Shown = 'safeEVIL' }
        @{ Name = 'an unterminated OSC'; Raw = "a`e]0;never ends"; Shown = 'a' }
        @{ Name = 'a trailing ESC'; Raw = "a`e"; Shown = 'a' }
        @{ Name = 'a right-to-left override'; Raw = "invoice$([char]0x202E)fdp.exe"; Shown = 'invoicefdp.exe' }
        @{ Name = 'bidirectional embeddings and isolates'; Raw = "a$([char]0x202A)b$([char]0x202C)c$([char]0x2066)d$([char]0x2069)e$([char]0x2067)f$([char]0x2068)g"; Shown = 'abcdefg' }
        @{ Name = 'nothing from plain text with tabs and line breaks'; Raw = "a`tb`nc`r`nd é 🚀"; Shown = "a`tb`nc`r`nd é 🚀" }
    ) {
        [GenAI.PowerShell.Formatting.TerminalText]::Neutralize($Raw) -ceq $Shown | Should -BeTrue
    }

    It 'keeps the raw text on the object but shows it neutralised' {
        $reply = Invoke-GenerateContent $hostile -Model gemini-2.5-flash
        $reply.Text -eq "Echo: $hostile" | Should -BeTrue
        $shown = $reply | Out-String
        $shown.Contains($expected) | Should -BeTrue
        Test-Hostile $shown | Should -BeFalse
        Test-Hostile $reply.Text | Should -BeTrue -Because 'the object keeps the raw text (and the check can fail)'
    }

    It 'neutralises streamed chunks, chat summaries and contents as displayed' {
        $chunks = Invoke-GenerateContent $hostile -Model gemini-2.5-flash -Stream
        (($chunks | ForEach-Object TextOrEmpty) -join '') -eq "Echo: $hostile" | Should -BeTrue
        Test-Hostile ($chunks | Out-String) | Should -BeFalse
        $chat = Start-ChatSession -Model gemini-2.5-flash
        $null = Send-ChatMessage $chat $hostile
        Test-Hostile ($chat | Out-String) | Should -BeFalse
        Test-Hostile ($chat.History | Out-String) | Should -BeFalse
        $chat.History[1].Parts[0].Text -eq "Echo: $hostile" | Should -BeTrue
    }

    It 'neutralises service text inside error messages' {
        $e = [char]27
        Invoke-GenerateContent 'x' -Model "no-such-${e}]0;pwned$([char]7)model" -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure[0].FullyQualifiedErrorId | Should -Be 'GenAI.ModelNotFound,GenAI.PowerShell.Commands.InvokeGenerateContentCommand'
        Test-Hostile $failure[0].ErrorDetails.Message | Should -BeFalse
        $failure[0].ErrorDetails.Message | Should -Match 'no-such-model'
    }
}
