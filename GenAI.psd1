@{
    RootModule           = 'GenAI.psm1'
    ModuleVersion        = '0.1.0'
    CompatiblePSEditions = @('Desktop', 'Core')
    GUID                 = '5d0f7f5e-3c1a-4f4e-9a8b-7f1f0c2b6e41'
    Author               = 'GenAI.PowerShell contributors'
    CompanyName          = 'GenAI.PowerShell'
    Copyright            = '(c) GenAI.PowerShell contributors. MIT License.'
    Description          = 'Gemini (Generative Language API) client for PowerShell: streamed and batch generation, multimodal prompts from files, chat sessions in variables, token counting, models, files and cached contents.'
    PowerShellVersion    = '5.1'
    FormatsToProcess     = @('GenAI.Format.ps1xml')
    FunctionsToExport    = @()
    CmdletsToExport      = @(
        'Add-GenAIFile'
        'Enter-GenAIChat'
        'Export-ChatSession'
        'Get-GenAICachedContent'
        'Get-GenAIConfiguration'
        'Get-GenAIFile'
        'Get-GenAIModel'
        'Get-GenAITokenizer'
        'Import-ChatSession'
        'Install-GenAITokenizer'
        'Invoke-GenerateContent'
        'Join-GenAIResponse'
        'Measure-Tokens'
        'New-GenAICachedContent'
        'New-GenAIModel'
        'Remove-GenAICachedContent'
        'Remove-GenAIFile'
        'Remove-GenAIKeyHandler'
        'Send-ChatMessage'
        'Set-GenAICachedContent'
        'Set-GenAIConfiguration'
        'Set-GenAIKeyHandler'
        'Start-ChatSession'
        'Start-GenAIEmulator'
        'Stop-GenAIEmulator'
        'Undo-ChatMessage'
    )
    VariablesToExport    = @()
    AliasesToExport      = @('Measure-GenAIToken')
    PrivateData          = @{
        PSData = @{
            Tags         = @('Gemini', 'GenAI', 'AI', 'LLM', 'Google', 'GenerativeAI', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS')
            ProjectUri   = 'https://example.invalid/GenAI.PowerShell'
            LicenseUri   = 'https://example.invalid/GenAI.PowerShell/LICENSE'
            # HelpInfoURI is left out: updatable help needs a hosted CAB; the help ships with the module.
            ReleaseNotes = 'First release: streamed generation, token counting, chat sessions, model listing, configuration (SecureString or SecretManagement keys, opt-in saved settings, proxies), tab completion, full help, and Start-GenAIEmulator for offline tests.'
        }
    }
}
