BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:emulator = Initialize-GenAITest
}

AfterAll {
    $emulator | Stop-EmulatorProcess
}

Describe 'Receive-GenAIBatch' {
    It 'reports failed requests as errors with their keys and returns the rest, in order' -ForEach @(
        @{ Mode = 'Inline' }, @{ Mode = 'File' }
    ) {
        $path = Join-Path $TestDrive "mixed-$Mode.jsonl"
        @(
            '{"key": "ok-1", "request": {"contents": [{"parts": [{"text": "first"}]}]}}'
            '{"key": "bad-2", "request": {"contents": [{"parts": [{"text": "second"}]}], "generationConfig": {"temperature": 5}}}'
            '{"key": "ok-3", "request": {"contents": [{"parts": [{"text": "third"}]}]}}'
        ) | Set-Content -Path $path -Encoding utf8NoBOM
        $done = Start-GenAIBatch -InputFile $path -InputMode $Mode -Model gemini-2.5-flash | Wait-GenAIBatch -PollIntervalSec 0.1
        $done.FailedCount | Should -Be 1
        $results = @($done | Receive-GenAIBatch -ErrorAction SilentlyContinue -ErrorVariable failures)
        $results.Key | Should -Be @('ok-1', 'ok-3')
        $results.Text | Should -Be @('Echo: first', 'Echo: third')
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'GenAI.InvalidArgument*'
        $failures[0].TargetObject.Key | Should -Be 'bad-2'
        "$($failures[0])" | Should -Match "Request 'bad-2'"
        "$($failures[0])" | Should -Match 'temperature'
    }

    It 'writes only the text with -TextOnly' {
        'alpha', 'beta' | Start-GenAIBatch -Model gemini-2.5-flash | Wait-GenAIBatch -PollIntervalSec 0.1 | Receive-GenAIBatch -TextOnly |
            Should -Be @('Echo: alpha', 'Echo: beta')
    }

    It 'takes a batch name, and lists results in its table view' {
        $batch = 'by name' | Start-GenAIBatch -Model gemini-2.5-flash | Wait-GenAIBatch -PollIntervalSec 0.1
        $result = Receive-GenAIBatch $batch.Name
        $result.Text | Should -Be 'Echo: by name'
        ($result | Format-Table | Out-String) | Should -Match 'Echo: by name'
    }

    It 'says a batch that has not finished has no results yet' {
        $batch = 'x' | Start-GenAIBatch -Model gemini-2.5-flash -DisplayName 'unfinished hold'
        $batch | Receive-GenAIBatch -ErrorAction SilentlyContinue -ErrorVariable failure | Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'GenAI.BatchNotFinished*'
        "$($failure[0].ErrorDetails.RecommendedAction)" | Should -Match 'Wait-GenAIBatch'
        $batch | Stop-GenAIBatch -Confirm:$false
    }

    It 'says a failed batch has no results' {
        $batch = 'x' | Start-GenAIBatch -Model gemini-2.5-flash -DisplayName 'whole fail' | Wait-GenAIBatch -PollIntervalSec 0.1
        $batch | Receive-GenAIBatch -ErrorAction SilentlyContinue -ErrorVariable failure
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'GenAI.BatchFailed*'
        $failure[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
    }
}
