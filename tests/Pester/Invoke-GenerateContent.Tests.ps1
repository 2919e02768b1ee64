BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:emulator = Initialize-GenAITest
}

AfterAll {
    $emulator | Stop-EmulatorProcess
}

Describe 'Invoke-GenerateContent' -Tag 'Smoke' {
    BeforeEach { Clear-EmulatorRequest $emulator }

    It 'returns the reply with its text and full structure' {
        $reply = Invoke-GenerateContent 'Hello there' -Model gemini-2.5-flash
        $reply | Should -BeOfType ([GenAI.Core.Protocol.GenerateContentResponse])
        $reply.Text | Should -Be 'Echo: Hello there'
        $reply.Candidates[0].FinishReason | Should -Be 'STOP'
        $reply.UsageMetadata.TotalTokenCount | Should -BeGreaterThan 0
        $reply.ModelVersion | Should -Not -BeNullOrEmpty
        $request = Get-EmulatorRequest $emulator
        $request.path | Should -Be '/v1beta/models/gemini-2.5-flash:generateContent'
    }

    It 'sends the key only in the x-goog-api-key header, never in the URL' {
        $null = Invoke-GenerateContent 'key check' -Model gemini-2.5-flash
        $request = Get-EmulatorRequest $emulator
        $request.query | Should -Not -Match 'key='
        $request.headers.'x-goog-api-key' | Should -Be '***'
    }

    It 'joins lines piped from Get-Content into one prompt, sent in one request' {
        $file = Join-Path $TestDrive 'notes.txt'
        Set-Content -Path $file -Value 'first line', 'second line', 'third line'
        $reply = Get-Content $file | Invoke-GenerateContent -Model gemini-2.5-flash
        @($reply).Count | Should -Be 1
        @(Get-EmulatorRequest $emulator).Count | Should -Be 1
        $body = (Get-EmulatorRequest $emulator).body | ConvertFrom-Json
        $body.contents.Count | Should -Be 1
        $body.contents[0].parts[0].text | Should -Be "first line`nsecond line`nthird line"
        $body.contents[0].role | Should -Be 'user'
    }

    It 'streams: writes each chunk as its own object' {
        $chunks = @(Invoke-GenerateContent 'one two three four' -Model gemini-2.5-flash -Stream)
        $chunks.Count | Should -BeGreaterThan 1
        ($chunks | ForEach-Object TextOrEmpty) -join '' | Should -Be 'Echo: one two three four'
        $chunks[-1].Candidates[0].FinishReason | Should -Be 'STOP'
        (Get-EmulatorRequest $emulator).query | Should -Match 'alt=sse'
    }

    It 'emits the first chunk before the stream has ended' {
        $model = "gated-$([guid]::NewGuid().ToString('n').Substring(0, 8))"
        $ps = [powershell]::Create()
        $null = $ps.AddScript({
                param($ModulePath, $BaseUri, $Key, $Model)
                Import-Module $ModulePath
                Set-GenAIConfiguration -ApiKey $Key -BaseUri $BaseUri
                Invoke-GenerateContent 'alpha beta gamma delta' -Model $Model -Stream
            }).AddArgument($env:GENAI_TEST_MODULE).AddArgument($emulator.BaseUri).AddArgument($emulator.ApiKey).AddArgument($model)
        $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
        $handle = $ps.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]::new(), $output)
        try {
            $deadline = [DateTime]::UtcNow.AddSeconds(20)
            while ($output.Count -eq 0 -and -not $handle.IsCompleted -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
            $output.Count | Should -BeGreaterThan 0 -Because 'the first chunk must reach the pipeline while the emulator holds the last one'
            $handle.IsCompleted | Should -BeFalse -Because 'the stream cannot have ended: its last chunk is still held'
            $null = Invoke-RestMethod -Method Post -Uri "$($emulator.BaseUri.TrimEnd('/'))/emulator/gates/$model/release" -Headers @{ 'x-goog-api-key' = $emulator.ApiKey }
            $ps.EndInvoke($handle)
            ($output | ForEach-Object TextOrEmpty) -join '' | Should -Be 'Echo: alpha beta gamma delta'
        }
        finally { $ps.Dispose() }
    }

    It 'reports a wrong key as GenAI.ApiKeyInvalid with the service message' {
        Set-GenAIConfiguration -ApiKey 'wrong-key-123456'
        try {
            { Invoke-GenerateContent 'hi' -Model gemini-2.5-flash -ErrorAction Stop } |
                Should -Throw -ErrorId 'GenAI.ApiKeyInvalid,GenAI.PowerShell.Commands.InvokeGenerateContentCommand'
            Invoke-GenerateContent 'hi' -Model gemini-2.5-flash -ErrorAction SilentlyContinue -ErrorVariable failure
            $failure[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
            $failure[0].Exception.Message | Should -Match 'API key not valid'
            $failure[0].Exception.Message | Should -Not -Match 'wrong-key-123456'
            $failure[0].TargetObject | Should -Be 'hi'
        }
        finally { Set-GenAIConfiguration -ApiKey $emulator.ApiKey }
    }

    It 'reports an unknown model as GenAI.ModelNotFound' {
        { Invoke-GenerateContent 'hi' -Model no-such-model -ErrorAction Stop } |
            Should -Throw -ErrorId 'GenAI.ModelNotFound,GenAI.PowerShell.Commands.InvokeGenerateContentCommand'
    }

    It 'is a terminating GenAI.ApiKeyMissing error when no key is configured' {
        Set-GenAIConfiguration -ClearApiKey
        try {
            { Invoke-GenerateContent 'hi' } | Should -Throw -ErrorId 'GenAI.ApiKeyMissing,GenAI.PowerShell.Commands.InvokeGenerateContentCommand'
            try { Invoke-GenerateContent 'hi' } catch { $_.CategoryInfo.Category | Should -Be 'AuthenticationError'; $_.ErrorDetails.RecommendedAction | Should -Match 'Set-GenAIConfiguration' }
            # A first-time user without a key is told how to try the module offline, and the error names the prompt.
            $caught = $null
            try { Invoke-GenerateContent 'my first prompt' } catch { $caught = $_ }
            $caught.ErrorDetails.RecommendedAction | Should -Match 'Start-GenAIEmulator -Configure'
            $caught.TargetObject | Should -Be 'my first prompt'
            $caught = $null
            try { 'piped prompt' | Invoke-GenerateContent -Each } catch { $caught = $_ }
            $caught.TargetObject | Should -Be 'piped prompt'
            $caught = $null
            try { Measure-Tokens 'count me' } catch { $caught = $_ }
            $caught.FullyQualifiedErrorId | Should -BeLike 'GenAI.ApiKeyMissing,*'
            $caught.TargetObject | Should -Be 'count me'
        }
        finally { Set-GenAIConfiguration -ApiKey $emulator.ApiKey }
    }

    It 'writes a GenAI.PromptBlocked error naming the reason, and still the reply' {
        $reply = Invoke-GenerateContent 'anything' -Model blocked -ErrorAction SilentlyContinue -ErrorVariable failure
        $failure.Count | Should -Be 1
        $failure[0].FullyQualifiedErrorId | Should -Be 'GenAI.PromptBlocked,GenAI.PowerShell.Commands.InvokeGenerateContentCommand'
        $failure[0].Exception.Message | Should -Match 'blocked.*SAFETY'
        $failure[0].TargetObject | Should -Be 'anything'
        $reply.PromptFeedback.BlockReason | Should -Be 'SAFETY'
        { Invoke-GenerateContent 'anything' -Model blocked -ErrorAction Stop } | Should -Throw -ErrorId 'GenAI.PromptBlocked,*'
    }

    It 'writes a GenAI.CandidateStopped error for a safety stop, streamed or not' {
        $null = Invoke-GenerateContent 'anything' -Model safety-stop -ErrorAction SilentlyContinue -ErrorVariable unary
        $unary[0].FullyQualifiedErrorId | Should -BeLike 'GenAI.CandidateStopped,*'
        $unary[0].Exception.Message | Should -Match 'SAFETY'
        $chunks = @(Invoke-GenerateContent 'anything' -Model safety-stop -Stream -ErrorAction SilentlyContinue -ErrorVariable streamed)
        $chunks.Count | Should -BeGreaterThan 0
        $streamed[0].FullyQualifiedErrorId | Should -BeLike 'GenAI.CandidateStopped,*'
    }
}

