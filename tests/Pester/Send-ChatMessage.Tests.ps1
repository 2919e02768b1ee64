BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:emulator = Initialize-GenAITest
    function script:New-Tag([string] $Scenario) { "$Scenario-$([guid]::NewGuid().ToString('n').Substring(0, 8))" }
}

AfterAll {
    $emulator | Stop-EmulatorProcess
}

Describe 'Start-ChatSession and Send-ChatMessage' -Tag 'Smoke' {
    BeforeEach { Clear-EmulatorRequest $emulator }

    It 'moves a file to the Files API when the history leaves it too little room in the request' {
        $first = Join-Path $TestDrive 'first.png'
        $second = Join-Path $TestDrive 'second.png'
        foreach ($path in $first, $second) { $stream = [IO.File]::Create($path); $stream.SetLength(9MB); $stream.Dispose() }
        $chat = Start-ChatSession -Model gemini-2.5-flash
        $null = Send-ChatMessage $chat 'one' -Path $first   # 12 MB once base64-encoded: inline
        @(Get-EmulatorRequest $emulator | Where-Object { $_.path -like '/upload/*' }).Count | Should -Be 0

        # Alone the second file would fit inline too, but not beside the first one in the history.
        $reply = Send-ChatMessage $chat 'two' -Path $second
        $reply.Text | Should -Match '^Echo: two \[fileData image/png http://127\.0\.0\.1:\d+/v1beta/files/[a-z0-9]+\]$'
        @(Get-EmulatorRequest $emulator | Where-Object { $_.query -like '*upload_id=*' }).Count | Should -BeGreaterThan 0
        (Get-EmulatorRequest $emulator | Where-Object path -Like '*:generateContent')[-1].bodyLength | Should -BeLessThan 20MB
        $chat.TurnCount | Should -Be 2
    }

    It 'builds a six-content history over three turns, each request carrying the whole history' {
        $chat = Start-ChatSession -Model gemini-2.5-flash
        $null = Send-ChatMessage -Session $chat -Message 'first'
        $null = $chat | Send-ChatMessage 'second'
        $third = Send-ChatMessage $chat 'third'
        $third.Text | Should -Be 'Echo: third'
        $chat.History.Count | Should -Be 6
        $chat.History.Role | Should -Be @('user', 'model', 'user', 'model', 'user', 'model')
        $chat.History.Text | Should -Be @('first', 'Echo: first', 'second', 'Echo: second', 'third', 'Echo: third')
        $chat.Last.Text | Should -Be 'Echo: third'
        $chat.Model.Name | Should -Be 'models/gemini-2.5-flash'
        $requests = @(Get-EmulatorRequest $emulator)
        $requests.Count | Should -Be 3
        $lastRequest = $requests[-1].body | ConvertFrom-Json
        $lastRequest.contents.Count | Should -Be 5
        $lastRequest.contents.role | Should -Be @('user', 'model', 'user', 'model', 'user')
        $lastRequest.contents.parts.text | Should -Be @('first', 'Echo: first', 'second', 'Echo: second', 'third')
    }

    It 'commits a streamed turn only as the aggregate of its chunks' {
        $chat = Start-ChatSession -Model gemini-2.5-flash
        $chunks = @(Send-ChatMessage $chat 'stream me please' -Stream)
        $chunks.Count | Should -BeGreaterThan 1
        $chat.History.Count | Should -Be 2
        $chat.History[1].Text | Should -Be (($chunks | ForEach-Object TextOrEmpty) -join '')
        $chat.History[1].Parts.Count | Should -Be 1
        $chat.Last.Text | Should -Be 'Echo: stream me please'
        $null = Send-ChatMessage $chat 'next'
        ((@(Get-EmulatorRequest $emulator)[-1].body | ConvertFrom-Json).contents[1].parts.text) | Should -Be 'Echo: stream me please'
    }

    It 'takes piped lines as one message' {
        $chat = Start-ChatSession -Model gemini-2.5-flash
        $null = 'line one', 'line two' | Send-ChatMessage -Session $chat
        $chat.History.Count | Should -Be 2
        $chat.History[0].Text | Should -Be "line one`nline two"
    }

    It 'leaves the history unchanged when the prompt is blocked, and says why' {
        $chat = Start-ChatSession -Model blocked -History @(@{ role = 'user'; parts = @('hi') }, @{ role = 'model'; parts = @('hello') })
        { Send-ChatMessage $chat 'bad' -ErrorAction Stop } | Should -Throw -ErrorId 'GenAI.PromptBlocked,GenAI.PowerShell.Commands.SendChatMessageCommand'
        $chat.History.Count | Should -Be 2
        $null = Send-ChatMessage $chat 'bad' -ErrorAction SilentlyContinue -ErrorVariable failure
        $failure[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $failure[0].ToString() | Should -Match 'block reason: SAFETY'
        $failure[0].ToString() | Should -Match 'not added to the chat history'
        $failure[0].TargetObject | Should -Be 'bad'
        $failure[0].Exception.Response.PromptFeedback.BlockReason | Should -Be 'SAFETY'
    }

    It 'leaves the history unchanged when the reply is stopped for <Reason>, and names the reason' -ForEach @(
        @{ Scenario = 'safety-stop'; Reason = 'SAFETY' }
        @{ Scenario = 'recitation'; Reason = 'RECITATION' }
    ) {
        $chat = Start-ChatSession -Model (New-Tag $Scenario) -History @{ role = 'user'; parts = 'earlier' }, @{ role = 'model'; parts = 'reply' }
        $reply = Send-ChatMessage $chat 'tell me' -ErrorAction SilentlyContinue -ErrorVariable failure
        $reply | Should -BeNullOrEmpty
        $failure.Count | Should -Be 1
        $failure[0].FullyQualifiedErrorId | Should -Be 'GenAI.CandidateStopped,GenAI.PowerShell.Commands.SendChatMessageCommand'
        $failure[0].CategoryInfo.Category | Should -Be 'InvalidResult'
        $failure[0].ToString() | Should -Match "finish reason $Reason"
        $failure[0].ToString() | Should -Match 'not added to the chat history'
        $chat.History.Text | Should -Be @('earlier', 'reply')
        $chat.Last | Should -BeNullOrEmpty
    }

    It 'writes the chunks of a SAFETY-stopped stream, then the error, and leaves the history unchanged' {
        $chat = Start-ChatSession -Model (New-Tag 'safety-stop')
        $chunks = @(Send-ChatMessage $chat 'tell me' -Stream -ErrorAction SilentlyContinue -ErrorVariable failure)
        $chunks.Count | Should -Be 3
        $chunks[-1].FinishReason | Should -Be 'SAFETY'
        $failure[0].FullyQualifiedErrorId | Should -Be 'GenAI.CandidateStopped,GenAI.PowerShell.Commands.SendChatMessageCommand'
        $chat.History.Count | Should -Be 0
    }

    It 'keeps the chunks of a stream that fails midway, leaves the history unchanged and says so' {
        $chat = Start-ChatSession -Model (New-Tag 'fault-midstream-3') -History @{ role = 'user'; parts = 'a' }, @{ role = 'model'; parts = 'b' }
        $chunks = @(Send-ChatMessage $chat 'one two three four five six' -Stream -ErrorAction SilentlyContinue -ErrorVariable failure)
        $chunks.Count | Should -Be 3
        ($chunks | ForEach-Object TextOrEmpty) -join '' | Should -Be 'Echo: one two '
        $failure.Count | Should -Be 1
        $failure[0].FullyQualifiedErrorId | Should -Be 'GenAI.StreamInterrupted,GenAI.PowerShell.Commands.SendChatMessageCommand'
        $failure[0].CategoryInfo.Category | Should -Be 'ConnectionError'
        $failure[0].ToString() | Should -Match 'after 3 chunk\(s\)'
        $failure[0].ToString() | Should -Match 'the turn was not added to the chat history'
        $failure[0].Exception.Partial.TextOrEmpty | Should -Be 'Echo: one two '
        $chat.History.Text | Should -Be @('a', 'b')
    }

    It 'refuses a model with several candidates' {
        $model = [GenAI.Core.Models.GenerativeModel]::new('gemini-2.5-flash')
        $model.GenerationConfig = [GenAI.Core.Protocol.GenerationConfig]@{ CandidateCount = 2 }
        { Start-ChatSession -Model $model } | Should -Throw -ErrorId 'GenAI.ChatMultipleCandidates,GenAI.PowerShell.Commands.StartChatSessionCommand'
    }

    It 'starts from a history of hashtables' {
        $chat = Start-ChatSession -Model gemini-2.5-flash -History @{ role = 'user'; parts = 'earlier' }, @{ role = 'model'; parts = 'reply' }
        $chat.History.Count | Should -Be 2
        $null = Send-ChatMessage $chat 'now'
        $chat.History.Count | Should -Be 4
        ((@(Get-EmulatorRequest $emulator)[-1].body | ConvertFrom-Json).contents[0].parts[0].text) | Should -Be 'earlier'
    }

    It 'starts from another session''s history, which stays independent' {
        $first = Start-ChatSession -Model gemini-2.5-flash
        $null = Send-ChatMessage $first 'shared start'
        $second = Start-ChatSession -Model gemini-2.5-flash -History $first.History
        $null = Send-ChatMessage $second 'only in the second'
        $first.History.Count | Should -Be 2
        $second.History.Count | Should -Be 4
        $second.History[0].Text | Should -Be 'shared start'
    }

    It 'does not let a change to a read history alter the session' {
        $chat = Start-ChatSession -Model gemini-2.5-flash
        $null = Send-ChatMessage $chat 'original'
        $chat.History[0].Parts[0].Text = 'tampered'
        $chat.History[0].Text | Should -Be 'original'
    }

    It 'keeps history pairs intact when one session is used from parallel runspaces' -Skip:($PSVersionTable.PSVersion.Major -lt 7) {
        $chat = Start-ChatSession -Model gemini-2.5-flash
        $module = $env:GENAI_TEST_MODULE
        1..6 | ForEach-Object -ThrottleLimit 6 -Parallel {
            Import-Module $using:module
            $null = Send-ChatMessage -Session $using:chat -Message "parallel $_"
        }
        $history = $chat.History
        $history.Count | Should -Be 12
        for ($i = 0; $i -lt 12; $i += 2) {
            $history[$i].Role | Should -Be 'user'
            $history[$i + 1].Role | Should -Be 'model'
            $history[$i + 1].Text | Should -Be "Echo: $($history[$i].Text)"
        }
        ($history | Where-Object Role -EQ 'user' | ForEach-Object Text | Sort-Object -Unique).Count | Should -Be 6
        @(Get-EmulatorRequest $emulator).Count | Should -Be 6
        ((@(Get-EmulatorRequest $emulator) | ForEach-Object { ($_.body | ConvertFrom-Json).contents.Count }) | Sort-Object) | Should -Be @(1, 3, 5, 7, 9, 11)
    }
}

Describe 'A chat session used from inside its own turn' {
    BeforeAll {
        # Runs $Body in a runspace of its own, so that a regression (the old re-entrant deadlock) fails this test
        # after a minute instead of hanging the whole suite.
        function script:Invoke-WithinMinute([string] $Body) {
            $ps = [powershell]::Create()
            $null = $ps.AddScript({
                param($module, $key, $uri, $body, $drive)
                Import-Module $module
                Set-GenAIConfiguration -ApiKey $key -BaseUri $uri
                & ([scriptblock]::Create($body)) $drive
            }.ToString()).AddArgument($env:GENAI_TEST_MODULE).AddArgument($emulator.ApiKey).AddArgument($emulator.BaseUri).AddArgument($Body).AddArgument($TestDrive)
            $handle = $ps.BeginInvoke()
            try {
                if (-not $handle.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds(60))) {
                    $null = $ps.BeginStop($null, $null)
                    throw 'The chat session hung: an operation inside its own turn waited on that turn.'
                }
                $ps.EndInvoke($handle)
            }
            finally {
                if ($handle.IsCompleted) { $ps.Dispose() }
            }
        }
    }

    It 'fails at once with GenAI.ChatBusy for every send, undo and history change made while its stream is read, and keeps the stream' {
        $result = Invoke-WithinMinute {
            param($drive)
            $chat = Start-ChatSession -Model gemini-2.5-flash
            $null = Send-ChatMessage $chat 'earlier'
            $caught = [System.Collections.Generic.List[object]]::new()
            $chunks = Send-ChatMessage $chat 'one two three four' -Stream | ForEach-Object {
                $_
                if ($_.ChunkIndex -eq 0) {
                    try { $null = Send-ChatMessage $chat 'inner' -ErrorAction Stop } catch { $caught.Add($_) }
                    try { $null = Send-ChatMessage $chat 'inner' -Stream -ErrorAction Stop } catch { $caught.Add($_) }
                    try { $null = Undo-ChatMessage $chat -ErrorAction Stop } catch { $caught.Add($_) }
                    try { $chat.History = @() } catch { $caught.Add($_) }
                    Export-ChatSession -Session $chat -Path (Join-Path $drive 'mid-stream.json')
                }
            }
            [pscustomobject]@{ Chunks = @($chunks).Count; Caught = $caught; History = @($chat.History.Text); Exported = (Get-Content -Raw (Join-Path $drive 'mid-stream.json') | ConvertFrom-Json).history.Count }
        }
        $result.Chunks | Should -BeGreaterThan 1
        $result.Caught.Count | Should -Be 4
        $result.Caught[0].FullyQualifiedErrorId | Should -Be 'GenAI.ChatBusy,GenAI.PowerShell.Commands.SendChatMessageCommand'
        $result.Caught[0].CategoryInfo.Category | Should -Be 'ResourceBusy'
        $result.Caught[0].TargetObject | Should -Be 'inner'
        $result.Caught[0].Exception.Message | Should -BeLike "Cannot send another message while a turn of this chat session is in flight: the streamed reply to 'one two three four' (started *) has not completed yet."
        $result.Caught[0].ErrorDetails.RecommendedAction | Should -Match 'read the whole stream'
        $result.Caught[1].FullyQualifiedErrorId | Should -Be 'GenAI.ChatBusy,GenAI.PowerShell.Commands.SendChatMessageCommand'
        $result.Caught[2].FullyQualifiedErrorId | Should -Be 'GenAI.ChatBusy,GenAI.PowerShell.Commands.UndoChatMessageCommand'
        $result.Caught[3].Exception.Message | Should -Match 'Cannot replace the chat history while a turn of this chat session is in flight'
        $result.Exported | Should -Be 2   # export writes the turns committed so far
        $result.History | Should -Be @('earlier', 'Echo: earlier', 'one two three four', 'Echo: one two three four')
    }

    It 'fails at once when a command the model called sends on the same session' {
        $result = Invoke-WithinMinute {
            $global:asideChat = Start-ChatSession -Model gemini-2.5-flash
            function Send-Aside {
                param([string] $Text)
                try { Send-ChatMessage $global:asideChat $Text -ErrorAction Stop } catch { "caught $($_.FullyQualifiedErrorId)" }
            }
            $reply = Send-ChatMessage $global:asideChat 'Please call Send-Aside Text=hello' -Tool (Get-Command Send-Aside) -AutomaticFunctionCalling -Force
            [pscustomobject]@{ Text = $reply.Text; History = $global:asideChat.History.Count }
        }
        $result.Text | Should -Match 'caught GenAI.ChatBusy,GenAI.PowerShell.Commands.SendChatMessageCommand'
        $result.History | Should -Be 4
    }
}

