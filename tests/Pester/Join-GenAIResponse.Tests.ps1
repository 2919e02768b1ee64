BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:emulator = Initialize-GenAITest
    # A model whose calls the emulator answers with a recorded response (a file under src/GenAI.Emulator/Fixtures).
    function script:New-ReplayModel([string] $File) {
        $model = "replay-$([guid]::NewGuid().ToString('n').Substring(0, 8))"
        $null = Invoke-RestMethod -Method Post -Uri ($emulator.BaseUri.TrimEnd('/') + '/emulator/replay') -ContentType 'application/json' -Headers @{ 'x-goog-api-key' = $emulator.ApiKey } `
            -Body (@{ model = "models/$model"; file = $File } | ConvertTo-Json)
        $model
    }
}

AfterAll {
    $emulator | Stop-EmulatorProcess
}

Describe 'Join-GenAIResponse' {
    It 'combines streamed chunks into the response a chat session would keep' {
        $chunks = @(Invoke-GenerateContent 'one two three four' -Model gemini-2.5-flash -Stream)
        $joined = $chunks | Join-GenAIResponse
        @($joined).Count | Should -Be 1
        $joined.Text | Should -Be 'Echo: one two three four'
        $joined.Candidates[0].Content.Parts.Count | Should -Be 1
        $joined.FinishReason | Should -Be 'STOP'
        $joined.UsageMetadata.TotalTokenCount | Should -Be $chunks[-1].UsageMetadata.TotalTokenCount
        $joined.IsStreamChunk | Should -BeFalse
        $joined.ResponseId | Should -Be $chunks[0].ResponseId
    }

    It 'works with -OutVariable while the chunks are displayed' {
        $null = Invoke-GenerateContent 'shown while kept' -Model gemini-2.5-flash -Stream -OutVariable streamed
        (Join-GenAIResponse $streamed).Text | Should -Be 'Echo: shown while kept'
    }

    It 'gives one response per stream when several streams are piped' {
        $chunks = @(Invoke-GenerateContent 'first reply' -Model gemini-2.5-flash -Stream) + @(Invoke-GenerateContent 'second reply' -Model gemini-2.5-flash -Stream)
        $joined = @($chunks | Join-GenAIResponse)
        $joined.Text | Should -Be @('Echo: first reply', 'Echo: second reply')
    }

    It 'keeps the safety stop of a stream' {
        $joined = Invoke-GenerateContent 'x' -Model safety-stop -Stream -ErrorAction SilentlyContinue | Join-GenAIResponse
        $joined.FinishReason | Should -Be 'SAFETY'
        $joined.Candidates[0].SafetyRatings.Blocked | Should -Contain $true
    }

    It 'gives one response per call for the streams other SDKs recorded from the service (STOP on every chunk, no responseId): <File>' -ForEach @(
        @{ File = 'generative-ai-js/streaming-failure-recitation-no-content.txt' }
        @{ File = 'generative-ai-js/streaming-success-basic-reply-long.txt' }
        @{ File = 'generative-ai-js/streaming-success-citations.txt' }
        @{ File = 'generative-ai-js/streaming-success-search-grounding.txt' }
        @{ File = 'generative-ai-js/streaming-success-utf8.txt' }
        @{ File = 'generative-ai-js/streaming-unknown-enum.txt' }
        @{ File = 'generative-ai-swift/GenerateContentResponses/streaming-failure-error-mid-stream.txt' }
        @{ File = 'generative-ai-swift/GenerateContentResponses/streaming-failure-recitation-no-content.txt' }
        @{ File = 'generative-ai-swift/GenerateContentResponses/streaming-failure-unknown-finish-enum.txt' }
        @{ File = 'generative-ai-swift/GenerateContentResponses/streaming-success-basic-reply-long.txt' }
        @{ File = 'generative-ai-swift/GenerateContentResponses/streaming-success-citations.txt' }
        @{ File = 'generative-ai-swift/GenerateContentResponses/streaming-success-code-execution.txt' }
    ) {
        $recorded = @(Get-Content (Join-Path $PSScriptRoot "../../src/GenAI.Emulator/Fixtures/$File") | Where-Object { $_ -like 'data:*' } |
            ForEach-Object { try { $_.Substring(5) | ConvertFrom-Json } catch { } })
        $model = New-ReplayModel $File

        $chunks = @(Invoke-GenerateContent 'x' -Model $model -Stream -ErrorAction SilentlyContinue)
        $chunks.Count | Should -BeGreaterThan 1
        $joined = @($chunks | Join-GenAIResponse)
        $joined.Count | Should -Be 1
        -join ($joined[0].Candidates[0].Content.Parts | Where-Object Text -NE $null | ForEach-Object Text) |
            Should -Be (-join ($chunks | ForEach-Object { $_.Candidates[0].Content.Parts | Where-Object Text -NE $null | ForEach-Object Text }))
        $joined[0].FinishReason | Should -Be @($chunks.FinishReason | Where-Object { $_ })[-1]
        @($recorded.candidates.finishReason | Where-Object { $_ }).Count | Should -BeGreaterThan 1   # the recording finishes every chunk

        # Two calls of the same recording are still two responses.
        $again = @(Invoke-GenerateContent 'x' -Model $model -Stream -ErrorAction SilentlyContinue)
        @($chunks + $again | Join-GenAIResponse).Count | Should -Be 2
    }

    It 'keeps a RECITATION stream whole: its text, then the RECITATION stop' {
        $model = New-ReplayModel 'generative-ai-js/streaming-failure-recitation-no-content.txt'
        $joined = Invoke-GenerateContent 'x' -Model $model -Stream -ErrorAction SilentlyContinue | Join-GenAIResponse
        $joined.Text | Should -Be 'Copyrighted text goes hereMore copyrighted text'
        $joined.FinishReason | Should -Be 'RECITATION'
    }
}
