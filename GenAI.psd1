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
        'Get-GenAIBatch'
        'Get-GenAICachedContent'
        'Get-GenAIConfiguration'
        'Get-GenAIEmbedding'
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
        'Receive-GenAIBatch'
        'Remove-GenAIBatch'
        'Remove-GenAICachedContent'
        'Remove-GenAIFile'
        'Remove-GenAIKeyHandler'
        'Save-GenAIContent'
        'Send-ChatMessage'
        'Set-GenAICachedContent'
        'Set-GenAIConfiguration'
        'Set-GenAIKeyHandler'
        'Start-ChatSession'
        'Start-GenAIBatch'
        'Start-GenAIEmulator'
        'Stop-GenAIBatch'
        'Stop-GenAIEmulator'
        'Undo-ChatMessage'
        'Wait-GenAIBatch'
    )
    VariablesToExport    = @()
    AliasesToExport      = @('Measure-GenAIToken')
    PrivateData          = @{
        PSData = @{
            Tags         = @('Gemini', 'GenAI', 'AI', 'LLM', 'Google', 'GenerativeAI', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS')
            # ProjectUri, LicenseUri and HelpInfoURI are left out until the project has a public home: the MIT
            # licence ships in the package (LICENSE), and the help ships with the module (no hosted CAB).
            # ModuleVersion above and ReleaseNotes are filled in by build.ps1 from Directory.Build.props and CHANGELOG.md.
            ReleaseNotes = ''
        }
    }
}
