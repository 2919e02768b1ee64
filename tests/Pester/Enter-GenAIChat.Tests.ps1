# Enter-GenAIChat driven as a user drives it: a pwsh in a real terminal (tmux), keys typed, the screen read.
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TerminalSession.psm1') -Force
    $script:noTerminal = -not (Test-TerminalAvailable)
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'TerminalSession.psm1') -Force
    $script:emulator = Initialize-GenAITest
    $script:folder = Join-Path ([IO.Path]::GetTempPath()) "genai-chat-$([guid]::NewGuid().ToString('n'))"
    $null = New-Item -ItemType Directory -Path $folder
    Set-Content -Path (Join-Path $folder 'notes.txt') -Value 'remember the milk' -NoNewline
    function script:Esc([string] $text) { [regex]::Escape($text) }
    # Waits for $Pattern in the screen from the last prompt showing $After (the step's own input: '> ' + $After).
    function script:Wait-After([string] $After, [string] $Pattern, [int] $TimeoutSec = 30) {
        $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
        while ($true) {
            $text = Get-TerminalText $terminal
            $at = $text.LastIndexOf("> $After")
            if ($at -ge 0 -and $text.Substring($at) -match $Pattern) { return $text.Substring($at) }
            if ([DateTime]::UtcNow -gt $deadline) { throw "After '$After' the terminal did not show /$Pattern/ within $TimeoutSec s. It shows:`n$text" }
            Start-Sleep -Milliseconds 100
        }
    }
    if (-not (Test-TerminalAvailable)) { return }
    $script:terminal = Start-TerminalSession -Script @"
Set-Location '$folder'
Import-Module '$env:GENAI_TEST_MODULE'
Set-GenAIConfiguration -ApiKey (ConvertTo-SecureString '$($emulator.ApiKey)' -AsPlainText -Force) -BaseUri '$($emulator.BaseUri)'
Enter-GenAIChat -Model echo -SessionVariable chat
"AFTER-FIRST turns=`$(`$chat.TurnCount) model=`$(`$chat.Model.Name)"
`$chat.History | ForEach-Object { "H| `$(`$_.Role)| `$(`$_.Text)" }
`$out = `$chat | Enter-GenAIChat -PassThru
"AFTER-SECOND same=`$([object]::ReferenceEquals(`$out, `$chat)) turns=`$(`$out.TurnCount)"
Start-Sleep -Seconds 600
"@
}

AfterAll {
    Stop-TerminalSession $terminal
    if ($emulator) { $emulator | Stop-EmulatorProcess }
    Remove-Item $folder -Recurse -Force -ErrorAction SilentlyContinue
}

