# Retries, timeouts, Ctrl+C and typed errors of every emulator fault scenario, through the cmdlets.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:emulator = Initialize-GenAITest
    $script:generate = 'GenAI.PowerShell.Commands.InvokeGenerateContentCommand'

    # A scenario model with a tag of its own, so counters and request counts belong to one test.
    function New-Model([string] $Scenario) { "$Scenario-$([guid]::NewGuid().ToString('n').Substring(0, 8))" }

    function Get-RequestCount([string] $Model) {
        @(Get-EmulatorRequest $emulator | Where-Object { $_.path -like "*/models/${Model}:*" }).Count
    }

    # Starts a command in its own runspace; returns the PowerShell instance, its output and handle.
    function Start-Background([scriptblock] $Script, [object[]] $Arguments) {
        $ps = [powershell]::Create()
        $null = $ps.AddScript($Script)
        foreach ($argument in @($env:GENAI_TEST_MODULE, $emulator.BaseUri, $emulator.ApiKey) + $Arguments) { $null = $ps.AddArgument($argument) }
        $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
        $handle = $ps.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]::new(), $output)
        [pscustomobject]@{ PowerShell = $ps; Output = $output; Handle = $handle }
    }

    function Wait-Until([scriptblock] $Condition, [int] $Seconds = 20) {
        $deadline = [DateTime]::UtcNow.AddSeconds($Seconds)
        while (-not (& $Condition) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 5 }
        & $Condition | Should -BeTrue -Because 'the background command should have reached that point'
    }

    function Measure-Stop($Background) {
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $Background.PowerShell.Stop()
        $watch.Stop()
        $watch.ElapsedMilliseconds
    }
}

AfterAll {
    $emulator | Stop-EmulatorProcess
}

