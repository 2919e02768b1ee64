BeforeAll {
    Import-Module $env:GENAI_TEST_MODULE -Force
    $script:module = Get-Module GenAI
}

Describe 'GenAI module' {
    It 'imports from the built folder and exports exactly the compiled cmdlets' {
        $compiled = $module.NestedModules.ExportedCmdlets.Keys + @() | Sort-Object
        $manifest = (Import-PowerShellDataFile $env:GENAI_TEST_MODULE).CmdletsToExport | Sort-Object
        $exported = $module.ExportedCmdlets.Keys | Sort-Object
        $exported | Should -Be $manifest
        foreach ($name in $manifest) { Get-Command $name -Module GenAI | Should -Not -BeNullOrEmpty }
    }

    It 'has a manifest that passes Test-ModuleManifest and matches the assembly version' {
        $info = Test-ModuleManifest $env:GENAI_TEST_MODULE
        $assembly = [GenAI.PowerShell.Commands.InvokeGenerateContentCommand].Assembly.GetName().Version
        $info.Version.ToString(3) | Should -Be $assembly.ToString(3)
        $info.CompatiblePSEditions | Should -Contain 'Desktop'
        $info.CompatiblePSEditions | Should -Contain 'Core'
    }

    It 'loads the build made for this edition' {
        $edition = if ($PSVersionTable.PSEdition -eq 'Core') { 'net8.0' } else { 'netstandard2.0' }
        [GenAI.Core.GenAIClient].Assembly.Location | Should -BeLike "*bin*$edition*GenAI.Core.dll"
    }

    It 'offers the conventional alias for Measure-Tokens' {
        (Get-Alias Measure-GenAIToken).ResolvedCommandName | Should -Be 'Measure-Tokens'
    }
}
