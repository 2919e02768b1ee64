# -AsJob on Invoke-GenerateContent, Send-ChatMessage and Measure-Tokens: a GenAIJob in the session's job table.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:emulator = Initialize-GenAITest
    $words = (1..40 | ForEach-Object { "w$_" }) -join ' '
    $script:longPrompt = $words
}

AfterAll {
    Get-Job | Where-Object PSJobTypeName -EQ 'GenAIJob' | Remove-Job -Force
    $emulator | Stop-EmulatorProcess
}

Describe 'GenAIJob (-AsJob)' {
    It 'returns a GenAIJob in the job table whose result equals the synchronous call' {
        $sync = Invoke-GenerateContent 'Same either way' -Model gemini-2.5-flash
        $job = Invoke-GenerateContent 'Same either way' -Model gemini-2.5-flash -AsJob
        $job.PSJobTypeName | Should -Be 'GenAIJob'
        (Get-Job -Id $job.Id).Id | Should -Be $job.Id
        $reply = Receive-Job $job -Wait
        $job.State | Should -Be 'Completed'
        $reply.Text | Should -Be $sync.Text
        $reply.UsageMetadata.TotalTokenCount | Should -Be $sync.UsageMetadata.TotalTokenCount
        $reply.ModelVersion | Should -Be $sync.ModelVersion
        Remove-Job $job
        Get-Job -Id $job.Id -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'works for Measure-Tokens and Send-ChatMessage, which keeps the history rules' {
        $count = Measure-Tokens 'Hello, world!' -Model gemini-2.5-flash -AsJob | Receive-Job -Wait
        $count.TotalTokens | Should -Be (Measure-Tokens 'Hello, world!' -Model gemini-2.5-flash).TotalTokens
        $chat = Start-ChatSession -Model gemini-2.5-flash
        $reply = Send-ChatMessage $chat 'My name is Ada.' -AsJob | Receive-Job -Wait
        $reply.Text | Should -Be 'Echo: My name is Ada.'
        $chat.History.Count | Should -Be 2
    }

    It 'makes streamed chunks receivable as they arrive, and Receive-Job -Keep keeps them' {
        $job = Invoke-GenerateContent $longPrompt -Model slow-100ms -Stream -AsJob
        $deadline = (Get-Date).AddSeconds(10)
        while ($job.Output.Count -lt 3 -and (Get-Date) -lt $deadline) { Start-Sleep -Milliseconds 50 }
        $job.State | Should -Be 'Running'
        $early = @(Receive-Job $job -Keep)
        $early.Count | Should -BeGreaterOrEqual 3
        $early.Count | Should -BeLessThan 40
        $early[0].TextOrEmpty | Should -Be 'Echo: '
        Stop-Job $job
    }

    It 'Stop-Job ends a slow stream within 200 ms and leaves the chat history as it was' {
        $warm = Invoke-GenerateContent 'warm up' -Model slow-1000ms -Stream -AsJob
        Start-Sleep -Milliseconds 200
        Stop-Job $warm
        $chat = Start-ChatSession -Model slow-1000ms
        $job = Send-ChatMessage $chat $longPrompt -Stream -AsJob
        $deadline = (Get-Date).AddSeconds(10)
        while ($job.Output.Count -lt 1 -and (Get-Date) -lt $deadline) { Start-Sleep -Milliseconds 20 }
        $watch = [Diagnostics.Stopwatch]::StartNew()
        Stop-Job $job
        $watch.Stop()
        $job.State | Should -Be 'Stopped'
        $watch.ElapsedMilliseconds | Should -BeLessThan 200
        $chat.History.Count | Should -Be 0
        @(Receive-Job $job).Count | Should -BeGreaterOrEqual 1
    }

    It 'reports a failed call as the job error with the same ErrorId, and the job Failed' {
        $job = Invoke-GenerateContent 'x' -Model fault-500 -MaximumRetryCount 0 -AsJob
        $null = Wait-Job $job -Timeout 30
        $job.State | Should -Be 'Failed'
        Receive-Job $job -ErrorAction SilentlyContinue -ErrorVariable failure
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'GenAI.InternalServerError*'
        $failure[0].TargetObject | Should -Be 'x'
    }

    It 'gives -Each -AsJob one job with the replies in input order' {
        $items = 1..12 | ForEach-Object { "item $_" }
        $job = $items | Invoke-GenerateContent -Each -ThrottleLimit 6 -Model gemini-2.5-flash -AsJob
        @($job).Count | Should -Be 1
        (Receive-Job $job -Wait).Text | Should -Be ($items | ForEach-Object { "Echo: $_" })
    }

    It 'refuses -AsJob with automatic function calling and with -Offline counts' {
        { Invoke-GenerateContent 'x' -Tool (Get-Command Get-Date) -AutomaticFunctionCalling -AsJob } | Should -Throw -ErrorId 'GenAI.AsJobNotSupported,*'
        { Measure-Tokens 'x' -Offline -AsJob } | Should -Throw -ErrorId 'GenAI.AsJobNotSupported,*'
    }
}