Describe 'Assigning the chat history' -Tag 'Smoke' {
    BeforeEach { Clear-EmulatorRequest $emulator }

    It 'replaces the history with a list, as Start-ChatSession -History takes it, and the next turn carries it' {
        $chat = Start-ChatSession -Model gemini-2.5-flash
        $null = Send-ChatMessage $chat 'first'
        $chat.History = @{ role = 'user'; parts = 'replaced' }, @{ role = 'model'; parts = 'noted' }
        $chat.History.Text | Should -Be @('replaced', 'noted')
        $null = Send-ChatMessage $chat 'next'
        (@(Get-EmulatorRequest $emulator)[-1].body | ConvertFrom-Json).contents.parts.text | Should -Be @('replaced', 'noted', 'next')
    }

    It 'takes an edited copy back: $h = @($chat.History); $h[-1] = ...; $chat.History = $h' {
        $chat = Start-ChatSession -Model gemini-2.5-flash
        $null = Send-ChatMessage $chat 'first'
        $h = @($chat.History)
        $h[-1] = @{ role = 'model'; parts = 'a better reply' }
        $h[0].Parts[0].Text = 'first, edited'
        $chat.History = $h
        $chat.History.Text | Should -Be @('first, edited', 'a better reply')
        $h[0].Parts[0].Text = 'changed after assigning'
        $chat.History[0].Text | Should -Be 'first, edited'   # a deep copy
        $chat.History += @{ role = 'user'; parts = 'appended' }, @{ role = 'model'; parts = 'too' }
        $chat.History.Count | Should -Be 4
        $other = Start-ChatSession -Model gemini-2.5-flash
        $other.History = $chat.History
        $other.History.Text | Should -Be @('first, edited', 'a better reply', 'appended', 'too')
        $chat.History = $null
        $chat.History.Count | Should -Be 0
    }

    It 'refuses an in-place edit of the read copy loudly, saying how to replace the history' {
        $chat = Start-ChatSession -Model gemini-2.5-flash
        $null = Send-ChatMessage $chat 'first'
        { $chat.History[-1] = $chat.History[0] } | Should -Throw '*read-only copy*$chat.History = $h*'
        { $chat.History.Add($chat.History[0]) } | Should -Throw '*read-only copy*'
        $chat.History.Text | Should -Be @('first', 'Echo: first')
    }

    It 'refuses a history that is not contents, naming the problem, and keeps the old one' {
        $chat = Start-ChatSession -Model gemini-2.5-flash -History @{ role = 'user'; parts = 'kept' }, @{ role = 'model'; parts = 'yes' }
        { $chat.History = @{ foo = 1 } } | Should -Throw "*is not a part or a content*"
        $chat.History.Text | Should -Be @('kept', 'yes')
    }
}

