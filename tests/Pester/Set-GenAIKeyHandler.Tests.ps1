# The key handlers as a user meets them: an interactive pwsh (with PSReadLine) in a real terminal (tmux), a
# command line typed, the key pressed, and the line PSReadLine is left holding read from the screen.
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TerminalSession.psm1') -Force
    $script:noTerminal = -not (Test-TerminalAvailable)
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'TerminalSession.psm1') -Force
    $script:emulator = Initialize-GenAITest
    $script:folder = Join-Path ([IO.Path]::GetTempPath()) "genai-keys-$([guid]::NewGuid().ToString('n'))"
    $null = New-Item -ItemType Directory -Path $folder
    # The line PSReadLine shows after the last prompt (the prompt is 'PS> ').
    function script:Get-PromptLine {
        $last = (Get-TerminalText $terminal) -split "\n" | Where-Object { $_ -like 'PS>*' } | Select-Object -Last 1
        $last -replace '^PS> ?', ''
    }
    function script:Wait-PromptLine([string] $Expected, [int] $TimeoutSec = 30) {
        $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
        while ((Get-PromptLine) -ne $Expected) {
            if ([DateTime]::UtcNow -gt $deadline) { throw "The command line is '$(Get-PromptLine)', not '$Expected'. The terminal shows:`n$(Get-TerminalText $terminal)" }
            Start-Sleep -Milliseconds 100
        }
    }
    if (-not (Test-TerminalAvailable)) { return }
    $script:terminal = Start-TerminalSession -NoExit -Script @"
function prompt { 'PS> ' }
Set-Location '$folder'
Import-Module '$env:GENAI_TEST_MODULE'
Set-GenAIConfiguration -ApiKey (ConvertTo-SecureString '$($emulator.ApiKey)' -AsPlainText -Force) -BaseUri '$($emulator.BaseUri)'
Set-GenAIKeyHandler -Model echo
Set-GenAIKeyHandler -Chord Ctrl+f -Mode Fix -Model echo
Set-GenAIKeyHandler -Chord Ctrl+o -Mode Explain -Model echo -PassThru | Format-List Chord, Mode, Model
"@
}

AfterAll {
    Stop-TerminalSession $terminal
    if ($emulator) { $emulator | Stop-EmulatorProcess }
    Remove-Item $folder -Recurse -Force -ErrorAction SilentlyContinue
}

Describe "Set-GenAIKeyHandler in a terminal (tmux; skipped where tmux is not installed)" -Skip:$noTerminal {
    It 'binds the keys and says what each does' {
        $shown = Wait-TerminalText $terminal 'Chord : Ctrl\+o\nMode\s+: Explain\nModel : models/echo'
        $shown | Should -Not -Match 'Exception|GenAI\.\w+' -Because 'binding the three keys raised no error'
        Wait-PromptLine ''
        Get-PromptLine | Should -BeNullOrEmpty
    }

    It 'Complete replaces the command line with the answer and runs nothing' {
        Send-TerminalText $terminal "New-Item -Path created.txt"
        Send-TerminalKey $terminal C-g
        Wait-PromptLine 'Echo: New-Item -Path created.txt'
        Join-Path $folder 'created.txt' | Should -Not -Exist
        Send-TerminalKey $terminal C-c   # PSReadLine: cancel the line
        Wait-PromptLine ''
    }

    It 'Fix on an empty line sends the last command and its error, and leaves the fixed line to edit' {
        Send-TerminalText $terminal 'Get-Item ./no-such-file.txt' -Enter
        Wait-TerminalText $terminal 'Cannot find path' | Out-Null
        Wait-PromptLine ''
        Send-TerminalKey $terminal C-f
        Wait-PromptLine ("Echo: Get-Item ./no-such-file.txt The error: Cannot find path '" + (Join-Path $folder 'no-such-file.txt') + "' because it does not exist.")
        Send-TerminalKey $terminal C-c
        Wait-PromptLine ''
    }

    It 'Explain prints the answer under the line and leaves the line as typed' {
        Send-TerminalText $terminal 'Get-Date -Format o'
        Send-TerminalKey $terminal C-o
        Wait-TerminalText $terminal 'PS> Get-Date -Format o\nEcho: Get-Date -Format o\nPS> Get-Date -Format o$' | Out-Null
        Send-TerminalKey $terminal C-c
        Wait-PromptLine ''
    }

    It 'shows a failure in one line and leaves the line alone' {
        Send-TerminalKey $terminal C-g   # nothing typed
        Wait-TerminalText $terminal 'The command line is empty: type a command, or describe one in words, and press the key again\.\nPS>$' | Out-Null
    }

    It 'Remove-GenAIKeyHandler unbinds the keys' {
        Send-TerminalText $terminal 'Remove-GenAIKeyHandler; "removed: $(@(Get-PSReadLineKeyHandler -Bound | Where-Object Function -eq GenAI).Count)"' -Enter
        Wait-TerminalText $terminal 'removed: 0' | Out-Null
        Clear-EmulatorRequest $emulator
        Send-TerminalText $terminal 'abc'
        Send-TerminalKey $terminal C-g
        Send-TerminalText $terminal 'Z'   # keys are handled in order: once Z shows, the C-g key has been handled
        Wait-TerminalText $terminal '(?m)^PS> abc.*Z$' | Out-Null
        Get-PromptLine | Should -BeLike 'abc*Z'
        @(Get-EmulatorRequest $emulator).Count | Should -Be 0 -Because 'the key is PSReadLine''s own again: the model is not asked'
        Get-PromptLine | Should -Not -Match 'Echo'
        Get-TerminalText $terminal | Should -Not -Match ([regex]::Escape($emulator.ApiKey))
    }
}

Describe 'Set-GenAIKeyHandler where PSReadLine is not loaded' {
    It 'ends with GenAI.PSReadLineNotLoaded, and so does Remove-GenAIKeyHandler' {
        $result = Invoke-TestPwsh -Script @"
Import-Module '$env:GENAI_TEST_MODULE'
Remove-Module PSReadLine -ErrorAction SilentlyContinue
foreach (`$command in { Set-GenAIKeyHandler -Mode Fix }, { Remove-GenAIKeyHandler }) {
    try { & `$command; 'no error' } catch { "`$(`$_.FullyQualifiedErrorId)|`$(`$_.CategoryInfo.Category)|`$(`$_.Exception.Message)" }
}
"@
        $result.Output | Should -HaveCount 2
        foreach ($line in $result.Output) {
            $id, $category, $message = $line -split '\|'
            $id | Should -BeLike 'GenAI.PSReadLineNotLoaded,GenAI.PowerShell.Commands.*GenAIKeyHandlerCommand'
            $category | Should -Be 'ResourceUnavailable'
            $message | Should -BeLike 'PSReadLine is not loaded in this session*'
        }
    }

    It 'rejects a mode it does not know' {
        { Set-GenAIKeyHandler -Mode Translate } | Should -Throw -ErrorId 'CannotConvertArgumentNoMessage,GenAI.PowerShell.Commands.SetGenAIKeyHandlerCommand'
    }
}
