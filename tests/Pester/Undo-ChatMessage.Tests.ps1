BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:emulator = Initialize-GenAITest
}

AfterAll {
    $emulator | Stop-EmulatorProcess
}

Describe 'Undo-ChatMessage' {
    BeforeEach { Clear-EmulatorRequest $emulator }

    It 'removes exactly the last message and its reply, and writes them' {
        $chat = Start-ChatSession -Model gemini-2.5-flash
        $null = Send-ChatMessage $chat 'one'
        $null = Send-ChatMessage $chat 'two'
        $removed = @(Undo-ChatMessage -Session $chat)
        $removed.Count | Should -Be 2
        $removed[0] | Should -BeOfType ([GenAI.Core.Protocol.Content])
        $removed.Role | Should -Be @('user', 'model')
        $removed.Text | Should -Be @('two', 'Echo: two')
        $chat.History.Text | Should -Be @('one', 'Echo: one')
        $chat.Last | Should -BeNullOrEmpty
    }

    It 'lets the conversation continue as if the undone turn never happened' {
        $chat = Start-ChatSession -Model gemini-2.5-flash
        $null = Send-ChatMessage $chat 'keep'
        $null = Send-ChatMessage $chat 'regret'
        $null = $chat | Undo-ChatMessage
        $null = Send-ChatMessage $chat 'instead'
        (@(Get-EmulatorRequest $emulator)[-1].body | ConvertFrom-Json).contents.parts.text | Should -Be @('keep', 'Echo: keep', 'instead')
        $chat.History.Count | Should -Be 4
    }

    It 'reports an empty history as an error and changes nothing' {
        $chat = Start-ChatSession -Model gemini-2.5-flash -History @{ role = 'user'; parts = 'lonely' }
        $result = Undo-ChatMessage $chat -ErrorAction SilentlyContinue -ErrorVariable failure
        $result | Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -Be 'GenAI.ChatHistoryEmpty,GenAI.PowerShell.Commands.UndoChatMessageCommand'
        $failure[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $failure[0].ToString() | Should -Match 'holds 1 content'
        $chat.History.Count | Should -Be 1
    }

    It 'changes nothing with -WhatIf' {
        $chat = Start-ChatSession -Model gemini-2.5-flash
        $null = Send-ChatMessage $chat 'stay'
        $whatIf = Invoke-WithCapturedHost { param($chat) Undo-ChatMessage $chat -WhatIf } -ArgumentList $chat
        $whatIf | Should -Match '^What if: '
        $chat.History.Count | Should -Be 2
    }
}
