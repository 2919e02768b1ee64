BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:emulator = Initialize-GenAITest
    function script:Get-Length([float[]] $Values) { [math]::Sqrt(($Values | ForEach-Object { [double]$_ * $_ } | Measure-Object -Sum).Sum) }
    function script:Get-EmbedCall { @(Get-EmulatorRequest $emulator | Where-Object path -like '*:batchEmbedContents') }
}

AfterAll {
    $emulator | Stop-EmulatorProcess
}

Describe 'Get-GenAIEmbedding' {
    BeforeEach { Clear-EmulatorRequest $emulator }

    It 'embeds 250 inputs in 3 batchEmbedContents calls of at most 100, vectors of the requested size in input order' {
        $inputs = 1..250 | ForEach-Object { "document number $_ about topic $($_ % 7)" }
        $results = @($inputs | Get-GenAIEmbedding -OutputDimensionality 256 -ThrottleLimit 3)

        $calls = Get-EmbedCall
        $calls.Count | Should -Be 3
        $sizes = @($calls | ForEach-Object { @(($_.body | ConvertFrom-Json).requests).Count } | Sort-Object -Descending)
        $sizes | Should -Be @(100, 100, 50)
        $calls | ForEach-Object { $_.path | Should -Be '/v1beta/models/gemini-embedding-001:batchEmbedContents' }

        $results.Count | Should -Be 250
        for ($i = 0; $i -lt 250; $i++) {
            $results[$i].InputObject | Should -Be $inputs[$i]
            $results[$i].Index | Should -Be $i
            $results[$i].Dimensions | Should -Be 256
            $results[$i].Values.Count | Should -Be 256
        }
        $results[0].Values | Should -BeOfType [float]
        # Each vector is its own input's: the same text embedded alone gives the same vector.
        (Get-GenAIEmbedding $inputs[137] -OutputDimensionality 256).Values | Should -Be $results[137].Values
        (Get-GenAIEmbedding $inputs[249] -OutputDimensionality 256).Values | Should -Be $results[249].Values
    }

    It 'sends every request with the model, task type (any spelling), title and size' {
        $null = 'alpha', 'beta' | Get-GenAIEmbedding -TaskType RetrievalDocument -Title 'Handbook' -OutputDimensionality 768
        $body = (Get-EmbedCall)[0].body | ConvertFrom-Json
        $body.requests.Count | Should -Be 2
        foreach ($request in $body.requests) {
            $request.model | Should -Be 'models/gemini-embedding-001'
            $request.taskType | Should -Be 'RETRIEVAL_DOCUMENT'
            $request.title | Should -Be 'Handbook'
            $request.outputDimensionality | Should -Be 768
        }
        $body.requests[1].content.parts[0].text | Should -Be 'beta'
    }

    It 'refuses a title with another task type before sending anything' {
        { 'x' | Get-GenAIEmbedding -Title 'Doc' -TaskType CLUSTERING -ErrorAction Stop } |
            Should -Throw -ErrorId 'GenAI.TitleRequiresRetrievalDocument,GenAI.PowerShell.Commands.GetGenAIEmbeddingCommand'
        Get-EmbedCall | Should -BeNullOrEmpty
    }

    It 'returns full-size vectors normalised, shortened ones as sent, and -Normalize makes them length 1' {
        $full = Get-GenAIEmbedding 'a sentence to embed'
        $full.Dimensions | Should -Be 3072
        Get-Length $full.Values | Should -BeGreaterThan 0.999
        Get-Length $full.Values | Should -BeLessThan 1.001

        $short = Get-GenAIEmbedding 'a sentence to embed' -OutputDimensionality 768
        Get-Length $short.Values | Should -BeLessThan 0.9
        $short.Values | Should -Be @($full.Values[0..767])

        $normalised = Get-GenAIEmbedding 'a sentence to embed' -OutputDimensionality 768 -Normalize
        Get-Length $normalised.Values | Should -BeGreaterThan 0.999
        Get-Length $normalised.Values | Should -BeLessThan 1.001
    }

    It 'keeps a recorded 768-value vector of the real service as sent, and normalises it on request' {
        $model = 'replay-embed-' + [guid]::NewGuid().ToString('n').Substring(0, 8)
        $null = Invoke-RestMethod -Method Post -Uri ($emulator.BaseUri.TrimEnd('/') + '/emulator/replay') -ContentType 'application/json' -Headers @{ 'x-goog-api-key' = $emulator.ApiKey } `
            -Body (@{ model = $model; file = 'llm-gemini/test_embedding_gemini-embedding-001-768.0.json' } | ConvertTo-Json)
        $recorded = Get-GenAIEmbedding 'hello world' -Model $model
        $recorded.Dimensions | Should -Be 768
        [math]::Round((Get-Length $recorded.Values), 3) | Should -Be 0.568
        Get-Length (Get-GenAIEmbedding 'hello world' -Model $model -Normalize).Values | Should -BeGreaterThan 0.999
    }

    It 'embeds each text file as one input, with its path, and refuses media files on their own' {
        $folder = Join-Path $TestDrive 'docs'
        $null = New-Item -ItemType Directory $folder
        Set-Content (Join-Path $folder 'a.txt') 'The cafeteria opens at noon.'
        Set-Content (Join-Path $folder 'b.md') "# Parking`nVisitors park in lot B."
        [IO.File]::WriteAllBytes((Join-Path $folder 'c.png'), [byte[]](0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A))

        $results = @(Get-ChildItem $folder | Sort-Object Name | Get-GenAIEmbedding -ErrorAction SilentlyContinue -ErrorVariable failures)

        $results.Count | Should -Be 2
        $results[0].Path | Should -Be (Join-Path $folder 'a.txt')
        $results[0].InputObject | Should -BeOfType [System.IO.FileInfo]
        $results[1].Path | Should -Be (Join-Path $folder 'b.md')
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'GenAI.UnsupportedEmbeddingInput,*'
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidType'
        $failures[0].TargetObject.Name | Should -Be 'c.png'
        # The file's text is what was embedded.
        $results[0].Values | Should -Be (Get-GenAIEmbedding (Get-Content (Join-Path $folder 'a.txt') -Raw)).Values
    }

    It 'embeds each Get-Content line on its own; an empty line is an error on that line alone' {
        $file = Join-Path $TestDrive 'lines.txt'
        Set-Content $file 'first line', '', 'third line'
        $results = @(Get-Content $file | Get-GenAIEmbedding -ErrorAction SilentlyContinue -ErrorVariable failures)

        $results.InputObject | Should -Be @('first line', 'third line')
        $results.Index | Should -Be @(0, 2)
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'GenAI.EmptyEmbeddingInput,*'
        @((Get-EmbedCall)[0].body | ConvertFrom-Json).requests.Count | Should -Be 2
    }

    It 'refuses objects that are not text, naming what to do' {
        $results = @('ok', @{ a = 1 } | Get-GenAIEmbedding -ErrorAction SilentlyContinue -ErrorVariable failures)
        $results.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'GenAI.UnsupportedEmbeddingInput,*'
        $failures[0].ErrorDetails.RecommendedAction | Should -Match 'ForEach-Object'
    }

    It 'retries a transient failure and still writes every vector' {
        $model = 'fault-503x2-' + [guid]::NewGuid().ToString('n').Substring(0, 8)
        $results = @('one', 'two' | Get-GenAIEmbedding -Model $model -Verbose 4>&1)
        @($results | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and "$_" -match '503' }).Count | Should -Be 2
        @($results | Where-Object { $_ -is [GenAI.Core.Embeddings.TextEmbedding] }).Count | Should -Be 2
    }

    It 'reports a failed call once, on the inputs of that call' {
        $null = 'a', 'b' | Get-GenAIEmbedding -Model gemini-2.5-flash -ErrorAction SilentlyContinue -ErrorVariable failures
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'GenAI.ModelNotFound,*'
        $failures[0].TargetObject | Should -Be @('a', 'b')
    }

    It 'works over gRPC with the same vectors' {
        $rest = Get-GenAIEmbedding 'same over both' -OutputDimensionality 64
        Set-GenAIConfiguration -GrpcUri $emulator.GrpcUri
        try {
            $grpc = Get-GenAIEmbedding 'same over both' -OutputDimensionality 64 -Transport Grpc
        }
        finally {
            Set-GenAIConfiguration -ClearGrpcUri
        }
        $grpc.Values | Should -Be $rest.Values
        @(Get-EmulatorRequest $emulator | Where-Object path -clike '*GenerativeService/BatchEmbedContents').Count | Should -Be 1
    }

    It 'stops every call in flight on Ctrl+C, and starts no more' {
        $ps = [powershell]::Create()
        $null = $ps.AddScript({
                param($ModulePath, $BaseUri, $Key)
                Import-Module $ModulePath
                Set-GenAIConfiguration -ApiKey $Key -BaseUri $BaseUri
                1..500 | ForEach-Object { "text $_" } | Get-GenAIEmbedding -Model fault-hang-embed -ThrottleLimit 2
            }).AddArgument($env:GENAI_TEST_MODULE).AddArgument($emulator.BaseUri).AddArgument($emulator.ApiKey)
        $handle = $ps.BeginInvoke()
        try {
            $deadline = [DateTime]::UtcNow.AddSeconds(30)
            while ((Get-EmbedCall).Count -lt 2 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
            (Get-EmbedCall).Count | Should -Be 2 -Because 'two calls of 100 are in flight, the other three wait for a slot'
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $ps.Stop()
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 5
            $handle.IsCompleted | Should -BeTrue
            # The queued calls complete as cancelled without running (OrderedBatchTests checks that without timing).
            (Get-EmbedCall).Count | Should -Be 2 -Because 'the waiting calls have not started when the stop returns'
        }
        finally { $ps.Dispose() }
    }

    It 'reports progress by inputs embedded and completes the bar' {
        $ps = [powershell]::Create()
        $null = $ps.AddScript({
                param($ModulePath, $BaseUri, $Key)
                Import-Module $ModulePath
                Set-GenAIConfiguration -ApiKey $Key -BaseUri $BaseUri
                1..150 | ForEach-Object { "text $_" } | Get-GenAIEmbedding -OutputDimensionality 8 -ThrottleLimit 1
            }).AddArgument($env:GENAI_TEST_MODULE).AddArgument($emulator.BaseUri).AddArgument($emulator.ApiKey)
        try {
            $output = $ps.Invoke()
            $output.Count | Should -Be 150
            $records = @($ps.Streams.Progress | Where-Object Activity -eq 'Get-GenAIEmbedding')
            @($records.StatusDescription -match '^100 of 1[0-5]\d inputs embedded').Count | Should -Be 1
            $records.StatusDescription | Should -Contain '150 of 150 inputs embedded, 0 calls running'
            $records[-1].RecordType | Should -Be 'Completed'
        }
        finally { $ps.Dispose() }
    }

    It 'shows a table row per input without the full vector' {
        $text = 'short text' | Get-GenAIEmbedding | Format-Table | Out-String
        $text | Should -Match 'Dimensions'
        $text | Should -Match '3072'
        $text | Should -Match 'short text'
        $text | Should -Match '…'
        ($text -split "`n").Count | Should -BeLessThan 10
    }
}

