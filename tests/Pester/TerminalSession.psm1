# A real terminal for tests that drive interactive commands as a user would: a pwsh running in a private tmux
# server (its own socket), keys sent with send-keys, the screen read with capture-pane.

function Test-TerminalAvailable { [bool](Get-Command tmux -CommandType Application -ErrorAction Ignore) }

# Starts pwsh (the same one as this process) in a new tmux session running $Script; -NoExit keeps it at an
# interactive prompt (with PSReadLine) afterwards.
function Start-TerminalSession {
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $Script, [switch] $NoExit, [int] $Width = 150, [int] $Height = 50)
    $self = Get-Process -Id $PID
    $pwsh = if ($self.ProcessName -eq 'dotnet') { "dotnet '$(Join-Path $PSHOME 'pwsh.dll')'" } else { "'$($self.Path)'" }
    $file = Join-Path ([IO.Path]::GetTempPath()) "genai-terminal-$([guid]::NewGuid().ToString('n')).ps1"
    Set-Content -Path $file -Value $Script -Encoding utf8
    $socket = "genai-test-$([guid]::NewGuid().ToString('n').Substring(0, 12))"
    $mode = if ($NoExit) { "-NoExit -Command `". '$file'`"" } else { "-File '$file'" }
    & tmux -L $socket -f /dev/null new-session -d -s main -x $Width -y $Height "$pwsh -NoProfile -NoLogo $mode"
    if ($LASTEXITCODE -ne 0) { throw "tmux could not start a session (exit code $LASTEXITCODE)." }
    & tmux -L $socket set-option -t main history-limit 5000 | Out-Null
    [pscustomobject]@{ Socket = $socket; Script = $file }
}

function Send-TerminalKey {
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Session, [Parameter(Mandatory, ValueFromRemainingArguments)] [string[]] $Key)
    & tmux -L $Session.Socket send-keys -t main @Key
}

# Types text literally (no key names), then optionally Enter.
function Send-TerminalText {
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Session, [Parameter(Mandatory)] [string] $Text, [switch] $Enter)
    & tmux -L $Session.Socket send-keys -t main -l $Text
    if ($Enter) { & tmux -L $Session.Socket send-keys -t main Enter }
}

# The whole screen and its scrollback, lines joined with "`n", trailing blanks removed.
function Get-TerminalText {
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Session)
    ((& tmux -L $Session.Socket capture-pane -p -J -t main -S -5000) | ForEach-Object { $_.TrimEnd() }) -join "`n" -replace '\n+$', ''
}

# Waits until the screen text matches $Pattern (regex); throws with the screen when it does not within the time.
function Wait-TerminalText {
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Session, [Parameter(Mandatory)] [string] $Pattern, [int] $TimeoutSec = 30)
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
    while ($true) {
        $text = Get-TerminalText $Session
        if ($text -match $Pattern) { return $text }
        if ([DateTime]::UtcNow -gt $deadline) { throw "The terminal did not show /$Pattern/ within $TimeoutSec s. It shows:`n$text" }
        Start-Sleep -Milliseconds 100
    }
}

function Stop-TerminalSession {
    [CmdletBinding()]
    param($Session)
    if (-not $Session) { return }
    & tmux -L $Session.Socket kill-server 2>$null
    Remove-Item $Session.Script -ErrorAction SilentlyContinue
}

Export-ModuleMember -Function Test-TerminalAvailable, Start-TerminalSession, Send-TerminalKey, Send-TerminalText, Get-TerminalText, Wait-TerminalText, Stop-TerminalSession
