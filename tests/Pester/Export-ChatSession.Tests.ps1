BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:emulator = Initialize-GenAITest

    function script:New-TwoTurnChat {
        $model = [GenAI.Core.Models.GenerativeModel]::new('gemini-2.5-flash')
        $model.SystemInstruction = [GenAI.Core.Protocol.Content]::FromText('Answer in one line.', $null)
        $model.GenerationConfig = [GenAI.Core.Protocol.GenerationConfig]@{ Temperature = 0.3 }
        $chat = Start-ChatSession -Model $model
        $null = Send-ChatMessage $chat 'Café first ✓'
        $null = Send-ChatMessage $chat 'second'
        $chat
    }
}

AfterAll {
    $emulator | Stop-EmulatorProcess
}

Describe 'Export-ChatSession' {
    BeforeEach { Clear-EmulatorRequest $emulator }

    It 'writes a versioned UTF-8 JSON file with the model, its defaults and the history, and no key or endpoint' {
        $chat = New-TwoTurnChat
        $path = Join-Path $TestDrive 'chat.json'
        Export-ChatSession -Session $chat -Path $path
        $bytes = [IO.File]::ReadAllBytes($path)
        $bytes[0] | Should -Not -Be 0xEF
        $text = [Text.Encoding]::UTF8.GetString($bytes)
        $text | Should -Match 'Café first ✓'
        $text | Should -Not -Match ([regex]::Escape($emulator.ApiKey))
        $text | Should -Not -Match 'x-goog-api-key'
        $text | Should -Not -Match ([regex]::Escape(([uri]$emulator.BaseUri).Authority))
        $json = $text | ConvertFrom-Json
        $json.format | Should -Be 'GenAI.ChatSession/1'
        $json.model | Should -Be 'models/gemini-2.5-flash'
        $json.systemInstruction.parts[0].text | Should -Be 'Answer in one line.'
        $json.generationConfig.temperature | Should -Be 0.3
        $json.history.Count | Should -Be 4
        $json.history.role | Should -Be @('user', 'model', 'user', 'model')
    }

    It 'writes no configured key, even one quoted in the history' {
        $chat = Start-ChatSession -Model gemini-2.5-flash
        $null = Send-ChatMessage $chat "my key is $($emulator.ApiKey), keep it safe"
        $path = Join-Path $TestDrive 'quoted-key.json'
        Export-ChatSession -Session $chat -Path $path
        $text = Get-Content -Raw $path
        $text | Should -Not -Match ([regex]::Escape($emulator.ApiKey))
        $text | Should -Match 'my key is \*\*\*, keep it safe'
        $chat.History[0].Parts[0].Text | Should -Match ([regex]::Escape($emulator.ApiKey)) -Because 'the session in memory is the user''s own and stays as it was'
    }

    It 'takes the session from the pipeline and -PassThru writes the file' {
        $chat = New-TwoTurnChat
        $file = $chat | Export-ChatSession (Join-Path $TestDrive 'piped.json') -PassThru
        $file | Should -BeOfType ([IO.FileInfo])
        $file.Length | Should -BeGreaterThan 0
    }

    It 'overwrites by default, keeps the file with -NoClobber, and writes nothing with -WhatIf' {
        $chat = New-TwoTurnChat
        $path = Join-Path $TestDrive 'existing.json'
        Set-Content $path 'old'
        { Export-ChatSession -Session $chat -Path $path -NoClobber -ErrorAction Stop } |
            Should -Throw -ErrorId 'GenAI.FileExists,GenAI.PowerShell.Commands.ExportChatSessionCommand'
        Get-Content $path | Should -Be 'old'
        $whatIf = Invoke-WithCapturedHost { param($chat, $path) Export-ChatSession -Session $chat -Path $path -WhatIf } -ArgumentList $chat, $path
        $whatIf | Should -Match "^What if: .*$([regex]::Escape($path))"
        Get-Content $path | Should -Be 'old'
        Export-ChatSession -Session $chat -Path $path
        (Get-Content -Raw $path | ConvertFrom-Json).format | Should -Be 'GenAI.ChatSession/1'
    }

    It 'overwrites a read-only file with -Force' {
        $chat = New-TwoTurnChat
        $path = Join-Path $TestDrive 'readonly.json'
        Set-Content $path 'old'
        Set-ItemProperty $path -Name IsReadOnly -Value $true
        Export-ChatSession -Session $chat -LiteralPath $path -Force
        (Get-Content -Raw $path | ConvertFrom-Json).history.Count | Should -Be 4
    }

    It 'keeps inline data by default and leaves it out with -OmitInlineData' {
        $chat = Start-ChatSession -Model gemini-2.5-flash -History @{ role = 'user'; parts = @('look', @{ inlineData = @{ mimeType = 'image/png'; data = 'AAECAw==' } }) }, @{ role = 'model'; parts = 'seen' }
        $kept = Join-Path $TestDrive 'kept.json'
        $omitted = Join-Path $TestDrive 'omitted.json'
        Export-ChatSession -Session $chat -Path $kept
        Export-ChatSession -Session $chat -Path $omitted -OmitInlineData
        (Get-Content -Raw $kept | ConvertFrom-Json).history[0].parts[1].inlineData.data | Should -Be 'AAECAw=='
        $note = (Get-Content -Raw $omitted | ConvertFrom-Json).history[0].parts[1]
        $note.text | Should -Be '[image/png, 4 bytes: omitted when the chat was exported]'
        Get-Content -Raw $omitted | Should -Not -Match 'AAECAw=='
    }

    It 'reports a missing folder as a write error' {
        $chat = New-TwoTurnChat
        $path = Join-Path $TestDrive 'no/such/folder/chat.json'
        { Export-ChatSession -Session $chat -Path $path -ErrorAction Stop } |
            Should -Throw -ErrorId 'GenAI.ExportFailed,GenAI.PowerShell.Commands.ExportChatSessionCommand'
    }
}

