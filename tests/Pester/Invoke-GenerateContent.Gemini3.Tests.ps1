BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:emulator = Initialize-GenAITest
    function script:Get-Body([int] $Index = -1) { (@(Get-EmulatorRequest $emulator)[$Index].body | ConvertFrom-Json) }

    function Get-TestWeather {
        <#
        .SYNOPSIS
        Gets the weather of a city.
        #>
        param([Parameter(Mandatory)] [string] $City)
        "Sunny in $City"
    }

    function Get-TestChart {
        <#
        .SYNOPSIS
        Draws a chart of a series and returns the image file.
        #>
        param([Parameter(Mandatory)] [string] $Series)
        Get-Item $global:GenAITestChartPath
    }
}

AfterAll {
    Remove-Variable -Name GenAITestChartPath -Scope Global -ErrorAction SilentlyContinue
    Set-GenAIConfiguration -Transport Rest -ClearGrpcUri
    $emulator | Stop-EmulatorProcess
}

Describe 'Gemini 3 controls on the wire' {
    BeforeEach { Clear-EmulatorRequest $emulator }

    It 'sends -ThinkingLevel and -MediaResolution over REST' {
        $reply = Invoke-GenerateContent 'Think a little' -Model gemini-3-flash-preview -ThinkingLevel Low -MediaResolution High
        $reply.Candidates[0].Content.Parts[0].Text | Should -Be 'Echo: Think a little'
        $config = (Get-Body).generationConfig
        $config.thinkingConfig.thinkingLevel | Should -Be 'LOW'
        $config.thinkingConfig.PSObject.Properties.Name | Should -Not -Contain 'thinkingBudget'
        $config.mediaResolution | Should -Be 'MEDIA_RESOLUTION_HIGH'
    }

    It 'refuses -ThinkingLevel with -ThinkingBudget before sending' {
        { Invoke-GenerateContent 'x' -Model gemini-3-flash-preview -ThinkingLevel High -ThinkingBudget 1024 -ErrorAction Stop } |
            Should -Throw -ErrorId 'GenAI.ThinkingLevelAndBudget*'
        @(Get-EmulatorRequest $emulator).Count | Should -Be 0
    }

    It 'lets a call''s -ThinkingLevel replace a model default''s -ThinkingBudget, and merges media settings' {
        $model = New-GenAIModel gemini-3-pro-image-preview -ThinkingBudget 512 -ImageAspectRatio 3:2 -ResponseModality Text, Image
        $null = $model | Invoke-GenerateContent 'A fox' -ThinkingLevel High -ImageSize 2K
        $config = (Get-Body).generationConfig
        $config.thinkingConfig.thinkingLevel | Should -Be 'HIGH'
        $config.thinkingConfig.PSObject.Properties.Name | Should -Not -Contain 'thinkingBudget'
        $config.responseModalities | Should -Be @('TEXT', 'IMAGE')
        $config.imageConfig.imageSize | Should -Be '2K'
    }

    It 'sends -FileMediaResolution as each file part''s mediaResolution' {
        $image = Join-Path $TestDrive 'pixel.png'
        [IO.File]::WriteAllBytes($image, [Convert]::FromBase64String('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC'))
        $null = Invoke-GenerateContent 'Describe' -Path $image -Model gemini-3-pro-preview -FileMediaResolution UltraHigh
        $parts = (Get-Body).contents[0].parts
        ($parts | Where-Object inlineData).mediaResolution.level | Should -Be 'MEDIA_RESOLUTION_ULTRA_HIGH'
        ($parts | Where-Object text).PSObject.Properties.Name | Should -Not -Contain 'mediaResolution'
    }

    It 'sends -Voice and a two-speaker -SpeechConfig' {
        $null = Invoke-GenerateContent 'Say hi' -Model gemini-2.5-flash-preview-tts -ResponseModality Audio -Voice Puck
        (Get-Body).generationConfig.speechConfig.voiceConfig.prebuiltVoiceConfig.voiceName | Should -Be 'Puck'
        $speakers = @{ multiSpeakerVoiceConfig = @{ speakerVoiceConfigs = @(
            @{ speaker = 'Joe'; voiceConfig = @{ prebuiltVoiceConfig = @{ voiceName = 'Kore' } } },
            @{ speaker = 'Jane'; voiceConfig = @{ prebuiltVoiceConfig = @{ voiceName = 'Puck' } } }) } }
        $null = Invoke-GenerateContent 'Joe: hi. Jane: hello.' -Model gemini-2.5-pro-preview-tts -ResponseModality Audio -SpeechConfig $speakers
        $sent = (Get-Body).generationConfig.speechConfig.multiSpeakerVoiceConfig.speakerVoiceConfigs
        $sent.speaker | Should -Be @('Joe', 'Jane')
        $sent.voiceConfig.prebuiltVoiceConfig.voiceName | Should -Be @('Kore', 'Puck')
    }
}

