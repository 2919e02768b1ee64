BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:emulator = Initialize-GenAITest
}

AfterAll {
    $emulator | Stop-EmulatorProcess
}

Describe 'Remove-GenAIBatch' {
    It 'deletes nothing with -WhatIf' {
        $batch = 'x' | Start-GenAIBatch -Model gemini-2.5-flash
        Clear-EmulatorRequest $emulator
        $whatIf = Invoke-WithCapturedHost { param($name) Remove-GenAIBatch $name -WhatIf } -ArgumentList $batch.Name
        $whatIf | Should -Match "^What if: .*$([regex]::Escape($batch.Name))"
        @(Get-EmulatorRequest $emulator).Count | Should -Be 0
        (Get-GenAIBatch $batch.Name).Name | Should -Be $batch.Name
    }

    It 'deletes piped batches (HTTP DELETE); they are gone afterwards' {
        $batch = 'x' | Start-GenAIBatch -Model gemini-2.5-flash | Wait-GenAIBatch -PollIntervalSec 0.1
        $batch | Remove-GenAIBatch -Confirm:$false
        $deletes = @(Get-EmulatorRequest $emulator | Where-Object method -EQ 'DELETE')
        $deletes[-1].path | Should -Be "/v1beta/$($batch.Name)"
        Get-GenAIBatch $batch.Name -ErrorAction SilentlyContinue -ErrorVariable failure | Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'GenAI.NotFound*'
        (Get-GenAIBatch).Name | Should -Not -Contain $batch.Name
    }

    It 'has ConfirmImpact Medium and supports -Confirm' {
        $metadata = [System.Management.Automation.CommandMetadata]::new((Get-Command Remove-GenAIBatch))
        $metadata.SupportsShouldProcess | Should -BeTrue
        $metadata.ConfirmImpact | Should -Be 'Medium'
    }
}
