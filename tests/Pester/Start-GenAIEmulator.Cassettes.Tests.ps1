# Start-GenAIEmulator -RecordTo / -ReplayFrom / -RecordMissing: record once, replay offline.
# No internet: a first emulator stands in as the "real service" upstream of the recording one.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module $env:GENAI_TEST_MODULE -Force
    Remove-Item Env:GOOGLE_API_KEY, Env:GEMINI_API_KEY, Env:GOOGLE_GEMINI_BASE_URL -ErrorAction SilentlyContinue

    $script:userKey = 'AIzaSy-the-users-real-key-4242'
    $script:cassettes = Join-Path $TestDrive 'cassettes'
    $script:document = Join-Path $TestDrive 'minutes.txt'
    Set-Content -Path $document -Value 'Minutes: nothing was decided.' -Encoding utf8

    # What a user's test suite does; one line per observation, compared between the recorded and the replayed run.
    function Invoke-Workflow {
        $seen = [System.Collections.Generic.List[string]]::new()
        $seen.Add('unary: ' + (Invoke-GenerateContent 'Hello, recorded world!' -Model gemini-2.5-flash).Text)
        $chunks = @(Invoke-GenerateContent 'one two three four' -Model gemini-2.5-flash -Stream | ForEach-Object TextOrEmpty)
        $seen.Add("stream: $($chunks.Count) chunks: " + ($chunks -join '|'))
        $chat = Start-ChatSession -Model gemini-2.5-flash
        foreach ($turn in 'first question', 'a second one', 'and a third') {
            $seen.Add('chat: ' + (Send-ChatMessage $chat $turn).Text)
        }
        try { Invoke-GenerateContent 'x' -Model 'no-such-model-cassette' -ErrorAction Stop; $seen.Add('error: none') }
        catch { $seen.Add("error: $($_.FullyQualifiedErrorId) $($_.Exception.Message)") }
        $file = Add-GenAIFile $document -DisplayName 'minutes'
        $seen.Add("upload: $($file.Name) $($file.State) $($file.SizeBytes)")
        $seen.Add('use-file: ' + ($file | Invoke-GenerateContent 'Summarise' -Model gemini-2.5-flash).Text)
        $seen.Add('tokens: ' + (Measure-Tokens 'How many tokens is this?' -Model gemini-2.5-flash).TotalTokens)
        return , $seen
    }
}

