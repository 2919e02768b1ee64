BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:emulator = Initialize-GenAITest
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
}