Describe "Enter-GenAIChat in a terminal (tmux; skipped where tmux is not installed)" -Skip:$noTerminal {
    It 'greets, then holds a three-turn conversation with each reply streamed under its prompt' {
        Wait-TerminalText $terminal 'Chat with models/echo \(0 turn\(s\) so far\)\..*\n.*You>$' | Out-Null
        Send-TerminalText $terminal 'my name is Ada' -Enter
        Wait-After 'my name is Ada' '^> my name is Ada\nEcho: my name is Ada\nYou>$' | Out-Null
        Send-TerminalText $terminal 'what is my name' -Enter
        Wait-After 'what is my name' '^> what is my name\nEcho: what is my name\nYou>$' | Out-Null
        Send-TerminalText $terminal 'thank you' -Enter
        $shown = Wait-After 'thank you' '^> thank you\nEcho: thank you\nYou>$'
        $shown | Should -Not -Match 'GenAI\.\w+' -Because 'no turn ended in an error'
        Get-TerminalText $terminal | Should -Match '(?s)Echo: my name is Ada.*Echo: what is my name.*Echo: thank you' -Because 'the three replies stay on screen in order'
    }

    It 'takes a line ending in a backslash and a paste of several lines as one message each' {
        Send-TerminalText $terminal 'first part \' -Enter
        Wait-After 'first part' '\n\.\.\.>$' | Out-Null
        Send-TerminalText $terminal 'second part' -Enter
        Wait-After 'first part' 'Echo: first part\nsecond part\nYou>$' | Out-Null
        Send-TerminalText $terminal "pasted one`npasted two`n"
        Wait-After 'pasted one' 'pasted one\n\.\.\.> pasted two\nEcho: pasted one\npasted two\nYou>$' | Out-Null
    }

    It 'completes a command with Tab, and /history shows the conversation' {
        Send-TerminalText $terminal '/hi'
        Send-TerminalKey $terminal Tab
        Wait-After '/hi' '^> /history$' | Out-Null
        Send-TerminalKey $terminal Enter
        $shown = Wait-After '/history' 'Model: Echo: pasted one\npasted two\nYou>$'
        $shown | Should -Match ('You: my name is Ada\nModel: Echo: my name is Ada\nYou: what is my name\n')
    }

    It '/file attaches a file to the next message only, and /undo takes that turn back' {
        Send-TerminalText $terminal '/file not'
        Send-TerminalKey $terminal Tab
        Wait-After '/file ' '^> /file (\./)?notes\.txt$' | Out-Null
        Send-TerminalKey $terminal Enter
        Wait-After '/file ' '^> /file (\./)?notes\.txt\nAttached notes\.txt \(text\): they go with the next message\.\nYou>$' | Out-Null
        Send-TerminalText $terminal 'read this' -Enter
        Wait-After 'read this' 'Echo: remember the milk read this\nYou>$' | Out-Null
        Send-TerminalText $terminal 'and now' -Enter
        Wait-After 'and now' 'Echo: and now\nYou>$' | Out-Null
        Send-TerminalText $terminal '/undo' -Enter
        Wait-After '/undo' 'Removed "and now" and its reply; the history holds 6 turn\(s\)\.\nYou>$' | Out-Null
    }

    It '/tokens counts the history and /save writes a file Import-ChatSession reads' {
        Send-TerminalText $terminal '/tokens' -Enter
        Wait-After '/tokens' 'The history \(6 turn\(s\)\) is [1-9]\d* token\(s\) for models/echo\.\nYou>$' | Out-Null
        Send-TerminalText $terminal '/save chat.json' -Enter
        Wait-After '/save chat.json' ('Saved the chat \(6 turn\(s\)\) to ' + (Esc (Join-Path $folder 'chat.json')) + '\.\nYou>$') | Out-Null
        $saved = Import-ChatSession -Path (Join-Path $folder 'chat.json')
        $saved.TurnCount | Should -Be 6
        $saved.History[-1].Text | Should -Be 'Echo: remember the milk read this'
    }

    It 'shows a blocked prompt as one error line, and the chat goes on with the history unchanged' {
        Send-TerminalText $terminal '/model blocked' -Enter
        Wait-After '/model blocked' 'Model: models/blocked\.\nYou>$' | Out-Null
        Send-TerminalText $terminal 'something forbidden' -Enter
        $shown = Wait-After 'something forbidden' '\nYou>$'
        $shown | Should -Match '^> something forbidden\nThe prompt was blocked by the service \(block reason: [A-Z_]+\)\. [^\n]*The turn was not added to the chat history\.\nYou>$'
    }

    It 'stops a reply in progress on Ctrl+C, keeps the partial text on screen, and the chat goes on' {
        Send-TerminalText $terminal '/model gated-chat' -Enter
        Wait-After '/model gated-chat' 'Model: models/gated-chat\.\nYou>$' | Out-Null
        Send-TerminalText $terminal 'one two three four five six seven eight' -Enter
        Wait-After 'one two three four five six seven eight' '\nEcho: one' | Out-Null   # the reply has started and waits for its gate
        Send-TerminalKey $terminal C-c
        Wait-After 'one two three four five six seven eight' '\nStopped\. The turn was not added to the chat history\.\nYou>$' | Out-Null
        Send-TerminalText $terminal '/model echo' -Enter
        Send-TerminalText $terminal 'still here' -Enter
        Wait-After 'still here' 'Echo: still here\nYou>$' | Out-Null
    }

    It 'leaves on /exit with the conversation in the -SessionVariable variable' {
        Send-TerminalText $terminal '/exit' -Enter
        $shown = Wait-After '/exit' '(?s)AFTER-FIRST turns=7 model=models/echo\n.*You>$'
        $shown | Should -Match 'H\| user\| my name is Ada\nH\| model\| Echo: my name is Ada\n'
        $shown | Should -Not -Match 'something forbidden|one two three four five six seven eight'
        $shown | Should -Match 'H\| model\| Echo: still here\n'
        $shown | Should -Match 'Chat with models/echo \(7 turn\(s\) so far\)'   # the second chat continues the session
    }

    It 'leaves on Ctrl+C at an empty prompt, and -PassThru writes the same session with the new turn' {
        Send-TerminalText $terminal 'one more' -Enter
        Wait-After 'one more' 'Echo: one more\nYou>$' | Out-Null
        Send-TerminalKey $terminal C-c
        Wait-After 'one more' 'You> ?\^C\nAFTER-SECOND same=True turns=8' | Out-Null
    }

    It 'never shows the API key' {
        Get-TerminalText $terminal | Should -Not -Match (Esc $emulator.ApiKey)
    }
}

