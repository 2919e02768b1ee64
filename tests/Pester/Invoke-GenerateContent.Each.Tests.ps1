BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:emulator = Initialize-GenAITest

    # The most requests whose arrival falls within (nearly) one reply delay: each holds a slot for at least
    # that long, so this is a lower bound of the peak concurrency, and never more than it. The window is 10 %
    # short of the delay because the emulator's timer may fire a little early against the wall clock that
    # stamps the requests, and on loopback the next request follows the previous reply within a millisecond.
    function script:Get-PeakConcurrency([object[]] $Requests, [int] $DelayMs) {
        $windowMs = $DelayMs * 0.9
        # Invoke-RestMethod turns the ISO timestamps into DateTime values (full precision).
        $times = @($Requests | ForEach-Object { if ($_.timestamp -is [datetime]) { $_.timestamp } else { [datetime]::Parse($_.timestamp, [cultureinfo]::InvariantCulture) } } | Sort-Object)
        $peak = 0
        for ($i = 0; $i -lt $times.Count; $i++) {
            $inWindow = @($times | Where-Object { $_ -ge $times[$i] -and ($_ - $times[$i]).TotalMilliseconds -lt $windowMs }).Count
            if ($inWindow -gt $peak) { $peak = $inWindow }
        }
        return $peak
    }
}

AfterAll {
    $emulator | Stop-EmulatorProcess
}

