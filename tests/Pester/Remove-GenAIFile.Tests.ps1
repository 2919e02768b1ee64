BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:emulator = Initialize-GenAITest
    $script:source = Join-Path $TestDrive 'x.png'
    [IO.File]::WriteAllBytes($source, [byte[]](1))
}

AfterAll {
    $emulator | Stop-EmulatorProcess
}

Describe 'Remove-GenAIFile' {
    It 'deletes nothing with -WhatIf' {
        $file = Add-GenAIFile $source -NoWait
        Clear-EmulatorRequest $emulator
        $whatIf = Invoke-WithCapturedHost { param($name) Remove-GenAIFile $name -WhatIf } -ArgumentList $file.Name
        $whatIf | Should -Match "^What if: .*$([regex]::Escape($file.Name))"
        @(Get-EmulatorRequest $emulator).Count | Should -Be 0
        (Get-GenAIFile $file.Name).Name | Should -Be $file.Name
    }

    It 'deletes piped file objects (by property name) and piped names (by value)' {
        $byObject = Add-GenAIFile $source -NoWait
        $byName = Add-GenAIFile $source -NoWait
        $byObject | Remove-GenAIFile -Confirm:$false
        ($byName.Name -replace '^files/') | Remove-GenAIFile -Confirm:$false
        $deletes = @(Get-EmulatorRequest $emulator | Where-Object method -EQ 'DELETE')
        $deletes.path | Should -Be @("/v1beta/$($byObject.Name)", "/v1beta/$($byName.Name)")
        Get-GenAIFile $byObject.Name -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'has ConfirmImpact Medium and supports -Confirm' {
        $metadata = [System.Management.Automation.CommandMetadata]::new((Get-Command Remove-GenAIFile))
        $metadata.SupportsShouldProcess | Should -BeTrue
        $metadata.ConfirmImpact | Should -Be 'Medium'
    }

    It 'reports a file that does not exist, with its name as target' {
        Remove-GenAIFile files/nothing-here -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable failure
        $failure[0].TargetObject | Should -Be 'files/nothing-here'
        $failure[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
}
