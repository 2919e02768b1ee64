BeforeAll {
    Import-Module $env:GENAI_TEST_MODULE -Force
    $script:module = Get-Module GenAI
}

Describe 'GenAI module' {
    It 'imports from the built folder and exports exactly the compiled cmdlets' -Tag 'Smoke' {
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

    It 'offers the conventional alias for Measure-Tokens' -Tag 'Smoke' {
        (Get-Alias Measure-GenAIToken).ResolvedCommandName | Should -Be 'Measure-Tokens'
    }

    It 'has the manifest fields a gallery module needs' {
        $data = Import-PowerShellDataFile $env:GENAI_TEST_MODULE
        $data.PowerShellVersion | Should -Be '5.1'
        $data.FunctionsToExport.Count | Should -Be 0
        $data.CmdletsToExport | Should -Not -Contain '*'
        $data.AliasesToExport | Should -Not -Contain '*'
        @($data.CmdletsToExport) | Should -Be @($data.CmdletsToExport | Sort-Object) -Because 'the export list is kept alphabetical'
        foreach ($file in @($data.FormatsToProcess) + @($data.TypesToProcess | Where-Object { $_ })) {
            Join-Path (Split-Path $env:GENAI_TEST_MODULE) $file | Should -Exist
        }
        $data.PrivateData.PSData.Tags | Should -Contain 'PSEdition_Core'
        $data.PrivateData.PSData.Tags | Should -Contain 'PSEdition_Desktop'
        $data.PrivateData.PSData.ReleaseNotes | Should -Match 'First release' -Because 'the release notes come from CHANGELOG.md'
        foreach ($uri in 'ProjectUri', 'LicenseUri', 'IconUri', 'HelpInfoURI') {
            $value = if ($data.ContainsKey($uri)) { $data[$uri] } else { $data.PrivateData.PSData[$uri] }
            if ($value) { $value | Should -Not -Match 'example\.(invalid|com|org)|localhost' -Because "$uri must be a real address or left out" }
        }
        Join-Path (Split-Path $env:GENAI_TEST_MODULE) 'LICENSE' | Should -FileContentMatch '^MIT License'
        $data.Copyright | Should -Match 'MIT' -Because 'the manifest names the licence the LICENSE file holds'
    }

    It 'exports the aliases it declares, and they resolve to its cmdlets' -Tag 'Smoke' {
        $declared = @((Import-PowerShellDataFile $env:GENAI_TEST_MODULE).AliasesToExport | Sort-Object)
        @($module.ExportedAliases.Keys | Sort-Object) | Should -Be $declared
        foreach ($alias in $declared) { (Get-Alias $alias).ResolvedCommand.Module.Name | Should -BeIn 'GenAI', 'GenAI.PowerShell' }
    }

    It 'supports -WhatIf and -Confirm on every cmdlet that deletes or overwrites (Remove-*, Export-*, Clear-*)' {
        $destructive = @(Get-Command -Module GenAI -CommandType Cmdlet | Where-Object Verb -in 'Remove', 'Export', 'Clear', 'Reset', 'Unregister')
        foreach ($command in $destructive) {
            $command.Parameters.Keys | Should -Contain 'WhatIf' -Because "$($command.Name) must support ShouldProcess"
            $command.Parameters.Keys | Should -Contain 'Confirm' -Because "$($command.Name) must support ShouldProcess"
        }
        (Get-Command Set-GenAIConfiguration).Parameters.Keys | Should -Contain 'WhatIf' -Because '-Persist and -ClearPersisted write and delete a file'
    }

    It 'keeps bin/ to the cmdlet assembly, with the core and every other DLL in bin/<framework>' {
        $bin = Join-Path (Split-Path $env:GENAI_TEST_MODULE) 'bin'
        @(Get-ChildItem $bin -Filter *.dll).Name | Should -Be @('GenAI.PowerShell.dll')
        @(Get-ChildItem $bin -Directory).Name | Sort-Object | Should -Be @('en-US', 'net8.0', 'netstandard2.0')
        foreach ($framework in 'net8.0', 'netstandard2.0') {
            $dependencies = @(Get-ChildItem (Join-Path $bin $framework) -File).Name
            $dependencies | Should -Contain 'GenAI.Core.dll'
            $dependencies | Where-Object { $_ -notlike '*.dll' -or $_ -match '^(GenAI\.PowerShell|System\.Management\.Automation|Microsoft\.PowerShell\.)' } | Should -BeNullOrEmpty
        }
        # PowerShell 7 provides these (System.Text.Json, ...): shipping a copy would only shadow pwsh's own.
        $net8 = @(Get-ChildItem (Join-Path $bin 'net8.0') -Filter *.dll).Name
        $net8 | Where-Object { Test-Path (Join-Path $PSHOME $_) } | Should -BeNullOrEmpty
    }
}