Describe 'Invoke-GenerateContent -Each' {
    BeforeEach { Clear-EmulatorRequest $emulator }

    It 'sends 20 prompts as 20 requests, at most 4 at a time, and writes 20 replies in input order' {
        $prompts = 1..20 | ForEach-Object { "prompt $_" }
        $replies = @($prompts | Invoke-GenerateContent -Model delay-600ms-each -Each -ThrottleLimit 4)
        $replies.Count | Should -Be 20
        $replies.Text | Should -Be ($prompts | ForEach-Object { "Echo: $_" })
        $requests = @(Get-EmulatorRequest $emulator)
        $requests.Count | Should -Be 20
        Get-PeakConcurrency $requests 600 | Should -Be 4
    }

    It 'keeps to -ThrottleLimit 1 (one request at a time)' {
        $null = 1..3 | Invoke-GenerateContent -Model delay-300ms-serial -Each -ThrottleLimit 1
        Get-PeakConcurrency @(Get-EmulatorRequest $emulator) 300 | Should -Be 1
    }

    It 'starts the items in input order, so -ThrottleLimit 1 sends them in that order' {
        $prompts = 1..12 | ForEach-Object { "item $_" }
        $null = $prompts | Invoke-GenerateContent -Model gemini-2.5-flash -Each -ThrottleLimit 1
        $sent = @(Get-EmulatorRequest $emulator | Sort-Object { [int] $_.sequence } | ForEach-Object { ($_.body | ConvertFrom-Json).contents[0].parts[0].text })
        $sent | Should -Be $prompts
    }

    It 'puts -Prompt and -Path before every item' {
        $image = Join-Path $TestDrive 'x.png'
        [IO.File]::WriteAllBytes($image, [byte[]](1, 2))
        $replies = @('first', 'second' | Invoke-GenerateContent 'Translate:' -Path $image -Model gemini-2.5-flash -Each)
        $replies.Text | Should -Be @('Echo: Translate: [inlineData image/png 2 bytes] first', 'Echo: Translate: [inlineData image/png 2 bytes] second')
    }

    It 'writes a failed item as a non-terminating error on that item, in its turn, and goes on' {
        $items = @('one', @{ bogus = 1 }, 'three')
        $out = @($items | Invoke-GenerateContent -Model gemini-2.5-flash -Each -ErrorAction SilentlyContinue -ErrorVariable failure)
        $out.Text | Should -Be @('Echo: one', 'Echo: three')
        $failure.Count | Should -Be 1
        $failure[0].FullyQualifiedErrorId | Should -Be 'GenAI.UnrecognizedPart,GenAI.PowerShell.Commands.InvokeGenerateContentCommand'
        $failure[0].TargetObject.bogus | Should -Be 1
        @(Get-EmulatorRequest $emulator).Count | Should -Be 2
    }

    It 'reports a blocked item as GenAI.PromptBlocked with that item as target, and still writes its reply' {
        $replies = @('a', 'b' | Invoke-GenerateContent -Model blocked -Each -ErrorAction SilentlyContinue -ErrorVariable failure)
        $replies.Count | Should -Be 2
        $failure.Count | Should -Be 2
        $failure.TargetObject | Should -Be @('a', 'b')
        $failure[0].Exception.Message | Should -Match 'SAFETY'
    }

    It 'streams each item in input order with -Stream' {
        $chunks = @('alpha beta gamma', 'delta epsilon' | Invoke-GenerateContent -Model gemini-2.5-flash -Each -Stream)
        $chunks.Count | Should -BeGreaterThan 4
        $streams = @($chunks | Group-Object StreamId | Sort-Object { $chunks.IndexOf(($_.Group[0])) })
        $streams.Count | Should -Be 2
        ($chunks.TextOrEmpty -join '') | Should -Be 'Echo: alpha beta gammaEcho: delta epsilon'
        ($chunks | Join-GenAIResponse).Text | Should -Be @('Echo: alpha beta gamma', 'Echo: delta epsilon')
    }

    It 'cancels every request in flight on Ctrl+C' {
        $ps = [powershell]::Create()
        $null = $ps.AddScript({
                param($ModulePath, $BaseUri, $Key)
                Import-Module $ModulePath
                Set-GenAIConfiguration -ApiKey $Key -BaseUri $BaseUri
                1..6 | Invoke-GenerateContent -Model fault-hang-each -Each -ThrottleLimit 3
            }).AddArgument($env:GENAI_TEST_MODULE).AddArgument($emulator.BaseUri).AddArgument($emulator.ApiKey)
        $handle = $ps.BeginInvoke()
        try {
            $deadline = [DateTime]::UtcNow.AddSeconds(30)
            while (@(Get-EmulatorRequest $emulator).Count -lt 3 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
            @(Get-EmulatorRequest $emulator).Count | Should -Be 3 -Because 'three requests are in flight, the other three wait for a slot'
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $ps.Stop()
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 5
            $handle.IsCompleted | Should -BeTrue
            # The queued items complete as cancelled without running (OrderedBatchTests checks that without timing).
            @(Get-EmulatorRequest $emulator).Count | Should -Be 3 -Because 'the waiting items have not started when the stop returns'
        }
        finally { $ps.Dispose() }
    }
}

Describe 'Invoke-GenerateContent -Each: replies carry their input' {
    It 'adds InputObject to every reply, and Path for files, so results join back without relying on order' {
        $dir = Join-Path $TestDrive 'each-input'
        $null = New-Item -ItemType Directory -Path $dir
        foreach ($name in 'a.txt', 'b.txt', 'c.txt') { Set-Content -Path (Join-Path $dir $name) -Value "content of $name" }
        $files = @(Get-ChildItem $dir -Filter *.txt | Sort-Object Name)
        $replies = @($files | Invoke-GenerateContent 'Summarise:' -Each -ThrottleLimit 3)
        $replies.Count | Should -Be 3
        foreach ($reply in $replies) {
            $reply.InputObject | Should -BeOfType [IO.FileInfo]
            $reply.Path | Should -Be $reply.InputObject.FullName
            $reply.Text | Should -BeLike "*content of $($reply.InputObject.Name)*" -Because 'the reply is the one for that file'
        }
        @($replies.Path) | Should -Be @($files.FullName)
    }

    It 'adds InputObject to text items and to every streamed chunk' {
        $replies = @('alpha', 'beta' | Invoke-GenerateContent -Each)
        @($replies.InputObject) | Should -Be @('alpha', 'beta')
        $replies[0].PSObject.Properties['Path'] | Should -BeNullOrEmpty -Because 'only files have a path'
        $chunks = @('gamma', 'delta' | Invoke-GenerateContent -Each -Stream)
        $chunks.Count | Should -BeGreaterThan 2
        $chunks | ForEach-Object { $_.InputObject | Should -BeIn 'gamma', 'delta' }
        ($chunks | Where-Object InputObject -eq 'delta' | Join-GenAIResponse).Text | Should -BeLike '*delta*'
    }

    It 'does not add InputObject without -Each' {
        (Invoke-GenerateContent 'plain').PSObject.Properties['InputObject'] | Should -BeNullOrEmpty
    }
}