Describe 'Retries of transient failures' {
    It 'fault-429-then-ok: succeeds after waiting at least the RetryInfo delay, and says so with -Verbose' {
        $model = New-Model 'fault-429-then-ok'
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $all = Invoke-GenerateContent 'after a quota error' -Model $model -Verbose 4>&1
        $watch.Stop()
        $reply = $all | Where-Object { $_ -is [GenAI.Core.Protocol.GenerateContentResponse] }
        $verbose = $all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message
        $reply.Text | Should -Be 'Echo: after a quota error'
        $watch.Elapsed.TotalSeconds | Should -BeGreaterOrEqual 1 -Because 'the emulator asks for 1 s in RetryInfo'
        Get-RequestCount $model | Should -Be 2
        $verbose | Should -Contain 'generateContent succeeded on attempt 2.'
        ($verbose -match '^generateContent: 429 RESOURCE_EXHAUSTED.*Retry 1 of 3 in .* s \(the service asked for at least 1\.0 s\)\.$') | Should -Not -BeNullOrEmpty
    }

    It 'with -Debug alone: no prompt, the retries and the wire lines arrive in the debug stream' {
        $all = Invoke-GenerateContent 'x' -Model (New-Model 'fault-503x2') -Debug 5>&1
        $debug = @($all | Where-Object { $_ -is [System.Management.Automation.DebugRecord] } | ForEach-Object Message)
        ($all | Where-Object { $_ -is [GenAI.Core.Protocol.GenerateContentResponse] }).Text | Should -Be 'Echo: x'
        ($debug -match 'Retry 2 of 3') | Should -Not -BeNullOrEmpty
        @($debug -match '^HTTP 503 ').Count | Should -Be 2
        ($debug -match '^HTTP 200 ') | Should -Not -BeNullOrEmpty
    }

    It 'fault-503x2: succeeds on the third attempt; streamed too' {
        $model = New-Model 'fault-503x2'
        (Invoke-GenerateContent 'third time' -Model $model).Text | Should -Be 'Echo: third time'
        Get-RequestCount $model | Should -Be 3
        $streamed = New-Model 'fault-503x2'
        (Invoke-GenerateContent 'one two three' -Model $streamed -Stream | ForEach-Object TextOrEmpty) -join '' | Should -Be 'Echo: one two three'
        Get-RequestCount $streamed | Should -Be 3
    }

    It 'fault-503x2 with -MaximumRetryCount 1: GenAI.ServiceUnavailable naming the attempts, the prompt as target' {
        $model = New-Model 'fault-503x2'
        { Invoke-GenerateContent 'x' -Model $model -MaximumRetryCount 1 -ErrorAction Stop } |
            Should -Throw -ErrorId "GenAI.ServiceUnavailable,$generate"
        Invoke-GenerateContent 'overloaded?' -Model (New-Model 'fault-503x2') -MaxRetries 1 -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure[0].CategoryInfo.Category | Should -Be 'ResourceUnavailable'
        $failure[0].TargetObject | Should -Be 'overloaded?'
        $failure[0].Exception.Message | Should -Match 'Gave up after 2 attempts'
        $failure[0].ErrorDetails.RecommendedAction | Should -Match 'MaximumRetryCount'
    }

    It 'fault-500: GenAI.InternalServerError after every retry; no retry with -MaxRetries 0' {
        $model = New-Model 'fault-500'
        { Invoke-GenerateContent 'x' -Model $model -MaxRetries 0 -ErrorAction Stop } | Should -Throw -ErrorId "GenAI.InternalServerError,$generate"
        Get-RequestCount $model | Should -Be 1
        $again = New-Model 'fault-500'
        Invoke-GenerateContent 'x' -Model $again -MaximumRetryCount 2 -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure[0].CategoryInfo.Category | Should -Be 'ResourceUnavailable'
        Get-RequestCount $again | Should -Be 3
    }

    It 'retries other API cmdlets the same way (Measure-Tokens)' {
        $model = New-Model 'fault-503x2'
        (Measure-Tokens 'count me' -Model $model).TotalTokens | Should -BeGreaterThan 0
        Get-RequestCount $model | Should -Be 3
        { Measure-Tokens 'count me' -Model (New-Model 'fault-503x2') -MaximumRetryCount 0 -ErrorAction Stop } |
            Should -Throw -ErrorId 'GenAI.ServiceUnavailable,GenAI.PowerShell.Commands.MeasureTokensCommand'
    }

    It 'takes its defaults from Set-GenAIConfiguration; the cmdlet parameters win' {
        try {
            Set-GenAIConfiguration -MaximumRetryCount 0 -TotalTimeoutSec 60
            $config = Get-GenAIConfiguration
            $config.MaximumRetryCount | Should -Be 0
            $config.TotalTimeoutSec | Should -Be 60
            { Invoke-GenerateContent 'x' -Model (New-Model 'fault-503x2') -ErrorAction Stop } | Should -Throw -ErrorId "GenAI.ServiceUnavailable,$generate"
            (Invoke-GenerateContent 'x' -Model (New-Model 'fault-503x2') -MaximumRetryCount 2).Text | Should -Be 'Echo: x'
            Set-GenAIConfiguration -TotalTimeoutSec 2
            { Invoke-GenerateContent 'x' -Model (New-Model 'fault-hang') -ErrorAction Stop } | Should -Throw -ErrorId "GenAI.Timeout,$generate"
        }
        finally { Set-GenAIConfiguration -MaximumRetryCount 3 -TotalTimeoutSec 0 }
        (Get-GenAIConfiguration).TotalTimeoutSec | Should -BeNullOrEmpty
    }

    It 'offers -TimeoutSec, -MaximumRetryCount (alias MaxRetries) and -TotalTimeoutSec on every API cmdlet' {
        $apiCmdlets = Get-Command -Module GenAI -CommandType Cmdlet | Where-Object { $_.ImplementingType.IsSubclassOf([GenAI.PowerShell.Commands.GenAICmdlet]) }
        $apiCmdlets.Name | Should -Contain 'Invoke-GenerateContent'
        $apiCmdlets.Name | Should -Contain 'Get-GenAIModel'
        foreach ($command in $apiCmdlets) {
            $command.Parameters.Keys | Should -Contain 'TimeoutSec'
            $command.Parameters.Keys | Should -Contain 'TotalTimeoutSec'
            $command.Parameters['MaximumRetryCount'].Aliases | Should -Contain 'MaxRetries'
        }
    }
}