Describe 'Import-ChatSession' {
    BeforeEach { Clear-EmulatorRequest $emulator }

    It 'continues an exported conversation with its full history and defaults' {
        $path = Join-Path $TestDrive 'continue.json'
        New-TwoTurnChat | Export-ChatSession -Path $path
        Clear-EmulatorRequest $emulator

        $chat = Import-ChatSession -Path $path
        $chat | Should -BeOfType ([GenAI.Core.Chats.ChatSession])
        $chat.Model.Name | Should -Be 'models/gemini-2.5-flash'
        $chat.History.Count | Should -Be 4
        (Send-ChatMessage $chat 'third').Text | Should -Be 'Echo: third'
        $chat.History.Count | Should -Be 6

        $request = @(Get-EmulatorRequest $emulator)[-1].body | ConvertFrom-Json
        $request.contents.parts.text | Should -Be @('Café first ✓', 'Echo: Café first ✓', 'second', 'Echo: second', 'third')
        $request.systemInstruction.parts[0].text | Should -Be 'Answer in one line.'
        $request.generationConfig.temperature | Should -Be 0.3
    }

    It 'reads every file a wildcard matches, also from Get-ChildItem' {
        $folder = Join-Path $TestDrive 'many'
        $null = New-Item -ItemType Directory $folder
        $chat = New-TwoTurnChat
        Export-ChatSession -Session $chat -Path (Join-Path $folder 'a.json')
        Export-ChatSession -Session $chat -Path (Join-Path $folder 'b.json')
        @(Import-ChatSession -Path (Join-Path $folder '*.json')).Count | Should -Be 2
        @(Get-ChildItem $folder -Filter *.json | Import-ChatSession).Count | Should -Be 2
    }

    It 'refuses a file that is not a chat session: <Case>' -ForEach @(
        @{ Case = 'not JSON'; Content = '{ nope'; Expected = 'is not valid JSON' }
        @{ Case = 'no format'; Content = '{"model": "models/x", "history": []}'; Expected = 'no "format" field' }
        @{ Case = 'newer format'; Content = '{"format": "GenAI.ChatSession/2", "model": "models/x"}'; Expected = 'newer version of GenAI' }
        @{ Case = 'broken turn'; Content = '{"format": "GenAI.ChatSession/1", "model": "models/x", "history": [{"role": "user"}]}'; Expected = 'history\[0\] has no parts' }
    ) {
        $path = Join-Path $TestDrive 'bad.json'
        Set-Content -Path $path -Value $Content
        $result = Import-ChatSession -Path $path -ErrorAction SilentlyContinue -ErrorVariable failure
        $result | Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -Be 'GenAI.InvalidChatSessionFile,GenAI.PowerShell.Commands.ImportChatSessionCommand'
        $failure[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $failure[0].TargetObject | Should -Be $path
        $failure[0].ToString() | Should -Match $Expected
    }

    It 'reports a missing file' {
        { Import-ChatSession -LiteralPath (Join-Path $TestDrive 'missing.json') -ErrorAction Stop } |
            Should -Throw -ErrorId 'GenAI.PathNotFound,GenAI.PowerShell.Commands.ImportChatSessionCommand'
        { Import-ChatSession -Path (Join-Path $TestDrive 'missing.json') -ErrorAction Stop } |
            Should -Throw -ErrorId 'GenAI.PathNotFound,GenAI.PowerShell.Commands.ImportChatSessionCommand'
    }
}
