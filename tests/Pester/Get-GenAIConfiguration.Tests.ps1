BeforeAll {
    Import-Module $env:GENAI_TEST_MODULE -Force
}

Describe 'Set-GenAIConfiguration / Get-GenAIConfiguration' {
    It 'masks the key and says where it came from' {
        Set-GenAIConfiguration -ApiKey 'abcdefghijklmnop1234' -BaseUri 'http://127.0.0.1:9/'
        $config = Get-GenAIConfiguration
        $config.ApiKey | Should -Be '********1234'
        $config.ApiKeySource | Should -Be 'Set-GenAIConfiguration'
        ($config | Out-String) | Should -Not -Match 'abcdefghijklmnop'
        $config.BaseUri | Should -Be 'http://127.0.0.1:9/'
    }

    It 'accepts a SecureString key' {
        $secure = ConvertTo-SecureString 'secure-key-9876' -AsPlainText -Force
        Set-GenAIConfiguration -ApiKey $secure
        (Get-GenAIConfiguration).ApiKey | Should -Be '********9876'
    }

    It 'falls back to GOOGLE_API_KEY, then GEMINI_API_KEY' {
        Set-GenAIConfiguration -ClearApiKey
        try {
            $env:GEMINI_API_KEY = 'gemini-env-key-1111'
            $env:GOOGLE_API_KEY = $null
            (Get-GenAIConfiguration).ApiKeySource | Should -Be 'GEMINI_API_KEY'
            $env:GOOGLE_API_KEY = 'google-env-key-2222'
            (Get-GenAIConfiguration).ApiKeySource | Should -Be 'GOOGLE_API_KEY'
            (Get-GenAIConfiguration).ApiKey | Should -Be '********2222'
        }
        finally { Remove-Item Env:GOOGLE_API_KEY, Env:GEMINI_API_KEY -ErrorAction SilentlyContinue }
    }

    It 'reads the endpoint from GOOGLE_GEMINI_BASE_URL when none is set' {
        Set-GenAIConfiguration -ClearBaseUri
        try {
            $env:GOOGLE_GEMINI_BASE_URL = 'http://localhost:8123'
            $config = Get-GenAIConfiguration
            $config.BaseUri | Should -Be 'http://localhost:8123/'
            $config.BaseUriSource | Should -Be 'GOOGLE_GEMINI_BASE_URL'
            Remove-Item Env:GOOGLE_GEMINI_BASE_URL
            (Get-GenAIConfiguration).BaseUri | Should -Be 'https://generativelanguage.googleapis.com/'
        }
        finally { Remove-Item Env:GOOGLE_GEMINI_BASE_URL -ErrorAction SilentlyContinue }
    }

    It 'refuses plain http to another machine' {
        { Set-GenAIConfiguration -BaseUri 'http://example.com/' -ErrorAction Stop } |
            Should -Throw -ErrorId 'GenAI.InsecureEndpoint,GenAI.PowerShell.Commands.SetGenAIConfigurationCommand'
    }
}