Describe 'Gemini 3 fields over gRPC' {
    BeforeAll { Set-GenAIConfiguration -Transport Grpc -GrpcUri $emulator.GrpcUri }
    AfterAll { Set-GenAIConfiguration -Transport Rest -ClearGrpcUri }
    BeforeEach { Clear-EmulatorRequest $emulator }

    It 'carries mediaResolution, speechConfig, imageConfig.aspectRatio and response modalities' {
        $null = Invoke-GenerateContent 'Say hi' -Model gemini-2.5-flash-preview-tts -ResponseModality Audio -Voice Kore -MediaResolution Low
        $config = (Get-Body).generationConfig
        $config.mediaResolution | Should -Be 'MEDIA_RESOLUTION_LOW'
        $config.speechConfig.voiceConfig.prebuiltVoiceConfig.voiceName | Should -Be 'Kore'
        $config.responseModalities | Should -Be @('AUDIO')
        $image = Invoke-GenerateContent 'A fox' -Model gemini-2.5-flash-image -ResponseModality Image -ImageAspectRatio 9:16
        (Get-Body).generationConfig.imageConfig.aspectRatio | Should -Be '9:16'
        $image.Candidates[0].Content.Parts[0].InlineData.MimeType | Should -Be 'image/png'
    }

    It 'ends with a clear error naming <Field> and suggesting REST, sending nothing' -ForEach @(
        @{ Field = 'thinkingLevel'; Call = { Invoke-GenerateContent 'x' -Model gemini-3-flash-preview -ThinkingLevel Low -ErrorAction Stop } }
        @{ Field = 'imageSize'; Call = { Invoke-GenerateContent 'x' -Model gemini-3-pro-image-preview -ResponseModality Image -ImageSize 4K -ErrorAction Stop } }
    ) {
        $failure = $Call | Should -Throw -ErrorId 'GenAI.FieldNotSupportedOverGrpc*' -PassThru
        $failure.Exception.Message | Should -Match $Field
        $failure.ErrorDetails.RecommendedAction | Should -Match 'Transport Rest'
        $failure.CategoryInfo.Category | Should -Be 'NotImplemented'
        @(Get-EmulatorRequest $emulator).Count | Should -Be 0
    }

    It 'sends the same fields over REST when the call asks for it' {
        $null = Invoke-GenerateContent 'x' -Model gemini-3-flash-preview -ThinkingLevel Low -Transport Rest
        (Get-Body).generationConfig.thinkingConfig.thinkingLevel | Should -Be 'LOW'
    }
}

