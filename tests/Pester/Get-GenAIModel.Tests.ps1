BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:emulator = Initialize-GenAITest
}

AfterAll {
    $emulator | Stop-EmulatorProcess
}

Describe 'Get-GenAIModel' -Tag 'Smoke' {
    It 'lists the models of every page' {
        Clear-EmulatorRequest $emulator
        $models = @(Get-GenAIModel)
        $models.Count | Should -BeGreaterThan 5
        $models.Name | Should -Contain 'models/gemini-2.5-flash'
        ($models.Name | Select-Object -Unique).Count | Should -Be $models.Count
        $models[0] | Should -BeOfType ([GenAI.Core.Protocol.Model])
    }

    It 'filters by supported generation method, as the seed''s list_models loop does' {
        $all = @(Get-GenAIModel)
        $generators = @(Get-GenAIModel -SupportedMethod generateContent)
        $generators.Count | Should -BeLessThan $all.Count
        $generators | ForEach-Object { $_.SupportedGenerationMethods | Should -Contain 'generateContent' }
        $generators.Name | Should -Not -Contain 'models/text-embedding-004'
    }

    It 'gets one model by short or full name' {
        (Get-GenAIModel gemini-2.5-flash).Name | Should -Be 'models/gemini-2.5-flash'
        (Get-GenAIModel models/gemini-2.5-flash).InputTokenLimit | Should -BeGreaterThan 0
    }

    It 'filters with wildcards' {
        $flash = @(Get-GenAIModel '*flash*')
        $flash.Count | Should -BeGreaterThan 0
        $flash.Name | ForEach-Object { $_ | Should -BeLike '*flash*' }
    }

    It 'reports an unknown model as an ObjectNotFound error' {
        Get-GenAIModel no-such-model -ErrorAction SilentlyContinue -ErrorVariable failure
        $failure[0].FullyQualifiedErrorId | Should -Be 'GenAI.ModelNotFound,GenAI.PowerShell.Commands.GetGenAIModelCommand'
        $failure[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
}
