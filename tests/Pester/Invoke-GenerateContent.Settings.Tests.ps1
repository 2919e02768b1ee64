# Response types for -ResponseSchema (classes are defined when the file is parsed, so every block sees them).
class Address {
    [string] $City
    [string] $Country
}
enum Mood { Happy; Sad; Neutral }
class Person {
    [string] $Name
    [int] $Age
    [Nullable[double]] $Height
    [bool] $Active
    [Mood] $Mood
    [string[]] $Tags
    [Address] $Home
}
class Appointment {
    [System.ComponentModel.Description('When it starts')] [datetime] $Start
    [ValidateSet('low', 'high')] [string] $Priority
    [AllowNull()] [string] $Note
    hidden [string] $Internal
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:emulator = Initialize-GenAITest
    function script:Get-LastBody { (@(Get-EmulatorRequest $emulator)[-1].body | ConvertFrom-Json) }
}

AfterAll {
    $emulator | Stop-EmulatorProcess
}

Describe 'Invoke-GenerateContent generation settings' {
    BeforeEach { Clear-EmulatorRequest $emulator }

    It 'sends each generation parameter as its generationConfig field' {
        $null = Invoke-GenerateContent 'settings' -Model gemini-2.5-flash -Temperature 0.4 -TopP 0.9 -TopK 20 -MaxOutputTokens 64 -CandidateCount 2 `
            -StopSequence 'END', 'STOP' -Seed 42 -ResponseMimeType 'text/plain' -PresencePenalty 0.5 -FrequencyPenalty -0.5 -ThinkingBudget 128 -IncludeThoughts
        $config = (Get-LastBody).generationConfig
        $config.temperature | Should -Be 0.4
        $config.topP | Should -Be 0.9
        $config.topK | Should -Be 20
        $config.maxOutputTokens | Should -Be 64
        $config.candidateCount | Should -Be 2
        $config.stopSequences | Should -Be @('END', 'STOP')
        $config.seed | Should -Be 42
        $config.responseMimeType | Should -Be 'text/plain'
        $config.presencePenalty | Should -Be 0.5
        $config.frequencyPenalty | Should -Be -0.5
        $config.thinkingConfig.thinkingBudget | Should -Be 128
        $config.thinkingConfig.includeThoughts | Should -BeTrue
    }

    It 'takes any field through -GenerationConfig in snake_case or PascalCase; single parameters win over it' {
        $null = Invoke-GenerateContent 'config' -Model gemini-2.5-flash -GenerationConfig @{ max_output_tokens = 10; Temperature = 1.5; response_logprobs = $true; logprobs = 3 } -Temperature 0.1
        $config = (Get-LastBody).generationConfig
        $config.maxOutputTokens | Should -Be 10
        $config.temperature | Should -Be 0.1
        $config.responseLogprobs | Should -BeTrue
        $config.logprobs | Should -Be 3
    }

    It 'refuses out-of-range values before sending' {
        { Invoke-GenerateContent 'x' -Temperature 2.5 -ErrorAction Stop } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,GenAI.PowerShell.Commands.InvokeGenerateContentCommand'
        { Invoke-GenerateContent 'x' -StopSequence a, b, c, d, e, f -ErrorAction Stop } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,GenAI.PowerShell.Commands.InvokeGenerateContentCommand'
        $thrown = { Invoke-GenerateContent 'x' -GenerationConfig @{ top_p = 1.5 } -ErrorAction Stop } |
            Should -Throw -ErrorId 'GenAI.InvalidGenerationConfig,GenAI.PowerShell.Commands.InvokeGenerateContentCommand' -PassThru
        $thrown.Exception.Message | Should -Match 'topP must be between 0 and 1, got 1.5'
        $thrown.CategoryInfo.Category | Should -Be 'InvalidArgument'
        { Invoke-GenerateContent 'x' -GenerationConfig @{ candidateCount = 'many' } -ErrorAction Stop } |
            Should -Throw -ErrorId 'GenAI.InvalidGenerationConfig,GenAI.PowerShell.Commands.InvokeGenerateContentCommand'
        @(Get-EmulatorRequest $emulator).Count | Should -Be 0
    }

    It 'accepts the seed''s safety aliases, one threshold for all, and lists' {
        $null = Invoke-GenerateContent 'safe' -Model gemini-2.5-flash -SafetySetting @{ sex = 'low'; HARM_CATEGORY_DANGEROUS_CONTENT = 'BLOCK_ONLY_HIGH'; Harassment = 4 }
        $settings = (Get-LastBody).safetySettings
        ($settings | Where-Object category -EQ 'HARM_CATEGORY_SEXUALLY_EXPLICIT').threshold | Should -Be 'BLOCK_LOW_AND_ABOVE'
        ($settings | Where-Object category -EQ 'HARM_CATEGORY_DANGEROUS_CONTENT').threshold | Should -Be 'BLOCK_ONLY_HIGH'
        ($settings | Where-Object category -EQ 'HARM_CATEGORY_HARASSMENT').threshold | Should -Be 'BLOCK_NONE'

        $null = Invoke-GenerateContent 'safe' -Model gemini-2.5-flash -SafetySetting BlockNone
        (Get-LastBody).safetySettings.threshold | Should -Be @('BLOCK_NONE', 'BLOCK_NONE', 'BLOCK_NONE', 'BLOCK_NONE')

        $null = Invoke-GenerateContent 'safe' -Model gemini-2.5-flash -SafetySetting @{ category = 'hate'; threshold = 'medium' }, @{ category = 'Harassment'; threshold = 'high' }
        (Get-LastBody).safetySettings.category | Should -Be @('HARM_CATEGORY_HATE_SPEECH', 'HARM_CATEGORY_HARASSMENT')
    }

    It 'takes the typed -SafetySetting object and a splatted hashtable like a hashtable literal' {
        $typed = [GenAI.PowerShell.Input.SafetySettingArgument]@{ HateSpeech = 'BlockLowAndAbove'; Harassment = 'BlockNone' }
        $null = Invoke-GenerateContent 'safe' -Model gemini-2.5-flash -SafetySetting $typed
        $settings = (Get-LastBody).safetySettings
        $settings.Count | Should -Be 2   # a hashtable's keys come in no set order
        ($settings | Where-Object category -EQ 'HARM_CATEGORY_HATE_SPEECH').threshold | Should -Be 'BLOCK_LOW_AND_ABOVE'
        ($settings | Where-Object category -EQ 'HARM_CATEGORY_HARASSMENT').threshold | Should -Be 'BLOCK_NONE'

        $splat = @{ Model = 'gemini-2.5-flash'; SafetySetting = @{ danger = 'high' } }
        $null = Invoke-GenerateContent 'safe' @splat
        (Get-LastBody).safetySettings.category | Should -Be @('HARM_CATEGORY_DANGEROUS_CONTENT')
    }

    It 'names the bad safety value and sends nothing' {
        $thrown = { Invoke-GenerateContent 'x' -SafetySetting @{ Harassment = 'sometimes' } -ErrorAction Stop } |
            Should -Throw -ErrorId 'GenAI.InvalidSafetySetting,GenAI.PowerShell.Commands.InvokeGenerateContentCommand' -PassThru
        $thrown.Exception.Message | Should -Match "'sometimes' is not a block threshold"
        $thrown.ErrorDetails.RecommendedAction | Should -Match 'BlockOnlyHigh'
        @(Get-EmulatorRequest $emulator).Count | Should -Be 0
    }

    It 'sends a system instruction given as text or parts' {
        $null = Invoke-GenerateContent 'hi' -Model gemini-2.5-flash -SystemInstruction 'Rule one.', 'Rule two.'
        $system = (Get-LastBody).systemInstruction
        $system.parts.text | Should -Be @('Rule one.', 'Rule two.')
        $system.PSObject.Properties.Name | Should -Not -Contain 'role'
    }
}

Describe 'Invoke-GenerateContent structured output' {
    BeforeEach { Clear-EmulatorRequest $emulator }

    It 'turns a PowerShell class into the schema and the reply into an instance of it' {
        $person = Invoke-GenerateContent 'Invent a person.' -Model gemini-2.5-flash -ResponseSchema ([Person]) -AsObject
        $config = (Get-LastBody).generationConfig
        $config.responseMimeType | Should -Be 'application/json'
        $schema = $config.responseSchema
        $schema.type | Should -Be 'OBJECT'
        $schema.propertyOrdering | Should -Be @('Name', 'Age', 'Height', 'Active', 'Mood', 'Tags', 'Home')
        $schema.required | Should -Be @('Name', 'Age', 'Active', 'Mood', 'Tags', 'Home')
        $schema.properties.Name.type | Should -Be 'STRING'
        $schema.properties.Age.type | Should -Be 'INTEGER'
        $schema.properties.Height.type | Should -Be 'NUMBER'
        $schema.properties.Height.nullable | Should -BeTrue
        $schema.properties.Active.type | Should -Be 'BOOLEAN'
        $schema.properties.Mood.enum | Should -Be @('Happy', 'Sad', 'Neutral')
        $schema.properties.Tags.type | Should -Be 'ARRAY'
        $schema.properties.Tags.items.type | Should -Be 'STRING'
        $schema.properties.Home.properties.City.type | Should -Be 'STRING'

        $person.GetType().Name | Should -Be 'Person'
        $person.Name | Should -Be 'string'
        $person.Age | Should -Be 1
        $person.Active | Should -BeTrue
        $person.Mood | Should -Be ([Mood]::Happy)
        $person.Tags | Should -Be @('string')
        $person.Home.GetType().Name | Should -Be 'Address'
        $person.Home.City | Should -Be 'string'
    }

    It 'maps dates, [ValidateSet], [AllowNull()], [Description] and hidden properties' {
        $null = Invoke-GenerateContent 'Book it.' -Model gemini-2.5-flash -ResponseSchema ([Appointment])
        $schema = (Get-LastBody).generationConfig.responseSchema
        $schema.properties.PSObject.Properties.Name | Should -Be @('Start', 'Priority', 'Note')
        $schema.properties.Start.type | Should -Be 'STRING'
        $schema.properties.Start.format | Should -Be 'date-time'
        $schema.properties.Start.description | Should -Be 'When it starts'
        $schema.properties.Priority.enum | Should -Be @('low', 'high')
        $schema.properties.Note.nullable | Should -BeTrue
        $schema.required | Should -Be @('Start', 'Priority')
    }

    It 'takes a hashtable schema and writes PSCustomObjects like ConvertFrom-Json' {
        $schema = @{ type = 'object'; properties = [ordered]@{ title = 'string'; pages = 'integer'; authors = @{ type = 'array'; items = 'string' } } }
        $book = Invoke-GenerateContent 'A book, please.' -Model gemini-2.5-flash -ResponseSchema $schema -AsObject
        $book | Should -BeOfType ([System.Management.Automation.PSCustomObject])
        $book.PSObject.Properties.Name | Should -Be @('title', 'pages', 'authors')
        $book.pages | Should -Be 1
        $body = Get-LastBody
        $body.generationConfig.responseSchema.propertyOrdering | Should -Be @('title', 'pages', 'authors')
    }

    It 'takes JSON text and enumerates a top-level array' {
        $items = Invoke-GenerateContent 'Two numbers.' -Model gemini-2.5-flash -ResponseSchema '{"type": "array", "items": {"type": "number"}}' -AsObject
        $items | Should -Be 1
        (Get-LastBody).generationConfig.responseSchema.type | Should -Be 'ARRAY'
    }

    It 'uses text/x.enum for an enum type and returns the enum value' {
        $mood = Invoke-GenerateContent 'How do you feel?' -Model gemini-2.5-flash -ResponseSchema ([Mood]) -AsObject
        $mood | Should -Be ([Mood]::Happy)
        $mood.GetType().Name | Should -Be 'Mood'
        (Get-LastBody).generationConfig.responseMimeType | Should -Be 'text/x.enum'
    }

    It 'reports a reply that is not JSON, keeping the reply as the target' {
        $null = Invoke-GenerateContent 'plain text' -Model gemini-2.5-flash -AsObject -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'GenAI.ResponseNotJson,GenAI.PowerShell.Commands.InvokeGenerateContentCommand'
        $failures[0].TargetObject.Text | Should -Be 'Echo: plain text'
    }

    It 'refuses an invalid schema before sending' {
        { Invoke-GenerateContent 'x' -ResponseSchema @{ type = 'object'; additionalProperties = $false } -ErrorAction Stop } |
            Should -Throw -ErrorId 'GenAI.InvalidSchema,GenAI.PowerShell.Commands.InvokeGenerateContentCommand'
        { Invoke-GenerateContent 'x' -ResponseSchema @{ type = 'object' } -AsObject -Stream -ErrorAction Stop } |
            Should -Throw -ErrorId 'GenAI.AsObjectNotStreamable,GenAI.PowerShell.Commands.InvokeGenerateContentCommand'
        @(Get-EmulatorRequest $emulator).Count | Should -Be 0
    }
}

Describe 'Invoke-GenerateContent tool results' {
    BeforeEach { Clear-EmulatorRequest $emulator }

    It 'shows function calls the model makes when nothing runs them' {
        $tool = @{ name = 'lookup_order'; description = 'Looks up an order.'; parameters = @{ order_id = 'string' } }
        $reply = Invoke-GenerateContent 'Please lookup_order order_id=A17' -Model gemini-2.5-flash -Tool $tool
        $reply.FunctionCalls[0].Name | Should -Be 'lookup_order'
        $reply.FunctionCalls[0].Args.GetProperty('order_id').GetString() | Should -Be 'A17'
        ($reply | Out-String) | Should -Match ([regex]::Escape('[functionCall lookup_order {"order_id":"A17"}]'))
    }

    It 'sends the tool config: mode ANY with allowed names makes the model call' {
        $tools = @{ name = 'first_fn' }, @{ name = 'second_fn' }
        $reply = Invoke-GenerateContent 'anything' -Model gemini-2.5-flash -Tool $tools -ToolConfig @{ mode = 'any'; allowed_function_names = 'second_fn' }
        (Get-LastBody).toolConfig.functionCallingConfig.allowedFunctionNames | Should -Be 'second_fn'
        $reply.FunctionCalls[0].Name | Should -Be 'second_fn'
    }

    It 'takes functionCallingConfig as just a mode, in every form the seed accepts' {
        $tools = @{ name = 'first_fn' }
        $typed = [GenAI.Core.Protocol.FunctionCallingConfig]@{ Mode = 'ANY' }
        foreach ($mode in 'any', 2, 'MODE_ANY', $typed) {
            Clear-EmulatorRequest $emulator
            $reply = Invoke-GenerateContent 'anything' -Model gemini-2.5-flash -Tool $tools -ToolConfig @{ function_calling_config = $mode }
            (Get-LastBody).toolConfig.functionCallingConfig.mode | Should -Be 'ANY' -Because "mode given as $mode"
            $reply.FunctionCalls[0].Name | Should -Be 'first_fn'
        }
    }

    It 'sends allowedFunctionNames with mode AUTO and leaves the verdict to the service' {
        $tools = @{ name = 'first_fn' }, @{ name = 'second_fn' }
        $null = Invoke-GenerateContent 'anything' -Model gemini-2.5-flash -Tool $tools -ToolConfig @{ mode = 'auto'; allowedFunctionNames = 'second_fn' }
        $sent = (Get-LastBody).toolConfig.functionCallingConfig
        $sent.mode | Should -Be 'AUTO'
        $sent.allowedFunctionNames | Should -Be 'second_fn'
    }

    It 'surfaces code execution parts and shows them as code blocks' {
        $reply = Invoke-GenerateContent 'compute' -Model gemini-2.5-flash -Tool code_execution
        (Get-LastBody).tools[0].PSObject.Properties.Name | Should -Be 'codeExecution'
        $parts = $reply.Candidates[0].Content.Parts
        $parts[0].ExecutableCode.Language | Should -Be 'PYTHON'
        $parts[1].CodeExecutionResult.Outcome | Should -Be 'OUTCOME_OK'
        $shown = $reply | Out-String
        $shown | Should -Match '``` python'
        $shown | Should -Match 'Echo: compute'
    }

    It 'surfaces Google Search grounding and lists its sources' {
        $reply = Invoke-GenerateContent 'news' -Model gemini-2.5-flash -Tool GoogleSearch
        $grounding = $reply.Candidates[0].GroundingMetadata
        $grounding.WebSearchQueries | Should -Be 'news'
        $grounding.Sources[0].Uri | Should -Be 'https://emulator.example.com/grounding/1'
        ($reply | Out-String) | Should -Match 'Sources: emulator.example.com <https://emulator.example.com/grounding/1>'
    }
}