Describe 'Faults that end in a typed error' {
    It 'fault-midstream: keeps the chunks already written and reports GenAI.StreamInterrupted without retrying' {
        $model = New-Model 'fault-midstream-2'
        $chunks = Invoke-GenerateContent 'alpha beta gamma delta' -Model $model -Stream -ErrorVariable failure -ErrorAction SilentlyContinue
        @($chunks).Count | Should -Be 2
        ($chunks | ForEach-Object TextOrEmpty) -join '' | Should -Be 'Echo: alpha '
        $failure[0].FullyQualifiedErrorId | Should -Be "GenAI.StreamInterrupted,$generate"
        $failure[0].CategoryInfo.Category | Should -Be 'ConnectionError'
        $failure[0].TargetObject | Should -Be 'alpha beta gamma delta'
        $failure[0].Exception.Message | Should -Match 'after 2 chunk\(s\).*503 UNAVAILABLE.*chunks already received were kept'
        Get-RequestCount $model | Should -Be 1
    }

    It 'fault-midstream with -ErrorAction Stop: the chunks reach the pipeline before the terminating error' {
        $seen = [System.Collections.Generic.List[object]]::new()
        $caught = $null
        try { Invoke-GenerateContent 'alpha beta gamma delta' -Model (New-Model 'fault-midstream-2') -Stream -ErrorAction Stop | ForEach-Object { $seen.Add($_) } }
        catch { $caught = $_ }
        $seen.Count | Should -Be 2
        $caught.FullyQualifiedErrorId | Should -Be "GenAI.StreamInterrupted,$generate"
    }

    It 'fault-midstream in a chat: chunks kept, history unchanged, the session still usable' {
        $model = New-Model 'fault-midstream-2'
        $chat = Start-ChatSession -Model $model
        $chunks = Send-ChatMessage $chat 'alpha beta gamma delta' -Stream -ErrorVariable failure -ErrorAction SilentlyContinue
        @($chunks).Count | Should -Be 2
        $failure[0].FullyQualifiedErrorId | Should -Be 'GenAI.StreamInterrupted,GenAI.PowerShell.Commands.SendChatMessageCommand'
        $failure[0].TargetObject | Should -Be 'alpha beta gamma delta'
        $chat.HistoryCount | Should -Be 0
        (Send-ChatMessage $chat 'again').Text | Should -Be 'Echo: again'
        $chat.HistoryCount | Should -Be 2
    }

    It 'fault-reset: GenAI.ConnectionFailed after the retries' {
        $model = New-Model 'fault-reset'
        Invoke-GenerateContent 'x' -Model $model -MaximumRetryCount 1 -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure[0].FullyQualifiedErrorId | Should -Be "GenAI.ConnectionFailed,$generate"
        $failure[0].CategoryInfo.Category | Should -Be 'ConnectionError'
        $failure[0].ErrorDetails.RecommendedAction | Should -Match 'Get-GenAIConfiguration'
        Get-RequestCount $model | Should -Be 2
    }

    It 'fault-reset-after-N: keeps the chunks and reports GenAI.StreamInterrupted' {
        $chunks = Invoke-GenerateContent 'alpha beta gamma delta' -Model (New-Model 'fault-reset-after-2') -Stream -ErrorVariable failure -ErrorAction SilentlyContinue
        @($chunks).Count | Should -Be 2
        $failure[0].FullyQualifiedErrorId | Should -Be "GenAI.StreamInterrupted,$generate"
    }

    It 'fault-hang: GenAI.Timeout per attempt (-TimeoutSec) and overall (-TotalTimeoutSec)' {
        $model = New-Model 'fault-hang'
        Invoke-GenerateContent 'x' -Model $model -TimeoutSec 1 -MaximumRetryCount 1 -ErrorVariable perAttempt -ErrorAction SilentlyContinue
        $perAttempt[0].FullyQualifiedErrorId | Should -Be "GenAI.Timeout,$generate"
        $perAttempt[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        $perAttempt[0].ErrorDetails.RecommendedAction | Should -Match '-TimeoutSec'
        $perAttempt[0].Exception.Message | Should -Match 'Gave up after 2 attempts'

        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        Invoke-GenerateContent 'x' -Model (New-Model 'fault-hang') -TotalTimeoutSec 2 -ErrorVariable overall -ErrorAction SilentlyContinue
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 10
        $overall[0].FullyQualifiedErrorId | Should -Be "GenAI.Timeout,$generate"
        $overall[0].Exception.Message | Should -Match 'total time limit of 2'
        $overall[0].ErrorDetails.RecommendedAction | Should -Match '-TotalTimeoutSec'
    }

    It 'delay-N: a reply slower than -TimeoutSec times out, a patient call gets it' {
        $model = New-Model 'delay-1500ms'
        { Invoke-GenerateContent 'x' -Model $model -TimeoutSec 1 -MaximumRetryCount 0 -ErrorAction Stop } | Should -Throw -ErrorId "GenAI.Timeout,$generate"
        (Invoke-GenerateContent 'patience' -Model $model -TimeoutSec 10).Text | Should -Be 'Echo: patience'
    }

    It 'fault-malformed: GenAI.ResponseParseFailed, not retried; streamed, the good chunk is kept' {
        $model = New-Model 'fault-malformed'
        Invoke-GenerateContent 'x' -Model $model -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure[0].FullyQualifiedErrorId | Should -Be "GenAI.ResponseParseFailed,$generate"
        $failure[0].CategoryInfo.Category | Should -Be 'InvalidData'
        Get-RequestCount $model | Should -Be 1
        $chunks = Invoke-GenerateContent 'alpha beta' -Model (New-Model 'fault-malformed') -Stream -ErrorVariable streamed -ErrorAction SilentlyContinue
        @($chunks).Count | Should -Be 1
        $streamed[0].FullyQualifiedErrorId | Should -Be "GenAI.StreamInterrupted,$generate"
    }

    It 'fault-oversized: a reply of about 10 MB arrives whole' {
        $reply = Invoke-GenerateContent 'x' -Model (New-Model 'fault-oversized')
        $reply.Text.Length | Should -BeGreaterOrEqual 10000000
    }
}

Describe 'Batches (-Each)' {
    It 'reports each failed item on its own prompt and carries on with the rest' {
        $model = New-Model 'fault-503x2'
        $replies = @('one', 'two', 'three' | Invoke-GenerateContent -Model $model -Each -ThrottleLimit 1 -MaximumRetryCount 0 -ErrorVariable failures -ErrorAction SilentlyContinue)
        @($failures).Count | Should -Be 2
        $failures.FullyQualifiedErrorId | Sort-Object -Unique | Should -Be "GenAI.ServiceUnavailable,$generate"
        $failures.TargetObject | Should -Be @('one', 'two')
        $replies.Text | Should -Be @('Echo: three')
    }

    It 'retries each item on its own, with the retries visible as they happen' {
        $model = New-Model 'fault-503x2'
        $all = @('one', 'two' | Invoke-GenerateContent -Model $model -Each -ThrottleLimit 1 -Verbose 4>&1)
        ($all | Where-Object { $_ -is [GenAI.Core.Protocol.GenerateContentResponse] }).Text | Should -Be @('Echo: one', 'Echo: two')
        @($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match '503 UNAVAILABLE.*Retry' }).Count | Should -Be 2
    }
}

