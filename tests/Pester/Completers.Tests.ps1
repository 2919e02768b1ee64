# Tab completion: -Model from the service's list (cached) or a built-in list offline; safety names; MIME types.
BeforeDiscovery {
    Import-Module $env:GENAI_TEST_MODULE -Force
    # Every cmdlet parameter that has a completer, so cmdlets added later are covered without editing this file.
    $completed = @{ MimeType = 'image/p'; ResponseMimeType = 'application/' }
    $safetyCommands = @(Get-Command -Module GenAI -CommandType Cmdlet | Where-Object { $_.Parameters.ContainsKey('SafetySetting') } | ForEach-Object { @{ Command = $_.Name } })
    $parameterCases = @(foreach ($command in Get-Command -Module GenAI -CommandType Cmdlet) {
            foreach ($name in $completed.Keys) {
                if ($command.Parameters.ContainsKey($name)) { @{ Command = $command.Name; Parameter = $name; Word = $completed[$name] } }
            }
        })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:emulator = Initialize-GenAITest
    function Get-Completion([string] $Line) { @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText) }
}

AfterAll {
    Stop-EmulatorProcess $emulator
}

Describe '-Model completion' -Tag 'Smoke' {
    BeforeEach {
        Set-GenAIConfiguration -ApiKey $emulator.ApiKey -BaseUri $emulator.BaseUri
        [GenAI.PowerShell.Completers.ModelCompleter]::ClearCache()
    }

    It 'offers the models the service lists, and asks the service once per session' {
        Clear-EmulatorRequest $emulator
        $first = Get-Completion 'Invoke-GenerateContent -Model fault-50'
        $first | Should -Be @('fault-503x2', 'fault-500')   # emulator-only names: they came from the service
        Get-Completion 'Invoke-GenerateContent -Model gemini-2.5-' | Should -Contain 'gemini-2.5-pro'
        Get-Completion 'Get-GenAIModel gemini-1.5-' | Should -Be @('gemini-1.5-flash', 'gemini-1.5-pro')
        Get-Completion 'Measure-Tokens -Model gem' | Should -Contain 'gemma-3-27b-it'
        @(Get-EmulatorRequest $emulator | Where-Object { $_.method -eq 'GET' -and $_.path -like '*/models' }).Count | Should -Be 1
    }

    It 'completes -DefaultModel of Set-GenAIConfiguration and -Model of Start-ChatSession' {
        Get-Completion 'Set-GenAIConfiguration -DefaultModel gemini-2.0-flash-l' | Should -Be @('gemini-2.0-flash-lite')
        Get-Completion 'Start-ChatSession -Model echo' | Should -Be @('echo')
    }

    It 'completes the model name of <Line>' -ForEach @(
        @{ Line = 'New-GenAIModel gemini-2.0-flash-l' }
        @{ Line = 'New-GenAIModel -Name gemini-2.0-flash-l' }
        @{ Line = 'New-GenAICachedContent -Model gemini-2.0-flash-l' }
        @{ Line = 'Measure-Tokens x -Model gemini-2.0-flash-l' }
    ) {
        Get-Completion $Line | Should -Be @('gemini-2.0-flash-lite')
    }

    It 'falls back to the built-in list when no key is set, without calling the service' {
        Set-GenAIConfiguration -ClearApiKey
        Clear-EmulatorRequest $emulator
        $names = Get-Completion 'Invoke-GenerateContent -Model gemini-2.5'
        $names | Should -Contain 'gemini-2.5-flash'
        $names | Should -Contain 'gemini-2.5-pro'
        Get-Completion 'Invoke-GenerateContent -Model fault-' | Should -BeNullOrEmpty
        @(Get-EmulatorRequest $emulator).Count | Should -Be 0
    }

    It 'falls back to the built-in list quickly when the service is unreachable' {
        $closed = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $closed.Start(); $port = $closed.LocalEndpoint.Port; $closed.Stop()
        Set-GenAIConfiguration -BaseUri "http://127.0.0.1:$port/"
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        Get-Completion 'Invoke-GenerateContent -Model gemini-2.5-f' | Should -Contain 'gemini-2.5-flash'
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 5 -Because 'completion gives the listing two seconds at most'
    }
}

