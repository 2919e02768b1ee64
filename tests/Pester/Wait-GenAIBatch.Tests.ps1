BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:emulator = Initialize-GenAITest
}

AfterAll {
    $emulator | Stop-EmulatorProcess
}

Describe 'Wait-GenAIBatch' {
    It 'polls until the batch finishes and writes it, with its final counters' {
        $batch = 'a', 'b' | Start-GenAIBatch -Model gemini-2.5-flash -DisplayName 'wait running-300ms'
        $batch.State | Should -Be 'BATCH_STATE_PENDING'
        $done = $batch | Wait-GenAIBatch -PollIntervalSec 0.1
        $done.State | Should -Be 'BATCH_STATE_SUCCEEDED'
        $done.RequestCount | Should -Be 2
        $done.SucceededCount | Should -Be 2
        $done.EndTime | Should -Not -BeNullOrEmpty
        $polls = @(Get-EmulatorRequest $emulator | Where-Object { $_.method -eq 'GET' -and $_.path -eq "/v1beta/$($batch.Name)" })
        $polls.Count | Should -BeGreaterThan 1
    }

    It 'shows progress from the counts while it waits' {
        $batch = 1..6 | ForEach-Object { "p$_" } | Start-GenAIBatch -Model gemini-2.5-flash -DisplayName 'progress pending-0ms running-1200ms'
        $ps = [powershell]::Create()
        $null = $ps.AddScript("Import-Module '$env:GENAI_TEST_MODULE'; Set-GenAIConfiguration -ApiKey '$($emulator.ApiKey)' -BaseUri '$($emulator.BaseUri)'; Wait-GenAIBatch $($batch.Name) -PollIntervalSec 0.1 -MaximumPollIntervalSec 0.1")
        $out = $ps.Invoke()
        $out[0].State | Should -Be 'BATCH_STATE_SUCCEEDED'
        $records = @($ps.Streams.Progress | Where-Object RecordType -NE 'Completed')
        $records.Count | Should -BeGreaterThan 1
        $records[-1].StatusDescription | Should -Match '6 of 6'
        @($records | Where-Object { $_.PercentComplete -gt 0 -and $_.PercentComplete -lt 100 }).Count | Should -BeGreaterThan 0
        $ps.Dispose()
    }

    It 'gives up after -TimeoutSec with a timeout error on the batch' {
        $batch = 'x' | Start-GenAIBatch -Model gemini-2.5-flash -DisplayName 'never hold'
        $started = Get-Date
        $batch | Wait-GenAIBatch -TimeoutSec 1 -PollIntervalSec 0.2 -ErrorAction SilentlyContinue -ErrorVariable failure | Should -BeNullOrEmpty
        ((Get-Date) - $started).TotalSeconds | Should -BeLessThan 5
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'GenAI.WaitTimedOut*'
        $failure[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        $failure[0].TargetObject | Should -Be $batch.Name
        $null = Invoke-RestMethod -Method Post -Uri ($emulator.BaseUri.TrimEnd('/') + "/emulator/batches/$($batch.Id)/release") -Headers @{ 'x-goog-api-key' = $emulator.ApiKey }
        ($batch | Wait-GenAIBatch -PollIntervalSec 0.1).State | Should -Be 'BATCH_STATE_SUCCEEDED'
    }

    It 'writes batches that end FAILED or EXPIRED as they are' {
        ('x' | Start-GenAIBatch -Model gemini-2.5-flash -DisplayName 'will fail' | Wait-GenAIBatch -PollIntervalSec 0.1).State | Should -Be 'BATCH_STATE_FAILED'
        ('x' | Start-GenAIBatch -Model gemini-2.5-flash -DisplayName 'will expire' | Wait-GenAIBatch -PollIntervalSec 0.1).State | Should -Be 'BATCH_STATE_EXPIRED'
    }
}
