BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:emulator = Initialize-GenAITest
}

AfterAll {
    $emulator | Stop-EmulatorProcess
}

Describe 'Format views' -Tag 'Smoke' {
    It 'shows a reply as its text and a one-line summary' {
        $text = Invoke-GenerateContent 'Hello there' -Model gemini-2.5-flash | Out-String
        $lines = @($text.Trim() -split '\r?\n')
        $lines[0] | Should -Be 'Echo: Hello there'
        $lines[1] | Should -Match '^-- STOP, 2 in / 4 out tokens, \S+$'
    }

    It 'shows a blocked reply as such' {
        $text = Invoke-GenerateContent 'x' -Model blocked -ErrorAction SilentlyContinue | Out-String
        $text | Should -Match '\[prompt blocked: SAFETY\]'
        $text | Should -Match '-- blocked: SAFETY'
    }

    It 'shows collected chunks one per line, text only, and does not tag chunks that are not going to the console' {
        $chunks = @(Invoke-GenerateContent 'one two' -Model gemini-2.5-flash -Stream)
        $chunks[0].PSObject.TypeNames | Should -Not -Contain 'GenAI.StreamChunk'
        @(($chunks | Out-String).Trim() -split '\r?\n') | Should -Be @('Echo: ', 'one ', 'two')
    }

    It 'keeps the console view for chunks shown as they come, not for chunks captured on the line: <Line>' -ForEach @(
        @{ Line = 'Invoke-GenerateContent -Stream hi'; Captured = $false }
        @{ Line = 'foreach ($p in 1, 2) { Invoke-GenerateContent -Stream $p }'; Captured = $false }
        @{ Line = '1..2 | ForEach-Object { Invoke-GenerateContent -Stream $_ }'; Captured = $false }
        @{ Line = 'Invoke-GenerateContent -Stream hi > out.txt'; Captured = $true }
        @{ Line = '$chunks = Invoke-GenerateContent -Stream hi'; Captured = $true }
        @{ Line = '$chunks = if ($on) { Invoke-GenerateContent -Stream hi }'; Captured = $true }
        @{ Line = '(Invoke-GenerateContent -Stream hi).Count'; Captured = $true }
        @{ Line = 'Write-Output @(Invoke-GenerateContent -Stream hi)'; Captured = $true }
        @{ Line = 'Get-Content p.txt | ForEach-Object { Invoke-GenerateContent -Stream $_ } | Out-File a.txt'; Captured = $true }
        @{ Line = '$all = Get-Content p.txt | ForEach-Object { Invoke-GenerateContent -Stream $_ }'; Captured = $true }
        @{ Line = '1..2 | ForEach-Object { Invoke-GenerateContent -Stream $_ } > a.txt'; Captured = $true }
        @{ Line = '& { Invoke-GenerateContent -Stream hi }'; Captured = $false }
    ) {
        $decide = [GenAI.PowerShell.Formatting.StreamChunkView].Assembly.GetType('GenAI.PowerShell.Formatting.ChunkDisplay').GetMethod('IsCapturedOrRedirected', [Reflection.BindingFlags]'NonPublic, Static')
        $decide.Invoke($null, [object[]]@($Line, ($Line.IndexOf('Invoke-GenerateContent') + 1))) | Should -Be $Captured
    }

    It 'renders tagged chunks as continuous text: each after the first moves back to where the previous ended' {
        $chunks = @(Invoke-GenerateContent 'alpha beta' -Model gemini-2.5-flash -Stream)
        $esc = [char]27
        $rendered = $chunks | ForEach-Object { [GenAI.PowerShell.Formatting.StreamChunkView]::Render($_, $Host) }
        $rendered[0] | Should -Be 'Echo: '
        $rendered[1] | Should -Be "$esc[1A`r$esc[6Calpha "
        $rendered[2] | Should -Be "$esc[1A`r$esc[12Cbeta"
        [GenAI.PowerShell.Formatting.StreamChunkView]::Render($chunks[0], $Host) | Should -Be 'Echo: ' -Because 'a new stream starts on its own line'
    }

    It 'strips control characters and escape sequences from model text' {
        [GenAI.PowerShell.Formatting.StreamChunkView]::Sanitize("a`e[31mred`e[0m`a b`r`nc") | Should -Be "ared b`nc"
    }

    It 'shows token counts and usage as tables' {
        (Measure-Tokens 'one two' -Model gemini-2.5-flash | Out-String) | Should -Match 'TotalTokens'
        ((Invoke-GenerateContent 'x' -Model gemini-2.5-flash).UsageMetadata | Out-String) | Should -Match 'Prompt\s+Cached\s+Candidates\s+Thoughts\s+ToolUse\s+Total'
    }
}

Describe 'Format views at the default width' {
    It 'shows every supported method of a model, whole, one per line (the column wraps instead of being cut off)' {
        $model = Get-GenAIModel gemini-2.5-flash
        $model.SupportedGenerationMethods.Count | Should -BeGreaterThan 2
        foreach ($width in 80, 120) {
            $lines = @(($model | Out-String -Width $width) -split '\r?\n')
            ($lines -join "`n") | Should -Not -Match '…|\.\.\.' -Because "nothing is truncated at width $width"
            foreach ($method in $model.SupportedGenerationMethods) {
                @($lines | Where-Object { $_ -match "\s$method\s*$" }) | Should -Not -BeNullOrEmpty -Because "$method ends a line whole at width $width"
            }
        }
    }

    It 'shows a cached content''s expiry whole, in local time with the zone' {
        $cache = New-GenAICachedContent 'A document worth caching.' -Model gemini-2.5-flash -DisplayName 'format-test' -Ttl 3600
        try {
            $expected = [GenAI.PowerShell.Formatting.LocalTimeText]::Format([datetimeoffset]::Parse($cache.ExpireTime, [cultureinfo]::InvariantCulture))
            $expected | Should -Match '^\d{4}-\d\d-\d\d \d\d:\d\d UTC([+-]\d\d:\d\d)?$'
            ($cache | Out-String -Width 120) | Should -Match ([regex]::Escape($expected))
            # Narrower, the last column wraps at its spaces: every part is still there, nothing is cut off.
            $narrow = $cache | Out-String -Width 80
            $narrow | Should -Not -Match '…'
            ($narrow -replace '\s+', ' ') | Should -Match ([regex]::Escape($expected))
        }
        finally { Remove-GenAICachedContent $cache.Name -Confirm:$false }
    }

    It 'writes times as local time with the offset, and UTC as UTC' {
        $utc = [datetimeoffset]::new(2026, 3, 14, 9, 12, 0, [timespan]::Zero)
        $local = $utc.ToLocalTime()
        $zone = if ($local.Offset -eq [timespan]::Zero) { 'UTC' } else { 'UTC' + $local.ToString('zzz') }
        [GenAI.PowerShell.Formatting.LocalTimeText]::Format('2026-03-14T09:12:00.123456Z') | Should -Be ($local.ToString('yyyy-MM-dd HH:mm') + " $zone")
        [GenAI.PowerShell.Formatting.LocalTimeText]::Format('soon') | Should -Be 'soon'
        [GenAI.PowerShell.Formatting.LocalTimeText]::Format($null) | Should -Be ''
    }
}