Describe 'Safety and MIME type completion' {
    It 'completes the harm categories inside -SafetySetting @{ } of <Command>' -ForEach $safetyCommands {
        Get-Completion "$Command -SafetySetting @{ " | Should -Be @('CivicIntegrity', 'DangerousContent', 'Harassment', 'HateSpeech', 'SexuallyExplicit')
        Get-Completion "$Command -SafetySetting @{ Hate" | Should -Be @('HateSpeech')
        # A category already in the hashtable is not offered again.
        Get-Completion "$Command -SafetySetting @{ Harassment = 'BlockNone'; " | Should -Not -Contain 'Harassment'
        Get-Completion "$Command -SafetySetting @{ Harassment = 'BlockNone'; " | Should -Contain 'HateSpeech'
    }

    It 'completes one threshold for every category as a bare word' {
        Get-Completion 'Invoke-GenerateContent -SafetySetting BlockM' | Should -Be @('BlockMediumAndAbove')
        @(Get-Completion 'Invoke-GenerateContent -SafetySetting ').Count | Should -Be 6
    }

    It 'completes input MIME types and response MIME types' {
        $completer = [GenAI.PowerShell.Completers.MimeTypeCompleter]::new()
        @($completer.CompleteArgument('x', 'MimeType', 'image/', $null, @{}).CompletionText) | Should -Contain 'image/png'
        @($completer.CompleteArgument('x', 'MimeType', 'application/p', $null, @{}).CompletionText) | Should -Be @('application/pdf')
        @($completer.CompleteArgument('x', 'ResponseMimeType', '', $null, @{}).CompletionText) | Should -Be @('text/plain', 'application/json', 'text/x.enum')
    }

    It 'completes -<Parameter> of <Command> through TabExpansion2' -ForEach $parameterCases {
        $line = "$Command -$Parameter $Word"
        $values = @((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText)
        $values | Should -Not -BeNullOrEmpty
        foreach ($value in $values) { $value.Trim("'") | Should -BeLike "$Word*" }
    }
}

Describe '-Model completion by what the command does' {
    BeforeEach {
        Set-GenAIConfiguration -ApiKey $emulator.ApiKey -BaseUri $emulator.BaseUri
        [GenAI.PowerShell.Completers.ModelCompleter]::ClearCache()
    }

    It 'offers a generation command only models that generate content, and every model to Get-GenAIModel' {
        $embedding = @(Get-GenAIModel | Where-Object { $_.SupportedGenerationMethods -notcontains 'generateContent' } | Select-Object -ExpandProperty Id)
        $embedding | Should -Not -BeNullOrEmpty -Because 'the emulator lists embedding models'
        $generation = Get-Completion 'Invoke-GenerateContent -Model '
        $generation | Should -Contain 'gemini-2.5-flash'
        foreach ($id in $embedding) { $generation | Should -Not -Contain $id }
        foreach ($id in $embedding) { Get-Completion 'Send-ChatMessage -Model ' | Should -Not -Contain $id }
        Get-Completion 'Get-GenAIModel ' | Should -Contain $embedding[0]
    }

    It 'offers the built-in list filtered the same way offline' {
        Set-GenAIConfiguration -ClearApiKey
        Get-Completion 'Invoke-GenerateContent -Model gemini-emb' | Should -BeNullOrEmpty
        Get-Completion 'Measure-Tokens -Model gemini-emb' | Should -Be @('gemini-embedding-001')
    }
}

Describe 'Completion of uploaded file names, cached content names and methods' {
    BeforeAll {
        Set-GenAIConfiguration -ApiKey $emulator.ApiKey -BaseUri $emulator.BaseUri
        $path = Join-Path $TestDrive 'complete-me.txt'
        Set-Content -Path $path -Value 'Some text to upload.'
        $script:file = Add-GenAIFile $path -Name 'complete-me-file'
        $script:cache = New-GenAICachedContent 'A document to cache for completion.' -Model gemini-2.5-flash -DisplayName 'completion' -Ttl 600
        [GenAI.PowerShell.Completers.FileNameCompleter]::ClearCache()
        [GenAI.PowerShell.Completers.CachedContentNameCompleter]::ClearCache()
    }

    AfterAll {
        Remove-GenAIFile $file.Name -Confirm:$false -ErrorAction SilentlyContinue
        Remove-GenAICachedContent $cache.Name -Confirm:$false -ErrorAction SilentlyContinue
    }

    It 'completes -Name of <Command> with the uploaded files' -ForEach @(@{ Command = 'Get-GenAIFile' }, @{ Command = 'Remove-GenAIFile' }) {
        Get-Completion "$Command -Name files/complete-" | Should -Be @('files/complete-me-file')
        Get-Completion "$Command files/complete-" | Should -Be @('files/complete-me-file')
    }

    It 'completes cached content names for <Line>' -ForEach @(
        @{ Line = 'Get-GenAICachedContent cachedContents/' }
        @{ Line = 'Remove-GenAICachedContent -Name cachedContents/' }
        @{ Line = 'Set-GenAICachedContent cachedContents/' }
        @{ Line = 'Start-ChatSession -CachedContent cachedContents/' }
        @{ Line = 'New-GenAIModel -CachedContent cachedContents/' }
    ) {
        Get-Completion $Line | Should -Contain $cache.Name
    }

    It 'completes Get-GenAIModel -SupportedMethod with the method names' {
        Get-Completion 'Get-GenAIModel -SupportedMethod gen' | Should -Be @('generateContent')
        Get-Completion 'Get-GenAIModel -SupportedMethod count' | Should -Be @('countTokens')
        Get-Completion 'Get-GenAIModel -SupportedMethod ' | Should -Contain 'createCachedContent'
    }

    It 'offers nothing, quickly, when no key is set' {
        Set-GenAIConfiguration -ClearApiKey
        try {
            [GenAI.PowerShell.Completers.FileNameCompleter]::ClearCache()
            Get-Completion 'Get-GenAIFile files/' | Should -BeNullOrEmpty
        }
        finally { Set-GenAIConfiguration -ApiKey $emulator.ApiKey }
    }
}
