# Start-GenAIBatch -Embedding: embeddings through the Batch API (asyncBatchEmbedContent), received as Get-GenAIEmbedding writes them.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:emulator = Initialize-GenAITest
    function script:Get-CreateRequest {
        @(Get-EmulatorRequest $emulator | Where-Object { $_.path -like '*:asyncBatchEmbedContent' })[-1]
    }
}

AfterAll {
    $emulator | Stop-EmulatorProcess
}

Describe 'Start-GenAIBatch -Embedding' {
    It 'embeds 250 texts in one batch: one vector per input, in input order, of the requested dimension' {
        Clear-EmulatorRequest $emulator
        $texts = 1..250 | ForEach-Object { "support ticket number $_" }
        $batch = $texts | Start-GenAIBatch -Embedding -OutputDimensionality 64 -TaskType SemanticSimilarity -DisplayName 'tickets'
        $batch.Model | Should -Be 'models/gemini-embedding-001' -Because 'gemini-embedding-001 is the default model'
        $results = @($batch | Wait-GenAIBatch -PollIntervalSec 0.1 | Receive-GenAIBatch)

        $results.Count | Should -Be 250
        $results[0] | Should -BeOfType ([GenAI.Core.Embeddings.TextEmbedding])
        $results.InputObject | Should -Be $texts
        $results.Index | Should -Be (0..249)
        @($results | Where-Object Dimensions -ne 64).Count | Should -Be 0
        $results[0].Values | Should -BeOfType ([float])
        # The same vectors as the interactive path gives for those inputs.
        $direct = @($texts[0], $texts[249] | Get-GenAIEmbedding -OutputDimensionality 64 -TaskType SemanticSimilarity)
        $results[0].Values | Should -Be $direct[0].Values
        $results[249].Values | Should -Be $direct[1].Values

        # One create call with every request inline, no upload; each request carries the settings.
        @(Get-EmulatorRequest $emulator | Where-Object { $_.path -like '*:asyncBatchEmbedContent' }).Count | Should -Be 1
        @(Get-EmulatorRequest $emulator | Where-Object { $_.path -like '/upload/*' }).Count | Should -Be 0
        $requests = ((Get-CreateRequest).body | ConvertFrom-Json).batch.inputConfig.requests.requests
        $requests.Count | Should -Be 250
        $requests[249].request.content.parts[0].text | Should -Be 'support ticket number 250'
        $requests[249].request.outputDimensionality | Should -Be 64
        $requests[249].request.taskType | Should -Be 'SEMANTIC_SIMILARITY'
    }

    It 'embeds text files and -Title documents, through an uploaded file with -InputMode File' {
        $dir = Join-Path $TestDrive 'docs'
        $null = New-Item -ItemType Directory -Path $dir
        Set-Content (Join-Path $dir 'a.txt') 'The cafeteria opens at noon.'
        Set-Content (Join-Path $dir 'b.txt') 'Parking is free after six.'
        Clear-EmulatorRequest $emulator
        $batch = Get-ChildItem $dir -Filter *.txt | Sort-Object Name | Start-GenAIBatch -Embedding -Title 'Handbook' -InputMode File
        $batch.InputFile | Should -Match '^files/'
        $results = @($batch | Wait-GenAIBatch -PollIntervalSec 0.1 | Receive-GenAIBatch)
        $results.InputObject.Trim() | Should -Be @('The cafeteria opens at noon.', 'Parking is free after six.')
        $results.Dimensions | Should -Be @(3072, 3072)
        $direct = Get-GenAIEmbedding -InputObject (Get-Item (Join-Path $dir 'b.txt')) -Title 'Handbook'
        $results[1].Values | Should -Be $direct.Values
        @(Get-EmulatorRequest $emulator | Where-Object { $_.path -like '*/files/batch-*:download' }).Count | Should -Be 1
    }

    It 'reports an input that cannot be embedded as its own error and batches the rest' {
        $batch = 'first', '', 'third' | Start-GenAIBatch -Embedding -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'GenAI.EmptyEmbeddingInput*'
        $results = @($batch | Wait-GenAIBatch -PollIntervalSec 0.1 | Receive-GenAIBatch)
        $results.InputObject | Should -Be @('first', 'third')
    }

    It 'refuses generation settings, and a generative model, with a clear error' {
        { 'x' | Start-GenAIBatch -Embedding -Temperature 0.5 -ErrorAction Stop } | Should -Throw -ErrorId 'GenAI.EmbeddingModelSettings*'
        $record = $null
        try { 'x' | Start-GenAIBatch -Embedding -Model gemini-2.5-flash -ErrorAction Stop } catch { $record = $_ }
        $record.FullyQualifiedErrorId | Should -BeLike 'GenAI.ModelNotFound*'
        $record.Exception.Message | Should -Match 'asyncBatchEmbedContent'
    }

    It 'offers embedding models for -Model with -Embedding, generative ones without' {
        function Get-Completion([string] $Line) { @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText) }
        $with = Get-Completion 'Start-GenAIBatch -Embedding -Model gemini-'
        $with | Should -Contain 'gemini-embedding-001'
        $with | Should -Not -Contain 'gemini-2.5-flash'
        $without = Get-Completion 'Start-GenAIBatch -Model gemini-'
        $without | Should -Contain 'gemini-2.5-flash'
        $without | Should -Not -Contain 'gemini-embedding-001'
    }
}
