BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:emulator = Initialize-GenAITest
    $script:grpcPath = '/google.ai.generativelanguage.v1beta.GenerativeService/'
}

AfterAll {
    Set-GenAIConfiguration -Transport Rest -ClearGrpcUri
    $emulator | Stop-EmulatorProcess
}

Describe 'Transport selection (-Transport Rest|Grpc)' {
    BeforeEach {
        Clear-EmulatorRequest $emulator
        Set-GenAIConfiguration -Transport Grpc -GrpcUri $emulator.GrpcUri
    }

    It 'the emulator reports a gRPC endpoint' {
        $emulator.GrpcUri | Should -Match '^http://127\.0\.0\.1:\d+/$'
    }

    It 'Get-GenAIConfiguration shows the transport and the gRPC endpoint' {
        $config = Get-GenAIConfiguration
        $config.Transport | Should -Be 'Grpc'
        $config.GrpcUri | Should -Be $emulator.GrpcUri
        $config.TransportNote | Should -BeNullOrEmpty
    }

    It 'sends the call over gRPC and returns the same object as REST' {
        $viaGrpc = Invoke-GenerateContent 'Hello there' -Model gemini-2.5-flash
        $viaRest = Invoke-GenerateContent 'Hello there' -Model gemini-2.5-flash -Transport Rest
        $viaGrpc | Should -BeOfType ([GenAI.Core.Protocol.GenerateContentResponse])
        $viaGrpc.Text | Should -Be 'Echo: Hello there'
        $viaGrpc.Text | Should -Be $viaRest.Text
        $viaGrpc.Candidates[0].FinishReason | Should -Be $viaRest.Candidates[0].FinishReason
        $paths = @(Get-EmulatorRequest $emulator | ForEach-Object path)
        $paths[0] | Should -Be ($grpcPath + 'GenerateContent')
        $paths[1] | Should -Be '/v1beta/models/gemini-2.5-flash:generateContent'
        (Get-EmulatorRequest $emulator)[0].headers.'x-goog-api-key' | Should -Be '***'
    }

    It 'streams over gRPC: one object per chunk' {
        $chunks = @(Invoke-GenerateContent 'one two three four' -Model gemini-2.5-flash -Stream)
        $chunks.Count | Should -BeGreaterThan 1
        ($chunks | ForEach-Object TextOrEmpty) -join '' | Should -Be 'Echo: one two three four'
        (Get-EmulatorRequest $emulator).path | Should -Be ($grpcPath + 'StreamGenerateContent')
    }

    It 'counts tokens and lists models over gRPC' {
        (Measure-Tokens 'one two three' -Model gemini-2.5-flash).TotalTokens | Should -BeGreaterThan 0
        (Get-GenAIModel -Name gemini-2.5-flash).Name | Should -Be 'models/gemini-2.5-flash'
        @(Get-EmulatorRequest $emulator | ForEach-Object path) | Should -Contain '/google.ai.generativelanguage.v1beta.ModelService/GetModel'
    }

    It 'creates, reads and removes a cached content over gRPC' {
        $cache = New-GenAICachedContent 'The handbook: the cafeteria opens at noon.' -Model gemini-2.5-flash -Ttl 300 -DisplayName 'grpc-cache'
        $cache.Name | Should -BeLike 'cachedContents/*'
        (Get-GenAICachedContent $cache.Name).DisplayName | Should -Be 'grpc-cache'
        Remove-GenAICachedContent $cache.Name -Confirm:$false
        $paths = @(Get-EmulatorRequest $emulator | ForEach-Object path)
        $paths | Should -Contain '/google.ai.generativelanguage.v1beta.CacheService/CreateCachedContent'
        $paths | Should -Contain '/google.ai.generativelanguage.v1beta.CacheService/GetCachedContent'
        $paths | Should -Contain '/google.ai.generativelanguage.v1beta.CacheService/DeleteCachedContent'
    }

    It 'reports the same ErrorId over both transports' {
        $grpcError = { Invoke-GenerateContent 'x' -Model no-such-model -ErrorAction Stop } | Should -Throw -PassThru
        $restError = { Invoke-GenerateContent 'x' -Model no-such-model -Transport Rest -ErrorAction Stop } | Should -Throw -PassThru
        $grpcError.FullyQualifiedErrorId | Should -Be 'GenAI.ModelNotFound,GenAI.PowerShell.Commands.InvokeGenerateContentCommand'
        $grpcError.FullyQualifiedErrorId | Should -Be $restError.FullyQualifiedErrorId
    }

    It 'loads the gRPC transport from the net8.0 folder of the module' {
        $assembly = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'GenAI.Transport.Grpc' }
        $assembly | Should -Not -BeNullOrEmpty
        $assembly.Location | Should -BeLike '*bin*net8.0*GenAI.Transport.Grpc.dll'
    }

    It 'rejects plain http:// gRPC endpoints that are not on this machine' {
        { Set-GenAIConfiguration -GrpcUri 'http://example.com:8080/' -ErrorAction Stop } | Should -Throw -ErrorId 'GenAI.InsecureEndpoint,GenAI.PowerShell.Commands.SetGenAIConfigurationCommand'
    }
}
