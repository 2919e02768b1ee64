# Every exported cmdlet has full help, generated from docs/help/<Verb-Noun>.md: a cmdlet added without a page fails here.
BeforeDiscovery {
    Import-Module $env:GENAI_TEST_MODULE -Force
    $cmdlets = @(Get-Command -Module GenAI -CommandType Cmdlet | Sort-Object Name | ForEach-Object { @{ Name = $_.Name } })
}

BeforeAll {
    Import-Module $env:GENAI_TEST_MODULE -Force
    $script:moduleBase = Split-Path $env:GENAI_TEST_MODULE
    $script:common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
    $script:docs = Join-Path $PSScriptRoot '../../docs/help'
}

Describe 'Help for <Name>' -ForEach $cmdlets {
    BeforeAll {
        $help = Get-Help $Name -Full
        $command = Get-Command $Name
        $parameters = @($command.Parameters.Values | Where-Object { $_.Name -notin $common })
        $shouldProcess = @($command.Parameters.Keys | Where-Object { $_ -in 'WhatIf', 'Confirm' })
        $documented = @($help.parameters.parameter | Where-Object { $_ })
    }

    It 'has a synopsis written for it (not the generated syntax line)' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis.Trim() | Should -Not -BeLike "$Name *"
    }

    It 'has a description' {
        ($help.description.Text -join '').Trim() | Should -Not -BeNullOrEmpty
    }

    It 'has at least two examples, each with code and remarks' {
        $examples = @($help.examples.example)
        $examples.Count | Should -BeGreaterOrEqual 2
        foreach ($example in $examples) {
            $example.code | Should -Not -BeNullOrEmpty
            ($example.remarks.Text -join '').Trim() | Should -Not -BeNullOrEmpty -Because "$($example.title) needs remarks"
        }
    }

    It 'describes every parameter' {
        foreach ($parameter in $parameters) {
            $entry = $documented | Where-Object name -eq $parameter.Name
            $entry | Should -Not -BeNullOrEmpty -Because "-$($parameter.Name) needs help"
            ($entry.description.Text -join '').Trim() | Should -Not -BeNullOrEmpty -Because "-$($parameter.Name) needs a description"
        }
    }

    It "documents exactly the cmdlet's parameters, and each parameter set as a syntax" {
        $expected = @(@($parameters.Name) + $shouldProcess | Sort-Object -Unique)
        @($documented.name | Sort-Object -Unique) | Should -Be $expected
        $syntax = @($help.syntax.syntaxItem)
        $syntax.Count | Should -Be @($command.ParameterSets).Count
        foreach ($set in $command.ParameterSets) {
            $names = @($set.Parameters.Name | Where-Object { $_ -notin $common -or $_ -in 'WhatIf', 'Confirm' } | Sort-Object)
            $matching = $syntax | Where-Object { (@($_.parameter.name | Where-Object { $_ } | Sort-Object) -join ',') -eq ($names -join ',') }
            $matching | Should -Not -BeNullOrEmpty -Because "parameter set '$($set.Name)' needs a syntax entry"
        }
    }

    It 'has a markdown page whose parameter sections match the cmdlet' {
        $page = Join-Path $docs "$Name.md"
        $page | Should -Exist
        $text = Get-Content -Raw $page
        $section = if ($text -match '(?ms)^## PARAMETERS\s*$(?<body>.*?)^## ') { $Matches.body } else { '' }
        $sections = @([regex]::Matches($section, '(?m)^### -(\w+)') | ForEach-Object { $_.Groups[1].Value } | Sort-Object)
        # -WhatIf/-Confirm may have their own sections (else standard text is used), but only where the cmdlet has them.
        $sections | Where-Object { $_ -in 'WhatIf', 'Confirm' } | ForEach-Object { $_ | Should -BeIn $shouldProcess }
        @($sections | Where-Object { $_ -notin 'WhatIf', 'Confirm' }) | Should -Be @($parameters.Name | Sort-Object)
    }

    It 'ships its help beside the cmdlet DLL' {
        $maml = [xml](Get-Content -Raw (Join-Path $moduleBase 'bin/en-US/GenAI.PowerShell.dll-Help.xml'))
        $names = $maml.helpItems.command | ForEach-Object { $_.details.name }
        $names | Should -Contain $Name
    }
}

Describe 'about_GenAI' {
    It 'is found by Get-Help and covers the topics a user needs' {
        $text = Get-Help about_GenAI | Out-String
        foreach ($heading in 'SHORT DESCRIPTION', 'CONFIGURATION', 'API KEYS', 'PROXIES', 'STREAMING', 'CHAT', 'ERRORS', 'TROUBLESHOOTING', 'OFFLINE TESTING WITH THE EMULATOR') {
            $text | Should -Match ([regex]::Escape($heading))
        }
    }

    It 'lists the ErrorIds the module reports' {
        $text = Get-Help about_GenAI | Out-String
        foreach ($id in 'GenAI.ApiKeyMissing', 'GenAI.ApiKeyInvalid', 'GenAI.ModelNotFound', 'GenAI.RateLimited', 'GenAI.PromptBlocked', 'GenAI.StreamInterrupted', 'GenAI.Timeout') {
            $text | Should -Match ([regex]::Escape($id))
        }
    }
}