Describe 'Invoke-GenerateContent: first-hour behaviour' {
    It 'refuses an empty-string prompt like a missing one, before anything is sent' {
        Clear-EmulatorRequest $emulator
        foreach ($empty in '', '   ') {
            $caught = $null
            try { Invoke-GenerateContent $empty -ErrorAction Stop } catch { $caught = $_ }
            $caught | Should -Not -BeNullOrEmpty -Because "the prompt '$empty' is empty"
            $caught.FullyQualifiedErrorId | Should -BeLike 'GenAI.EmptyPrompt,*'
            $caught.CategoryInfo.Category | Should -Be 'InvalidArgument'
        }
        @(Get-EmulatorRequest $emulator).Count | Should -Be 0
    }

    It 'saves a stream to a file as continuous text (-NoNewline per chunk), not one line per chunk' {
        $file = Join-Path $TestDrive 'story.txt'
        $chunks = @(Invoke-GenerateContent 'one two three four five six seven eight nine ten' -Model stream-10 -Stream)
        $chunks.Count | Should -BeGreaterThan 2
        Invoke-GenerateContent 'one two three four five six seven eight nine ten' -Model stream-10 -Stream |
            ForEach-Object { Add-Content -Path $file -Value $_.TextOrEmpty -NoNewline }
        $expected = ($chunks | Join-GenAIResponse).Text
        Get-Content -Raw $file | Should -BeExactly $expected
        (Get-Content $file).Count | Should -Be @($expected -split "`n").Count -Because 'no line break is added between chunks'
    }
}