Describe "Enter-GenAIChat with automatic function calling in a terminal (tmux; skipped where tmux is not installed)" -Skip:$noTerminal {
    BeforeAll {
        Stop-TerminalSession $terminal   # the first chat's terminal: its tests are done
        $script:terminal = Start-TerminalSession -Script @"
function Remove-TestStock {
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'High')]
    param([Parameter(Mandatory)] [string] `$Product)
    if (`$PSCmdlet.ShouldProcess(`$Product)) { `$global:removed += @(`$Product); "Removed `$Product" }
}
Import-Module '$env:GENAI_TEST_MODULE'
Set-GenAIConfiguration -ApiKey (ConvertTo-SecureString '$($emulator.ApiKey)' -AsPlainText -Force) -BaseUri '$($emulator.BaseUri)'
Enter-GenAIChat -Model gemini-2.5-flash -Tool (Get-Command Remove-TestStock) -AutomaticFunctionCalling -SessionVariable chat
"REMOVED=`$(`$global:removed -join ',') turns=`$(`$chat.TurnCount) contents=`$(`$chat.History.Count)"
Start-Sleep -Seconds 600
"@
    }

    AfterAll { Stop-TerminalSession $terminal }

    It 'asks at the prompt before running a command with side effects, and runs it only when the user says yes' {
        Wait-TerminalText $terminal 'You>$' | Out-Null
        Send-TerminalText $terminal 'Call Remove-TestStock with Product=tables' -Enter
        Wait-After 'Call Remove-TestStock with Product=tables' '\[Y\] Yes.*\[N\] No' | Out-Null
        Send-TerminalText $terminal 'n' -Enter
        Wait-After 'Call Remove-TestStock with Product=tables' 'Function Remove-TestStock returned \{"error":"The user declined to run Remove-TestStock; it was not run\."\}\nYou>$' | Out-Null
        Send-TerminalText $terminal 'Call Remove-TestStock with Product=chairs' -Enter
        Wait-After 'Call Remove-TestStock with Product=chairs' '\[Y\] Yes.*\[N\] No' | Out-Null
        Send-TerminalText $terminal 'y' -Enter
        # The command's own ShouldProcess asks too, as it would anywhere.
        Wait-After 'Call Remove-TestStock with Product=chairs' 'Performing the operation "Remove-TestStock" on target "chairs"\.\n\[Y\] Yes' | Out-Null
        Send-TerminalText $terminal 'y' -Enter
        Wait-After 'Call Remove-TestStock with Product=chairs' 'Function Remove-TestStock returned [^\n]*Removed chairs[^\n]*\nYou>$' | Out-Null
        Send-TerminalText $terminal '/exit' -Enter
        Wait-After '/exit' 'REMOVED=chairs turns=2 contents=8' | Out-Null
    }
}

Describe 'Enter-GenAIChat without a console' {
    It 'reads lines from redirected input and ends at its end, keeping the turns' {
        $script = @"
Import-Module '$env:GENAI_TEST_MODULE'
Set-GenAIConfiguration -ApiKey (ConvertTo-SecureString '$($emulator.ApiKey)' -AsPlainText -Force) -BaseUri '$($emulator.BaseUri)'
`$chat = Enter-GenAIChat -Model echo -PassThru
"turns=`$(`$chat.TurnCount)"
"@
        $file = Join-Path $folder 'redirected.ps1'
        Set-Content -Path $file -Value $script
        $self = Get-Process -Id $PID
        $command = if ($self.ProcessName -eq 'dotnet') { @('dotnet', (Join-Path $PSHOME 'pwsh.dll')) } else { @($self.Path) }
        $prefix = @($command | Select-Object -Skip 1)
        $output = "hello`n/frobnicate`nbye`n" | & $command[0] @prefix -NoProfile -File $file 2>&1 | ForEach-Object { "$_" }
        $text = $output -join "`n"
        $text | Should -Match 'Echo: hello'
        $text | Should -Match '/frobnicate is not a chat command'
        $text | Should -Match 'Echo: bye'
        $output[-1] | Should -Be 'turns=2'
    }
}
