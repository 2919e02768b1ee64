BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:emulator = Initialize-GenAITest
    $script:first = 'one' | Start-GenAIBatch -Model gemini-2.5-flash -DisplayName 'listed first'
    $script:second = 'two' | Start-GenAIBatch -Model gemini-2.5-flash -DisplayName 'listed second'
}

AfterAll {
    $emulator | Stop-EmulatorProcess
}

Describe 'Get-GenAIBatch' {
    It 'gets one batch by name, by id and from the pipeline' {
        (Get-GenAIBatch $first.Name).DisplayName | Should -Be 'listed first'
        (Get-GenAIBatch $first.Id).Name | Should -Be $first.Name
        ($second | Get-GenAIBatch).DisplayName | Should -Be 'listed second'
    }

    It 'lists every batch, newest first, across pages, and filters by wildcard' {
        $all = @(Get-GenAIBatch -PageSize 1)
        $all.Name | Should -Be @($second.Name, $first.Name)
        (Get-GenAIBatch 'listed s*').Name | Should -Be $second.Name
    }

    It 'shows name, state, counts, created time and model in its table view' {
        $text = Get-GenAIBatch $first.Name | Format-Table | Out-String -Width 250
        $text | Should -Match 'State'
        $text | Should -Match 'Requests'
        $text | Should -Match 'gemini-2.5-flash'
        $text | Should -Match ([regex]::Escape($first.Name))
    }

    It 'reports a batch that does not exist, with its name as target' {
        Get-GenAIBatch batches/doesnotexist -ErrorAction SilentlyContinue -ErrorVariable failure
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'GenAI.NotFound*'
        $failure[0].TargetObject | Should -Be 'batches/doesnotexist'
    }

    It 'works when the configured transport is gRPC (batch calls go over REST)' {
        $batch = 'over grpc' | Start-GenAIBatch -Model gemini-2.5-flash -Transport Grpc
        (Get-GenAIBatch $batch.Name -Transport Grpc).Name | Should -Be $batch.Name
        ($batch | Wait-GenAIBatch -PollIntervalSec 0.1 -Transport Grpc | Receive-GenAIBatch -Transport Grpc).Text | Should -Be 'Echo: over grpc'
    }

    It 'completes batch names' {
        $completion = TabExpansion2 -inputScript 'Get-GenAIBatch batches/' -cursorColumn 'Get-GenAIBatch batches/'.Length
        $completion.CompletionMatches.CompletionText | Should -Contain $first.Name
    }
}
