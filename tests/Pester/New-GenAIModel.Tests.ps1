BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:emulator = Initialize-GenAITest
    function script:Get-LastBody { (@(Get-EmulatorRequest $emulator)[-1].body | ConvertFrom-Json) }
}

AfterAll {
    $emulator | Stop-EmulatorProcess
}

Describe 'New-GenAIModel' {
    BeforeEach { Clear-EmulatorRequest $emulator }

    It 'returns a model object holding the defaults, shown as a list' {
        $model = New-GenAIModel gemini-2.5-flash -Temperature 0.2 -SystemInstruction 'Be brief.' -SafetySetting @{ Harassment = 'BlockNone' }
        $model | Should -BeOfType ([GenAI.Core.Models.GenerativeModel])
        $model.Name | Should -Be 'models/gemini-2.5-flash'
        $model.GenerationConfig.Temperature | Should -Be 0.2
        $model.SystemInstruction.Text | Should -Be 'Be brief.'
        $shown = $model | Out-String
        $shown | Should -Match 'SystemInstruction\s*:\s*Be brief\.'
        $shown | Should -Match 'HARM_CATEGORY_HARASSMENT=BLOCK_NONE'
        @(Get-EmulatorRequest $emulator).Count | Should -Be 0
    }

    It 'merges generation config field by field, the call winning' {
        $model = New-GenAIModel gemini-2.5-flash -Temperature 0.2 -MaxOutputTokens 50 -GenerationConfig @{ top_p = 0.5 }
        $null = Invoke-GenerateContent 'merge please' -Model $model -Temperature 0.9 -Seed 7
        $config = (Get-LastBody).generationConfig
        $config.temperature | Should -Be 0.9
        $config.maxOutputTokens | Should -Be 50
        $config.topP | Should -Be 0.5
        $config.seed | Should -Be 7
    }

    It 'merges safety settings by category, the call winning' {
        $model = New-GenAIModel gemini-2.5-flash -SafetySetting @{ Harassment = 'BlockNone'; hate = 'high' }
        $null = Invoke-GenerateContent 'safety please' -Model $model -SafetySetting @{ HateSpeech = 'BlockLowAndAbove'; danger = 'medium' }
        $settings = (Get-LastBody).safetySettings
        $settings.Count | Should -Be 3
        ($settings | Where-Object category -EQ 'HARM_CATEGORY_HARASSMENT').threshold | Should -Be 'BLOCK_NONE'
        ($settings | Where-Object category -EQ 'HARM_CATEGORY_HATE_SPEECH').threshold | Should -Be 'BLOCK_LOW_AND_ABOVE'
        ($settings | Where-Object category -EQ 'HARM_CATEGORY_DANGEROUS_CONTENT').threshold | Should -Be 'BLOCK_MEDIUM_AND_ABOVE'
    }

    It 'replaces the tools and tool config with the call''s' {
        $model = New-GenAIModel gemini-2.5-flash -Tool @{ name = 'model_tool'; description = 'From the model.' } -ToolConfig none
        $null = Invoke-GenerateContent 'no tools called' -Model $model
        $body = Get-LastBody
        $body.tools[0].functionDeclarations.name | Should -Be 'model_tool'
        $body.toolConfig.functionCallingConfig.mode | Should -Be 'NONE'

        $null = Invoke-GenerateContent 'tools replaced' -Model $model -Tool @{ name = 'call_tool' }, 'code_execution'
        $body = Get-LastBody
        $body.tools.Count | Should -Be 2
        $body.tools[0].functionDeclarations.name | Should -Be 'call_tool'
        $body.tools[1].PSObject.Properties.Name | Should -Be 'codeExecution'
        $body.toolConfig.functionCallingConfig.mode | Should -Be 'NONE'
    }

    It 'sends the model''s system instruction; a per-call one replaces it for that call only' {
        $model = New-GenAIModel gemini-2.5-flash -SystemInstruction 'Answer in French.'
        $null = Invoke-GenerateContent 'bonjour' -Model $model
        (Get-LastBody).systemInstruction.parts[0].text | Should -Be 'Answer in French.'
        $null = Invoke-GenerateContent 'hello' -Model $model -SystemInstruction 'Answer in German.'
        (Get-LastBody).systemInstruction.parts[0].text | Should -Be 'Answer in German.'
        $null = Invoke-GenerateContent 'again' -Model $model
        (Get-LastBody).systemInstruction.parts[0].text | Should -Be 'Answer in French.'
    }

    It 'binds a piped model to -Model while a piped string is still the prompt' {
        $model = New-GenAIModel gemini-2.0-flash -Temperature 0.3
        $reply = $model | Invoke-GenerateContent 'hi from the pipeline'
        $reply.Text | Should -Be 'Echo: hi from the pipeline'
        $request = @(Get-EmulatorRequest $emulator)[-1]
        $request.path | Should -Be '/v1beta/models/gemini-2.0-flash:generateContent'
        ($request.body | ConvertFrom-Json).generationConfig.temperature | Should -Be 0.3

        $reply = 'piped prompt' | Invoke-GenerateContent -Model $model
        $reply.Text | Should -Be 'Echo: piped prompt'
    }

    It 'adds piped items after an argument prompt' {
        $null = 'the piped text' | Invoke-GenerateContent 'Summarize:' -Model gemini-2.5-flash
        $parts = (Get-LastBody).contents[0].parts
        $parts.text | Should -Be @('Summarize:', 'the piped text')
    }

    It 'counts the model''s system instruction and tools with Measure-Tokens' {
        $model = New-GenAIModel gemini-2.5-flash -SystemInstruction 'Five words of system text.'
        $withModel = Measure-Tokens 'count me' -Model $model
        (Get-LastBody).generateContentRequest.systemInstruction.parts[0].text | Should -Be 'Five words of system text.'
        $plain = Measure-Tokens 'count me' -Model gemini-2.5-flash
        $withModel.TotalTokens | Should -BeGreaterThan $plain.TotalTokens
    }

    It 'is accepted by Start-ChatSession, which can add defaults of its own' {
        $model = New-GenAIModel gemini-2.5-flash -Temperature 0.1
        $chat = Start-ChatSession -Model $model -SystemInstruction 'Chat politely.' -MaxOutputTokens 20
        $null = Send-ChatMessage $chat 'hello chat'
        $body = Get-LastBody
        $body.generationConfig.temperature | Should -Be 0.1
        $body.generationConfig.maxOutputTokens | Should -Be 20
        $body.systemInstruction.parts[0].text | Should -Be 'Chat politely.'
        $model.SystemInstruction | Should -BeNullOrEmpty
    }

    It 'builds a model from a cached content: the cache''s model, cachedContent on every call' {
        $headers = @{ 'x-goog-api-key' = $emulator.ApiKey }
        $cacheBody = @{ model = 'models/gemini-2.0-flash'; contents = @(@{ role = 'user'; parts = @(@{ text = 'A long document to cache.' }) }) } | ConvertTo-Json -Depth 5
        $cache = Invoke-RestMethod -Method Post -Uri ($emulator.BaseUri.TrimEnd('/') + '/v1beta/cachedContents') -Headers $headers -Body $cacheBody -ContentType 'application/json'
        Clear-EmulatorRequest $emulator

        $model = New-GenAIModel -CachedContent ($cache.name -replace '^cachedContents/')
        $model.Name | Should -Be 'models/gemini-2.0-flash'
        $model.CachedContent | Should -Be $cache.name
        $requests = @(Get-EmulatorRequest $emulator)
        $requests[0].method | Should -Be 'GET'
        $requests[0].path | Should -Be "/v1beta/$($cache.name)"

        $reply = Invoke-GenerateContent 'question about the document' -Model $model
        $reply.UsageMetadata.CachedContentTokenCount | Should -BeGreaterThan 0
        $request = @(Get-EmulatorRequest $emulator)[-1]
        $request.path | Should -Be '/v1beta/models/gemini-2.0-flash:generateContent'
        ($request.body | ConvertFrom-Json).cachedContent | Should -Be $cache.name

        $fromObject = New-GenAIModel -CachedContent $cache
        $fromObject.CachedContent | Should -Be $cache.name
        $fromObject.Name | Should -Be 'models/gemini-2.0-flash'
    }

    It 'refuses a system instruction or tools on a model from a cache' {
        $cache = [GenAI.Core.Protocol.CachedContent]@{ Name = 'cachedContents/abc'; Model = 'models/gemini-2.0-flash' }
        { New-GenAIModel -CachedContent $cache -SystemInstruction 'no' -ErrorAction Stop } |
            Should -Throw -ErrorId 'GenAI.CachedContentConflict,GenAI.PowerShell.Commands.NewGenAIModelCommand'
        $model = New-GenAIModel -CachedContent $cache
        { Invoke-GenerateContent 'x' -Model $model -Tool code_execution -ErrorAction Stop } |
            Should -Throw -ErrorId 'GenAI.CachedContentConflict,GenAI.PowerShell.Commands.InvokeGenerateContentCommand'
        @(Get-EmulatorRequest $emulator).Count | Should -Be 0
    }

    It 'refuses bad settings before anything is sent, naming the problem' {
        { New-GenAIModel gemini-2.5-flash -GenerationConfig @{ temperature = 3 } -ErrorAction Stop } |
            Should -Throw -ErrorId 'GenAI.InvalidGenerationConfig,GenAI.PowerShell.Commands.NewGenAIModelCommand'
        { New-GenAIModel gemini-2.5-flash -SafetySetting @{ violence = 'none' } -ErrorAction Stop } |
            Should -Throw -ErrorId 'GenAI.InvalidSafetySetting,GenAI.PowerShell.Commands.NewGenAIModelCommand'
        { New-GenAIModel gemini-2.5-flash -Tool 'web_browser' -ErrorAction Stop } |
            Should -Throw -ErrorId 'GenAI.InvalidTool,GenAI.PowerShell.Commands.NewGenAIModelCommand'
        { New-GenAIModel gemini-2.5-flash -ToolConfig 'sometimes' -ErrorAction Stop } |
            Should -Throw -ErrorId 'GenAI.InvalidToolConfig,GenAI.PowerShell.Commands.NewGenAIModelCommand'
        @(Get-EmulatorRequest $emulator).Count | Should -Be 0
    }

    It 'takes the name from a piped model description' {
        $model = Get-GenAIModel gemini-2.0-flash | New-GenAIModel -Temperature 0.5
        $model.Name | Should -Be 'models/gemini-2.0-flash'
        $model.GenerationConfig.Temperature | Should -Be 0.5
    }

    It 'completes a single threshold, tool config modes and built-in tools' {
        function Get-Completion([string] $line) { (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText }
        Get-Completion 'New-GenAIModel gemini-2.5-flash -SafetySetting BlockO' | Should -Be 'BlockOnlyHigh'
        Get-Completion 'New-GenAIModel gemini-2.5-flash -ToolConfig A' | Should -Be @('AUTO', 'ANY')
        Get-Completion 'Invoke-GenerateContent hi -Tool google' | Should -Be @('google_search', 'google_search_retrieval')
    }
}
