# The README's first command: stream a generated reply to the console, from the real service when
# GEMINI_API_KEY is set, otherwise from the bundled emulator started (and stopped) here.
param([Parameter(Mandatory)] [string] $ModulePath)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$emulator = $null
try {
    if ($env:GEMINI_API_KEY -or $env:GOOGLE_API_KEY) {
        Write-Host 'Using the Gemini API with the key from the environment.' -ForegroundColor Cyan
        $model = 'gemini-2.5-flash'
        $prompt = 'Write a four-line poem about PowerShell pipelines.'
    }
    else {
        Import-Module (Join-Path $PSScriptRoot 'EmulatorProcess.psm1')
        $emulator = Start-EmulatorProcess -ModuleBase (Split-Path $ModulePath) -ExtraArguments '--chunk-delay-ms', '120'
        Write-Host "No GEMINI_API_KEY set: using the bundled emulator at $($emulator.BaseUri) (it echoes the prompt)." -ForegroundColor Cyan
        Set-GenAIConfiguration -ApiKey $emulator.ApiKey -BaseUri $emulator.BaseUri
        $model = 'gemini-2.5-flash'
        $prompt = 'PowerShell pipelines pass objects, not text, from one command to the next, so each chunk of this reply arrives as an object you can process as it lands.'
    }
    Write-Host "> Invoke-GenerateContent -Model $model -Stream '$prompt'" -ForegroundColor DarkGray
    $chunks = 0
    Invoke-GenerateContent -Model $model -Stream $prompt | ForEach-Object {
        $chunks++
        Write-Host -NoNewline $_.TextOrEmpty
    }
    Write-Host ''
    Write-Host "($chunks chunks streamed)" -ForegroundColor DarkGray
}
finally {
    if ($emulator) { $emulator | Stop-EmulatorProcess }
}
