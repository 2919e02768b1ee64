BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:emulator = Initialize-GenAITest
}

AfterAll {
    $emulator | Stop-EmulatorProcess
}

Describe 'Start-ChatSession and Send-ChatMessage' {
    BeforeEach { Clear-EmulatorRequest $emulator }

    It 'builds a six-content history over three turns, each request carrying the whole history' {
        $chat = Start-ChatSession -Model gemini-2.5-flash
        $null = Send-ChatMessage -Session $chat -Message 'first'
        $null = $chat | Send-ChatMessage 'second'
        $third = Send-ChatMessage $chat 'third'
        $third.Text | Should -Be 'Echo: third'
        $chat.History.Count | Should -Be 6
        $chat.History.Role | Should -Be @('user', 'model', 'user', 'model', 'user', 'model')
        $chat.History[4].Text | Should -Be 'third'
        $chat.History[5].Text | Should -Be 'Echo: third'
        $chat.Last.Text | Should -Be 'Echo: third'
        $lastRequest = (@(Get-EmulatorRequest $emulator)[-1].body | ConvertFrom-Json)
        $lastRequest.contents.Count | Should -Be 5
        $lastRequest.contents[0].parts[0].text | Should -Be 'first'
    }

    It 'commits a streamed turn only as the aggregate of its chunks' {
        $chat = Start-ChatSession -Model gemini-2.5-flash
        $chunks = @(Send-ChatMessage $chat 'stream me please' -Stream)
        $chunks.Count | Should -BeGreaterThan 1
        $chat.History.Count | Should -Be 2
        $chat.History[1].Text | Should -Be (($chunks | ForEach-Object TextOrEmpty) -join '')
    }

    It 'takes piped lines as one message' {
        $chat = Start-ChatSession -Model gemini-2.5-flash
        $null = 'line one', 'line two' | Send-ChatMessage -Session $chat
        $chat.History.Count | Should -Be 2
        $chat.History[0].Text | Should -Be "line one`nline two"
    }

    It 'leaves the history unchanged when the prompt is blocked' {
        $chat = Start-ChatSession -Model blocked -History @(@{ role = 'user'; parts = @('hi') }, @{ role = 'model'; parts = @('hello') })
        { Send-ChatMessage $chat 'bad' -ErrorAction Stop } | Should -Throw -ErrorId 'GenAI.PromptBlocked,GenAI.PowerShell.Commands.SendChatMessageCommand'
        $chat.History.Count | Should -Be 2
    }

    It 'starts from a history of hashtables' {
        $chat = Start-ChatSession -Model gemini-2.5-flash -History @{ role = 'user'; parts = 'earlier' }, @{ role = 'model'; parts = 'reply' }
        $chat.History.Count | Should -Be 2
        $null = Send-ChatMessage $chat 'now'
        $chat.History.Count | Should -Be 4
        ((@(Get-EmulatorRequest $emulator)[-1].body | ConvertFrom-Json).contents[0].parts[0].text) | Should -Be 'earlier'
    }
}