Describe 'Ctrl+C' {
    It 'stops a batch (-Each) of slow calls within 200 ms' {
        $model = New-Model 'delay-10000ms'
        $background = Start-Background {
            param($ModulePath, $BaseUri, $Key, $Model)
            Import-Module $ModulePath
            Set-GenAIConfiguration -ApiKey $Key -BaseUri $BaseUri
            1..6 | ForEach-Object { "prompt $_" } | Invoke-GenerateContent -Model $Model -Each -ThrottleLimit 3
        } @($model)
        try {
            Wait-Until { (Get-RequestCount $model) -ge 3 }
            Measure-Stop $background | Should -BeLessThan 200
            $background.PowerShell.InvocationStateInfo.State | Should -Be 'Stopped'
            Get-RequestCount $model | Should -Be 3 -Because 'the items still waiting for a slot never start'
        }
        finally { $background.PowerShell.Dispose() }
    }

    It 'stops a slow stream within 200 ms of the first chunk, keeping that chunk' {
        $model = New-Model 'slow-3000ms'
        $background = Start-Background {
            param($ModulePath, $BaseUri, $Key, $Model)
            Import-Module $ModulePath
            Set-GenAIConfiguration -ApiKey $Key -BaseUri $BaseUri
            Invoke-GenerateContent 'alpha beta gamma delta epsilon' -Model $Model -Stream
        } @($model)
        try {
            Wait-Until { $background.Output.Count -gt 0 }
            $elapsed = Measure-Stop $background
            $elapsed | Should -BeLessThan 200
            $background.PowerShell.InvocationStateInfo.State | Should -Be 'Stopped'
            $background.Output.Count | Should -Be 1
        }
        finally { $background.PowerShell.Dispose() }
    }

    It 'stops a unary call that hangs within 200 ms' {
        $model = New-Model 'fault-hang'
        $background = Start-Background {
            param($ModulePath, $BaseUri, $Key, $Model)
            Import-Module $ModulePath
            Set-GenAIConfiguration -ApiKey $Key -BaseUri $BaseUri
            Invoke-GenerateContent 'x' -Model $Model
        } @($model)
        try {
            Wait-Until { (Get-RequestCount $model) -gt 0 }
            Measure-Stop $background | Should -BeLessThan 200
            $background.PowerShell.InvocationStateInfo.State | Should -Be 'Stopped'
        }
        finally { $background.PowerShell.Dispose() }
    }

    It 'stops during a retry wait at once; the retry message was already visible' {
        $model = New-Model 'fault-429-then-ok'
        $background = Start-Background {
            param($ModulePath, $BaseUri, $Key, $Model)
            Import-Module $ModulePath
            Set-GenAIConfiguration -ApiKey $Key -BaseUri $BaseUri
            Invoke-GenerateContent 'x' -Model $Model -Verbose
        } @($model)
        try {
            Wait-Until { $background.PowerShell.Streams.Verbose | Where-Object Message -Like '*Retry 1 of 3*' }
            Measure-Stop $background | Should -BeLessThan 200
            Get-RequestCount $model | Should -Be 1 -Because 'the retry was cancelled during its wait'
        }
        finally { $background.PowerShell.Dispose() }
    }
}