Describe 'Thought signatures' {
    BeforeEach { Clear-EmulatorRequest $emulator }

    It 'sends the function call''s signature back unchanged in automatic function calling' {
        $reply = Invoke-GenerateContent 'Use Get-TestWeather with City=Oslo' -Model gemini-3-flash-preview -Tool (Get-Command Get-TestWeather) -AutomaticFunctionCalling
        $reply.Candidates[0].Content.Parts[0].Text | Should -Be 'Function Get-TestWeather returned {"result":"Sunny in Oslo"}'
        $requests = @(Get-EmulatorRequest $emulator)
        $requests.Count | Should -Be 2
        $followUp = $requests[1].body | ConvertFrom-Json
        $followUp.contents[1].parts[0].functionCall.name | Should -Be 'Get-TestWeather'
        # The emulator signs with check bytes and refuses an altered signature, so the answer above proves it came back intact.
        $signature = $followUp.contents[1].parts[0].thoughtSignature
        [Convert]::FromBase64String($signature).Length | Should -Be 37
    }

    It 'is refused by a Gemini 3 model when a replayed call lacks its signature or it was altered' {
        $call = [GenAI.Core.Protocol.Part]@{ FunctionCall = [GenAI.Core.Protocol.FunctionCall]@{ Name = 'Get-TestWeather'; Args = [System.Text.Json.JsonDocument]::Parse('{"City":"Oslo"}').RootElement } }
        $answer = [GenAI.Core.Protocol.Part]@{ FunctionResponse = [GenAI.Core.Protocol.FunctionResponse]@{ Name = 'Get-TestWeather'; Response = [System.Text.Json.JsonDocument]::Parse('{"result":"Sunny"}').RootElement } }
        $history = @(
            [GenAI.Core.Protocol.Content]::new('user', [GenAI.Core.Protocol.Part[]]@([GenAI.Core.Protocol.Part]::FromText('Weather in Oslo?')))
            [GenAI.Core.Protocol.Content]::new('model', [GenAI.Core.Protocol.Part[]]@($call))
            [GenAI.Core.Protocol.Content]::new('user', [GenAI.Core.Protocol.Part[]]@($answer)))
        $failure = { Invoke-GenerateContent -Prompt $history -Model gemini-3-flash-preview -ErrorAction Stop } | Should -Throw -PassThru
        $failure.Exception.Message | Should -Match 'missing a thought_signature'
        $call.ThoughtSignature = 'skip_thought_signature_validator'
        (Invoke-GenerateContent -Prompt $history -Model gemini-3-flash-preview).Candidates[0].Content.Parts[0].Text | Should -Match 'Get-TestWeather returned'
        $call.ThoughtSignature = 'Cvv/RzM='
        { Invoke-GenerateContent -Prompt $history -Model gemini-3-flash-preview -ErrorAction Stop } | Should -Throw '*Corrupted thought signature*'
    }

    It 'keeps signatures in chat history, streamed turns and export/import, and sends them back byte-exact' {
        $chat = Start-ChatSession -Model gemini-3-flash-preview -Tool (Get-Command Get-TestWeather) -AutomaticFunctionCalling
        $null = Send-ChatMessage $chat 'Use Get-TestWeather with City=Rome'
        $callSignature = $chat.History[1].Parts[0].ThoughtSignature
        $callSignature | Should -Not -BeNullOrEmpty

        # A streamed text turn: the signature arrives on a final chunk with empty text.
        $chunks = @(Send-ChatMessage $chat 'Thanks, and now?' -Stream -AutomaticFunctionCalling:$false)
        ($chunks | Where-Object { $_.Candidates[0].Content.Parts[0].ThoughtSignature }).Count | Should -Be 1
        $chunks[-1].Candidates[0].Content.Parts[0].Text | Should -Be ''
        $textSignature = $chat.History[-1].Parts[-1].ThoughtSignature
        $textSignature | Should -BeExactly $chunks[-1].Candidates[0].Content.Parts[0].ThoughtSignature

        $file = Join-Path $TestDrive 'gemini3-chat.json'
        Export-ChatSession -Session $chat -Path $file
        $restored = Import-ChatSession $file
        Clear-EmulatorRequest $emulator
        $null = Send-ChatMessage $restored 'Use Get-TestWeather with City=Paris' -Tool (Get-Command Get-TestWeather) -AutomaticFunctionCalling
        $requests = @(Get-EmulatorRequest $emulator)
        $sent = $requests[0].body | ConvertFrom-Json
        $sent.contents[1].parts[0].thoughtSignature | Should -BeExactly $callSignature
        $sent.contents[5].parts[-1].thoughtSignature | Should -BeExactly $textSignature
        # The follow-up of the new function call carries the new call's signature too.
        $followUp = $requests[1].body | ConvertFrom-Json
        $followUp.contents[-2].parts[0].thoughtSignature | Should -BeExactly $restored.History[-3].Parts[0].ThoughtSignature
    }

    It 'round-trips signatures over gRPC (bytes on the wire)' {
        Set-GenAIConfiguration -Transport Grpc -GrpcUri $emulator.GrpcUri
        try {
            $chat = Start-ChatSession -Model gemini-3-flash-preview -Tool (Get-Command Get-TestWeather) -AutomaticFunctionCalling
            $reply = Send-ChatMessage $chat 'Use Get-TestWeather with City=Lima'
            $reply.Candidates[0].Content.Parts[0].Text | Should -Match 'Sunny in Lima'
            $signature = $chat.History[1].Parts[0].ThoughtSignature
            (@(Get-EmulatorRequest $emulator)[1].body | ConvertFrom-Json).contents[1].parts[0].thoughtSignature | Should -BeExactly $signature
        }
        finally { Set-GenAIConfiguration -Transport Rest -ClearGrpcUri }
    }
}

Describe 'Multimodal function results' {
    BeforeEach { Clear-EmulatorRequest $emulator }

    It 'sends a file a tool command returns as the function response''s parts on Gemini 3' {
        $global:GenAITestChartPath = Join-Path $TestDrive 'chart.png'
        $png = [Convert]::FromBase64String('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC')
        [IO.File]::WriteAllBytes($GenAITestChartPath, $png)
        $null = Invoke-GenerateContent 'Use Get-TestChart with Series=sales' -Model gemini-3-flash-preview -Tool (Get-Command Get-TestChart) -AutomaticFunctionCalling
        $response = (Get-Body 1).contents[2].parts[0].functionResponse
        $response.parts[0].inlineData.mimeType | Should -Be 'image/png'
        $response.parts[0].inlineData.data | Should -Be ([Convert]::ToBase64String($png))
        $response.response.result | Should -Match 'chart\.png \(image/png, \d+ bytes\)'
    }

    It 'describes the file without attaching it for a model before Gemini 3' {
        $global:GenAITestChartPath = Join-Path $TestDrive 'chart.png'
        $null = Invoke-GenerateContent 'Use Get-TestChart with Series=sales' -Model gemini-2.5-flash -Tool (Get-Command Get-TestChart) -AutomaticFunctionCalling -WarningAction SilentlyContinue
        $response = (Get-Body 1).contents[2].parts[0].functionResponse
        $response.PSObject.Properties.Name | Should -Not -Contain 'parts'
        $response.response.result | Should -Match 'not attached'
    }
}