Describe 'Chat display' {
    It 'shows a session as its model, turns and a one-line preview of the last reply' {
        $chat = Start-ChatSession -Model gemini-2.5-flash
        $null = Send-ChatMessage $chat 'first'
        $null = Send-ChatMessage $chat "second with `e[31mcolour`e[0m and`nnew line"
        $text = $chat | Format-List | Out-String
        $text | Should -Match 'Model\s+: models/gemini-2.5-flash'
        $text | Should -Match 'Turns\s+: 2'
        $text | Should -Match 'History\s+: 4 content\(s\)'
        $text | Should -Match 'LastReply\s+: Echo: second with colour and new line'
        $text | Should -Not -Match "`e"
        "$chat" | Should -Be 'models/gemini-2.5-flash, 2 turn(s)'
    }

    It 'shows each turn as its role and text' {
        $chat = Start-ChatSession -Model gemini-2.5-flash -History @{ role = 'user'; parts = 'hello'; }, @{ role = 'model'; parts = @('hi', @{ inlineData = @{ mimeType = 'image/png'; data = 'AAECAw==' } }) }
        $lines = ($chat.History | Format-Table | Out-String) -split "`n" | Where-Object { $_.Trim() }
        $lines[0] | Should -Match '^Role\s+Text'
        $lines[2] | Should -Match '^user\s+hello'
        $lines[3] | Should -Match '^model\s+hi \[image/png, 4 bytes\]'
    }
}