Describe 'Start-GenAIEmulator cassettes' {
    BeforeAll {
        $upstream = Start-GenAIEmulator -ApiKey $userKey -PassThru
        try {
            Set-GenAIConfiguration -ApiKey $userKey
            $recorder = Start-GenAIEmulator -RecordTo $cassettes -Upstream $upstream.BaseUri -Configure -PassThru
            $script:recorderUri = $recorder.BaseUri
            $script:recorderMode = $recorder.Mode
            $script:recorded = Invoke-Workflow
            Stop-GenAIEmulator $recorder
        }
        finally {
            Stop-GenAIEmulator $upstream
            Set-GenAIConfiguration -ClearApiKey
        }
        $script:files = @(Get-ChildItem $cassettes -Filter *.json)
    }
    AfterEach { Stop-GenAIEmulator }

    It 'records through the recording emulator, which answers with the real service''s replies' {
        $recorderMode | Should -Be 'Record'
        $recorded[0] | Should -Be 'unary: Echo: Hello, recorded world!'
        $recorded[1] | Should -Be 'stream: 5 chunks: Echo: |one |two |three |four'
        $recorded | Should -Contain 'chat: Echo: and a third'
        $recorded[5] | Should -BeLike 'error: GenAI.ModelNotFound,*'
        $recorded[6] | Should -Match '^upload: files/\S+ Active \d+$'
        $files.Count | Should -BeGreaterThan 8
    }

    It 'replays offline, with no key, the same replies, chunks and errors' {
        $player = Start-GenAIEmulator -ReplayFrom $cassettes -Configure -PassThru
        $player.Mode | Should -Be 'Replay'
        $player.CassettePath | Should -Be $cassettes
        $replayed = Invoke-Workflow
        $replayed | Should -Be $recorded
    }

    It 'fails an unmatched request with GenAI.FailedPrecondition naming the closest cassette and what differs' {
        Start-GenAIEmulator -ReplayFrom $cassettes -Configure
        $thrown = { Invoke-GenerateContent 'Hello, recorded world?' -Model gemini-2.5-flash -ErrorAction Stop } |
            Should -Throw -ErrorId 'GenAI.FailedPrecondition,GenAI.PowerShell.Commands.InvokeGenerateContentCommand' -PassThru
        $closest = $files | Where-Object { (Get-Content -Raw $_.FullName) -match '"Hello, recorded world!"' } | Select-Object -First 1
        $thrown.Exception.Message | Should -BeLike "*The closest cassette is '$($closest.Name)'*"
        $thrown.Exception.Message | Should -BeLike '*"Hello, recorded world?" here, "Hello, recorded world!" in the cassette*'
    }

    It 'never writes the key to a cassette' {
        $files | Should -Not -BeNullOrEmpty
        foreach ($file in $files) {
            $text = Get-Content -Raw $file.FullName
            $text | Should -Not -Match ([regex]::Escape($userKey)) -Because $file.Name
            $text | Should -Not -Match 'x-goog-api-key|key=' -Because $file.Name
        }
    }

    It 'names cassettes after their request, so they diff well' {
        $files.Name | Should -Contain ($files.Name | Where-Object { $_ -like 'post-models.gemini-2.5-flash.generateContent-*.json' } | Select-Object -First 1)
        $files.Name | Where-Object { $_ -like 'post-models.gemini-2.5-flash.streamGenerateContent-*.json' } | Should -HaveCount 1
        $files.Name | Where-Object { $_ -like 'post-upload.files-*.json' } | Should -Not -BeNullOrEmpty
    }

    It 'with -RecordMissing answers from the folder and records only what is new' {
        $upstream = Start-GenAIEmulator -ApiKey $userKey -PassThru
        try {
            Set-GenAIConfiguration -ApiKey $userKey
            $before = @(Get-ChildItem $cassettes -Filter *.json).Count
            Start-GenAIEmulator -RecordTo $cassettes -RecordMissing -Upstream $upstream.BaseUri -Configure
            (Invoke-GenerateContent 'Hello, recorded world!' -Model gemini-2.5-flash).Text | Should -Be 'Echo: Hello, recorded world!'
            @(Get-EmulatorRequest ([pscustomobject]@{ BaseUri = $upstream.BaseUri.AbsoluteUri; ApiKey = $userKey })).Count | Should -Be 0
            (Invoke-GenerateContent 'Something new' -Model gemini-2.5-flash).Text | Should -Be 'Echo: Something new'
            @(Get-ChildItem $cassettes -Filter *.json).Count | Should -Be ($before + 1)
        }
        finally {
            Stop-GenAIEmulator
            Set-GenAIConfiguration -ClearApiKey
        }
    }

    It 'refuses to record without a key (GenAI.ApiKeyMissing) or to plain http on another machine (GenAI.InvalidUpstream)' {
        { Start-GenAIEmulator -RecordTo (Join-Path $TestDrive 'none') } |
            Should -Throw -ErrorId 'GenAI.ApiKeyMissing,GenAI.PowerShell.Commands.StartGenAIEmulatorCommand'
        Set-GenAIConfiguration -ApiKey $userKey
        try {
            { Start-GenAIEmulator -RecordTo (Join-Path $TestDrive 'none') -Upstream 'http://gemini.example.com/' } |
                Should -Throw -ErrorId 'GenAI.InvalidUpstream,GenAI.PowerShell.Commands.StartGenAIEmulatorCommand'
        }
        finally { Set-GenAIConfiguration -ClearApiKey }
        Test-Path (Join-Path $TestDrive 'none') | Should -BeFalse
    }

    It 'reports a missing replay folder as GenAI.CassetteFolderNotFound' {
        { Start-GenAIEmulator -ReplayFrom (Join-Path $TestDrive 'no-such-folder') } |
            Should -Throw -ErrorId 'GenAI.CassetteFolderNotFound,GenAI.PowerShell.Commands.StartGenAIEmulatorCommand'
    }
}
