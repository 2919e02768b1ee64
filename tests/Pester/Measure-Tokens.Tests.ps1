BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:emulator = Initialize-GenAITest
}

AfterAll {
    $emulator | Stop-EmulatorProcess
}

Describe 'Measure-Tokens' {
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
}
