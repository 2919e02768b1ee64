BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:emulator = Initialize-GenAITest
}

AfterAll {
    $emulator | Stop-EmulatorProcess
}

Describe 'Stop-GenAIBatch' {
    It 'cancels nothing with -WhatIf' {
        $batch = 'x' | Start-GenAIBatch -Model gemini-2.5-flash -DisplayName 'whatif hold'
        Clear-EmulatorRequest $emulator
        $whatIf = Invoke-WithCapturedHost { param($name) Stop-GenAIBatch $name -WhatIf } -ArgumentList $batch.Name
        $whatIf | Should -Match "^What if: .*$([regex]::Escape($batch.Name))"
        @(Get-EmulatorRequest $emulator).Count | Should -Be 0
        (Get-GenAIBatch $batch.Name).State | Should -Not -Be 'BATCH_STATE_CANCELLED'
        $batch | Stop-GenAIBatch -Confirm:$false
    }

    It 'cancels a running batch, which ends CANCELLED without results' {
        $batch = 'x', 'y' | Start-GenAIBatch -Model gemini-2.5-flash -DisplayName 'to cancel hold'
        $stopped = $batch | Stop-GenAIBatch -Confirm:$false -PassThru
        $stopped.State | Should -Be 'BATCH_STATE_CANCELLED'
        $stopped.Done | Should -BeTrue
        $stopped.Error.Code | Should -Be 1
        $cancels = @(Get-EmulatorRequest $emulator | Where-Object { $_.path -eq "/v1beta/$($batch.Name):cancel" })
        $cancels.Count | Should -Be 1
        $cancels[0].method | Should -Be 'POST'
        $batch | Receive-GenAIBatch -ErrorAction SilentlyContinue -ErrorVariable failure
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'GenAI.BatchHasNoResults*'
    }

    It 'has ConfirmImpact Medium and supports -Confirm' {
        $metadata = [System.Management.Automation.CommandMetadata]::new((Get-Command Stop-GenAIBatch))
        $metadata.SupportsShouldProcess | Should -BeTrue
        $metadata.ConfirmImpact | Should -Be 'Medium'
    }
}
