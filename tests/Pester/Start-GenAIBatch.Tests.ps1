BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:emulator = Initialize-GenAITest
    function script:Get-CreateRequest {
        @(Get-EmulatorRequest $emulator | Where-Object { $_.path -like '*:batchGenerateContent' })[-1]
    }
}

AfterAll {
    $emulator | Stop-EmulatorProcess
}

Describe 'Start-GenAIBatch' {
    It 'runs a 3-prompt batch Start -> Wait -> Receive with the replies in input order, each with its key and request' {
        Clear-EmulatorRequest $emulator
        $results = @('Say hi', 'Say bye', 'Count to three' |
            Start-GenAIBatch -Model gemini-2.5-flash -DisplayName 'three prompts' |
            Wait-GenAIBatch -PollIntervalSec 0.1 |
            Receive-GenAIBatch)
        $results.Count | Should -Be 3
        $results.Key | Should -Be @('1', '2', '3')
        $results.Text | Should -Be @('Echo: Say hi', 'Echo: Say bye', 'Echo: Count to three')
        $results[1].Input.Contents[0].Parts[0].Text | Should -Be 'Say bye'
        # Small batches travel inline, each key in metadata.key.
        $body = (Get-CreateRequest).body | ConvertFrom-Json
        $body.batch.displayName | Should -Be 'three prompts'
        $body.batch.inputConfig.requests.requests.metadata.key | Should -Be @('1', '2', '3')
        @(Get-EmulatorRequest $emulator | Where-Object { $_.path -like '/upload/*' }).Count | Should -Be 0
    }

    It 'sends a 10,000-prompt batch as an uploaded JSONL file and reads the downloaded result file in order' {
        Clear-EmulatorRequest $emulator
        $batch = 1..10000 | ForEach-Object { "ticket $_" } | Start-GenAIBatch -Model gemini-2.5-flash -DisplayName 'ten thousand'
        $batch.InputFile | Should -Match '^files/'
        (Get-CreateRequest).body | ConvertFrom-Json | ForEach-Object { $_.batch.inputConfig.fileName } | Should -Be $batch.InputFile
        $done = $batch | Wait-GenAIBatch -PollIntervalSec 0.2
        $done.State | Should -Be 'BATCH_STATE_SUCCEEDED'
        $done.ResponsesFile | Should -Be "files/batch-$($batch.Id)"
        $results = @($done | Receive-GenAIBatch)
        $results.Count | Should -Be 10000
        $results[0].Key | Should -Be '1'
        $results[9999].Key | Should -Be '10000'
        $results[9999].Text | Should -Be 'Echo: ticket 10000'
        $results[4999].Input.Contents[0].Parts[0].Text | Should -Be 'ticket 5000'
        $downloads = @(Get-EmulatorRequest $emulator | Where-Object { $_.path -eq "/v1beta/files/batch-$($batch.Id):download" })
        $downloads.Count | Should -Be 1
        $downloads[0].query | Should -Match 'alt=media'
    }

    It 'takes keys from @{ Key; Prompt } items and applies the model settings to every request' {
        Clear-EmulatorRequest $emulator
        $batch = @{ Key = 'ticket-17'; Prompt = 'Printer on fire' }, 'plain' |
            Start-GenAIBatch -Model gemini-2.5-flash -SystemInstruction 'Classify the ticket.' -Temperature 0.2 -Prompt 'Ticket:'
        $requests = ((Get-CreateRequest).body | ConvertFrom-Json).batch.inputConfig.requests.requests
        $requests.metadata.key | Should -Be @('ticket-17', '2')
        $requests[0].request.systemInstruction.parts[0].text | Should -Be 'Classify the ticket.'
        $requests[0].request.generationConfig.temperature | Should -Be 0.2
        $requests[0].request.contents[0].parts.text | Should -Be @('Ticket:', 'Printer on fire')
        $results = @($batch | Wait-GenAIBatch -PollIntervalSec 0.1 | Receive-GenAIBatch)
        $results.Key | Should -Be @('ticket-17', '2')
    }

    It 'starts from a JSONL -InputFile, uploading it as it is' {
        $path = Join-Path $TestDrive 'requests.jsonl'
        @(
            '{"key": "r1", "request": {"contents": [{"parts": [{"text": "2+2?"}]}]}}'
            '{"key": "r2", "request": {"contents": [{"parts": [{"text": "Capital of France?"}]}]}}'
        ) | Set-Content -Path $path -Encoding utf8NoBOM
        $batch = Start-GenAIBatch -InputFile $path -Model gemini-2.5-flash -DisplayName 'from file'
        $batch.InputFile | Should -Match '^files/'
        $results = @($batch | Wait-GenAIBatch -PollIntervalSec 0.1 | Receive-GenAIBatch)
        $results.Key | Should -Be @('r1', 'r2')
        $results.Text | Should -Be @('Echo: 2+2?', 'Echo: Capital of France?')
        $results[0].Input.Contents[0].Parts[0].Text | Should -Be '2+2?'
    }

    It 'starts nothing with -WhatIf' {
        Clear-EmulatorRequest $emulator
        $whatIf = Invoke-WithCapturedHost { $started = 'a', 'b' | Start-GenAIBatch -Model gemini-2.5-flash -WhatIf; Write-Host "Output: $(@($started).Count)" }
        $whatIf | Should -Contain 'What if: Performing the operation "Start batch" on target "2 request(s) to models/gemini-2.5-flash".'
        $whatIf | Should -Contain 'Output: 0'
        @(Get-EmulatorRequest $emulator).Count | Should -Be 0
    }

    It 'reports an empty batch and a missing input file as errors' {
        @() | Start-GenAIBatch -Model gemini-2.5-flash -ErrorAction SilentlyContinue -ErrorVariable empty
        $empty[0].FullyQualifiedErrorId | Should -BeLike 'GenAI.EmptyBatch*'
        Start-GenAIBatch -InputFile (Join-Path $TestDrive 'nothing.jsonl') -ErrorAction SilentlyContinue -ErrorVariable missing
        $missing[0].FullyQualifiedErrorId | Should -BeLike 'GenAI.PathNotFound*'
        $missing[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'refuses a JSONL line that is not a request, naming the line' {
        $path = Join-Path $TestDrive 'bad.jsonl'
        @('{"key": "r1", "request": {"contents": [{"parts": [{"text": "ok"}]}]}}', 'not json') | Set-Content -Path $path -Encoding utf8NoBOM
        Start-GenAIBatch -InputFile $path -InputMode Inline -ErrorAction SilentlyContinue -ErrorVariable bad
        $bad[0].FullyQualifiedErrorId | Should -BeLike 'GenAI.InvalidBatchInput*'
        "$($bad[0])" | Should -Match 'Line 2'
    }
}
