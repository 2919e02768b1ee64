BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:emulator = Initialize-GenAITest
    $source = Join-Path $TestDrive 'one.png'
    [IO.File]::WriteAllBytes($source, [byte[]](1))
    $script:uploaded = 1..3 | ForEach-Object { Add-GenAIFile $source -DisplayName "picture-$_" -NoWait }
}

AfterAll {
    $emulator | Stop-EmulatorProcess
}

Describe 'Get-GenAIFile' {
    BeforeEach { Clear-EmulatorRequest $emulator }

    It 'lists every file, following pages' {
        $all = @(Get-GenAIFile -PageSize 2)
        $all.Name | Sort-Object | Should -Be ($uploaded.Name | Sort-Object)
        @(Get-EmulatorRequest $emulator | Where-Object path -EQ '/v1beta/files').Count | Should -Be 2
    }

    It 'gets one file by name, with or without the files/ prefix, and from a piped file object' {
        (Get-GenAIFile $uploaded[0].Name).DisplayName | Should -Be 'picture-1'
        (Get-GenAIFile ($uploaded[1].Name -replace '^files/')).DisplayName | Should -Be 'picture-2'
        $piped = $uploaded[2] | Get-GenAIFile
        $piped.Name | Should -Be $uploaded[2].Name
        $piped.DisplayName | Should -Be 'picture-3'
    }

    It 'filters by wildcard on the display name' {
        (Get-GenAIFile 'picture-[23]').DisplayName | Sort-Object | Should -Be @('picture-2', 'picture-3')
    }

    It 'reports an unknown file with its name as target' {
        Get-GenAIFile files/does-not-exist -ErrorAction SilentlyContinue -ErrorVariable failure
        $failure[0].FullyQualifiedErrorId | Should -Be 'GenAI.NotFound,GenAI.PowerShell.Commands.GetGenAIFileCommand'
        $failure[0].TargetObject | Should -Be 'files/does-not-exist'
    }

    It 'displays files as a table' {
        $text = $uploaded[0] | Out-String
        $text | Should -Match 'Name\s+DisplayName\s+MimeType\s+Size\s+State\s+Expires'
        $text | Should -Match 'picture-1\s+image/png\s+1 B'
    }
}