Describe 'Embedding models elsewhere' {
    It 'lists the embedding models for Get-GenAIModel -SupportedMethod embedContent' {
        $ids = @(Get-GenAIModel -SupportedMethod embedContent).Id
        $ids | Should -Contain 'gemini-embedding-001'
        $ids | Should -Not -Contain 'gemini-2.5-flash'
    }

    It 'counts tokens for an embedding model with the contents alone' {
        Clear-EmulatorRequest $emulator
        (Measure-Tokens 'how many tokens' -Model gemini-embedding-001).TotalTokens | Should -BeGreaterThan 0
        $body = @(Get-EmulatorRequest $emulator)[0].body | ConvertFrom-Json
        $body.contents[0].parts[0].text | Should -Be 'how many tokens'
        $body.PSObject.Properties.Name | Should -Not -Contain 'generateContentRequest'
    }

    It 'offers embedding models only where embedding is the method' {
        [GenAI.PowerShell.Completers.ModelCompleter]::ClearCache()
        function Get-Completion([string] $Line) { @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText) }
        $embedding = Get-Completion 'Get-GenAIEmbedding x -Model gemini'
        $embedding | Should -Contain 'gemini-embedding-001'
        $embedding | Should -Not -Contain 'gemini-2.5-flash'
        Get-Completion 'Get-GenAIEmbedding x -Model text-emb' | Should -Be @('text-embedding-004')
        Get-Completion 'Invoke-GenerateContent -Model gemini-emb' | Should -BeNullOrEmpty
        Get-Completion 'Invoke-GenerateContent -Model gemini-2.5-f' | Should -Contain 'gemini-2.5-flash'
        Get-Completion 'Measure-Tokens x -Model gemini-emb' | Should -Be @('gemini-embedding-001')
    }

    It 'completes -TaskType' {
        $line = 'Get-GenAIEmbedding x -TaskType RETRIEVAL_'
        $values = @((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText)
        $values | Should -Be @('RETRIEVAL_QUERY', 'RETRIEVAL_DOCUMENT')
    }
}
