# Start-ChatSession -History: the history is checked when the session starts, not by a 400 on the next message.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:emulator = Initialize-GenAITest
}

AfterAll {
    $emulator | Stop-EmulatorProcess
}

Describe 'Start-ChatSession -History' {
    It 'starts from a valid history and sends it with the next message' {
        Clear-EmulatorRequest $emulator
        $chat = Start-ChatSession -History @(
            @{ role = 'user'; parts = @('We ship on Friday.') }
            @{ role = 'model'; parts = @('Noted.') }
        )
        $chat.History.Count | Should -Be 2
        (Send-ChatMessage $chat 'When do we ship?').Text | Should -Not -BeNullOrEmpty
        $chat.History.Count | Should -Be 4
    }

    It 'refuses <Case> at once with GenAI.InvalidHistory, sending nothing' -ForEach @(
        @{ Case = 'a turn without parts'; History = @(@{ role = 'user'; parts = @() }); Message = 'History item 1 of 1 \(user\) has no parts' }
        @{ Case = 'an empty text part'; History = @(@{ role = 'user'; parts = @('Hi') }, @{ role = 'model'; parts = @('') }); Message = 'History item 2 of 2 \(model\): part 1 is empty' }
        @{ Case = 'an unknown role'; History = @(@{ role = 'assistant'; parts = @('Hello') }); Message = "role 'assistant'; a turn's role must be 'user' or 'model'" }
    ) {
        Clear-EmulatorRequest $emulator
        $caught = $null
        try { Start-ChatSession -History $History -ErrorAction Stop } catch { $caught = $_ }
        $caught | Should -Not -BeNullOrEmpty
        $caught.FullyQualifiedErrorId | Should -BeLike 'GenAI.InvalidHistory,*'
        $caught.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $caught.Exception.Message | Should -Match $Message
        $caught.ErrorDetails.RecommendedAction | Should -Match "role"
        @(Get-EmulatorRequest $emulator).Count | Should -Be 0
    }

    It 'refuses null parts: <Case>' -ForEach @(
        @{ Case = 'parts = $null'; History = @(@{ role = 'user'; parts = $null }) }
        @{ Case = 'parts = @($null)'; History = @(@{ role = 'user'; parts = @($null) }) }
    ) {
        { Start-ChatSession -History $History -ErrorAction Stop } | Should -Throw -ErrorId 'GenAI.InvalidHistory,GenAI.PowerShell.Commands.StartChatSessionCommand'
    }
}

Describe 'Send-ChatMessage: empty messages' {
    It 'refuses an empty-string message like a missing one, and the history is unchanged' {
        $chat = Start-ChatSession
        foreach ($empty in '', '  ') {
            $caught = $null
            try { Send-ChatMessage $chat $empty -ErrorAction Stop } catch { $caught = $_ }
            $caught.FullyQualifiedErrorId | Should -BeLike 'GenAI.EmptyPrompt,*'
        }
        $chat.History.Count | Should -Be 0
    }
}
