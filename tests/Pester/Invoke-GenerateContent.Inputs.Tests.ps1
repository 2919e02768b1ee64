BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:emulator = Initialize-GenAITest
    function script:Get-RequestBody { (@(Get-EmulatorRequest $emulator | Where-Object path -Like '*:generateContent')[-1].body | ConvertFrom-Json) }
}

AfterAll {
    $emulator | Stop-EmulatorProcess
}

Describe 'Invoke-GenerateContent input: files, bytes, paths' {
    BeforeAll {
        $script:images = Join-Path $TestDrive 'images'
        $null = New-Item -ItemType Directory $images
        [IO.File]::WriteAllBytes((Join-Path $images 'a.png'), [byte[]](1, 2, 3))
        [IO.File]::WriteAllBytes((Join-Path $images 'b.png'), [byte[]](4, 5, 6, 7, 8))
        [IO.File]::WriteAllBytes((Join-Path $images 'c.jpg'), [byte[]](9))
        Set-Content -Path (Join-Path $images 'notes.txt') -Value 'line one', 'line two'
    }
    BeforeEach { Clear-EmulatorRequest $emulator }

    It 'sends piped images with the prompt text as one request, each image as inline data with its MIME type' {
        Push-Location $images
        try { $reply = Get-ChildItem *.png | Invoke-GenerateContent 'Describe these' -Model gemini-2.5-flash }
        finally { Pop-Location }
        @($reply).Count | Should -Be 1
        @(Get-EmulatorRequest $emulator).Count | Should -Be 1
        $parts = (Get-RequestBody).contents[0].parts
        $parts.Count | Should -Be 3
        $parts[0].text | Should -Be 'Describe these'
        $parts[1].inlineData.mimeType | Should -Be 'image/png'
        $parts[1].inlineData.data | Should -Be ([Convert]::ToBase64String([byte[]](1, 2, 3)))
        $parts[2].inlineData.mimeType | Should -Be 'image/png'
        $parts[2].inlineData.data | Should -Be ([Convert]::ToBase64String([byte[]](4, 5, 6, 7, 8)))
        $reply.Text | Should -Be 'Echo: Describe these [inlineData image/png 3 bytes] [inlineData image/png 5 bytes]'
    }

    It 'resolves -Path wildcards from the current location and sends text files as text' {
        Push-Location $images
        try { $reply = Invoke-GenerateContent 'Compare' -Path '*.jpg', 'notes.txt' -Model gemini-2.5-flash }
        finally { Pop-Location }
        $parts = (Get-RequestBody).contents[0].parts
        $parts[1].inlineData.mimeType | Should -Be 'image/jpeg'
        $parts[2].text | Should -Be ("line one{0}line two{0}" -f [Environment]::NewLine)
        $reply.Text | Should -BeLike 'Echo: Compare `[inlineData image/jpeg 1 bytes`] line one*'
    }

    It 'takes -LiteralPath (alias PSPath) without wildcard expansion' {
        $odd = Join-Path $images 'odd[1].png'
        [IO.File]::WriteAllBytes($odd, [byte[]](7, 7))
        $null = Invoke-GenerateContent -LiteralPath $odd -Model gemini-2.5-flash
        (Get-RequestBody).contents[0].parts[0].inlineData.data | Should -Be 'Bwc='
        $null = Invoke-GenerateContent -PSPath $odd -Model gemini-2.5-flash
        @(Get-EmulatorRequest $emulator).Count | Should -Be 2
    }

    It 'reports a missing path as ObjectNotFound with the path as target, and sends nothing' {
        $missing = Join-Path $images 'missing.png'
        $reply = Invoke-GenerateContent 'Describe' -Path $missing, (Join-Path $images 'a.png') -Model gemini-2.5-flash -ErrorAction SilentlyContinue -ErrorVariable failure
        $reply | Should -BeNullOrEmpty
        $failure.Count | Should -Be 1
        $failure[0].FullyQualifiedErrorId | Should -Be 'GenAI.PathNotFound,GenAI.PowerShell.Commands.InvokeGenerateContentCommand'
        $failure[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failure[0].TargetObject | Should -Be $missing
        @(Get-EmulatorRequest $emulator).Count | Should -Be 0
        { Invoke-GenerateContent -Path (Join-Path $images '*.none') -ErrorAction Stop } | Should -Throw -ErrorId 'GenAI.PathNotFound,*'
    }

    It 'names a file of unknown type, suggests -MimeType, sends nothing; -MimeType then sends it' {
        $odd = Join-Path $images 'data.xyz'
        [IO.File]::WriteAllBytes($odd, [byte[]](1, 2))
        $null = Get-Item $odd, (Join-Path $images 'a.png') | Invoke-GenerateContent 'x' -Model gemini-2.5-flash -ErrorAction SilentlyContinue -ErrorVariable failure
        $failure[0].FullyQualifiedErrorId | Should -Be 'GenAI.UnknownFileType,GenAI.PowerShell.Commands.InvokeGenerateContentCommand'
        $failure[0].CategoryInfo.Category | Should -Be 'InvalidType'
        $failure[0].Exception.Message | Should -BeLike "*$odd*"
        $failure[0].ErrorDetails.RecommendedAction | Should -BeLike '*-MimeType*'
        $failure[0].TargetObject | Should -Be $odd
        @(Get-EmulatorRequest $emulator).Count | Should -Be 0

        $reply = Get-Item $odd | Invoke-GenerateContent -MimeType application/octet-stream -Model gemini-2.5-flash
        $reply.Text | Should -Be 'Echo: [inlineData application/octet-stream 2 bytes]'
    }

    It 'reports an unreadable file as PermissionDenied' {
        if ($IsWindows) { Set-ItResult -Skipped -Because 'Windows has no Unix file modes to make a file unreadable' }
        if ((id -u) -eq '0') { Set-ItResult -Skipped -Because 'running as root, which can read a file whatever its mode: run the tests as an ordinary user to cover this' }
        $locked = Join-Path $images 'locked.png'
        [IO.File]::WriteAllBytes($locked, [byte[]](1))
        chmod 000 $locked
        try {
            $null = Invoke-GenerateContent -Path $locked -ErrorAction SilentlyContinue -ErrorVariable failure
            $failure[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
            $failure[0].TargetObject | Should -Be $locked
        }
        finally { chmod 644 $locked }
    }

    It 'sends byte arrays with -MimeType, joins piped bytes, and asks for -MimeType without it' {
        $bytes = [byte[]](10, 20, 30, 40)
        (Invoke-GenerateContent -InputObject (, $bytes) -MimeType image/webp -Model gemini-2.5-flash).Text | Should -Be 'Echo: [inlineData image/webp 4 bytes]'
        (Get-Content (Join-Path $images 'b.png') -AsByteStream | Invoke-GenerateContent -MimeType image/png -Model gemini-2.5-flash).Text |
            Should -Be 'Echo: [inlineData image/png 5 bytes]'
        { Invoke-GenerateContent -InputObject (, $bytes) -ErrorAction Stop } | Should -Throw -ErrorId 'GenAI.MimeTypeRequired,*'
    }

    It 'takes bytes, files and streams inside inline_data, Blob and Part hashtables, base64-encoded on the wire' {
        $png = Join-Path $images 'a.png'
        $bytes = [IO.File]::ReadAllBytes($png)
        $stream = [IO.MemoryStream]::new([byte[]](4, 5))
        $reply = Invoke-GenerateContent -Model gemini-2.5-flash -Prompt @(
            'Compare'
            @{ inline_data = @{ mime_type = 'image/png'; data = $bytes } }
            @{ mime_type = 'image/jpeg'; data = $stream }
            @{ inlineData = (Get-Item $png) }
            @{ inline_data = @{ mime_type = 'application/octet-stream'; data = (Get-Item (Join-Path $images 'notes.txt')) } }
        )
        $parts = (Get-RequestBody).contents[0].parts
        $parts[1].inlineData.mimeType | Should -Be 'image/png'
        $parts[1].inlineData.data | Should -Be ([Convert]::ToBase64String($bytes))
        $parts[2].inlineData.mimeType | Should -Be 'image/jpeg'
        $parts[2].inlineData.data | Should -Be 'BAU='
        $parts[3].inlineData.mimeType | Should -Be 'image/png'
        $parts[3].inlineData.data | Should -Be 'AQID'
        $parts[4].inlineData.mimeType | Should -Be 'application/octet-stream'
        $reply.Text | Should -Match '^Echo: Compare \[inlineData image/png 3 bytes\] \[inlineData image/jpeg 2 bytes\]'
    }

    It 'asks for the MIME type of bytes inside inline_data that do not say it' {
        $failure = $null
        try { $null = Invoke-GenerateContent @{ inline_data = [byte[]](1, 2) } -Model gemini-2.5-flash -ErrorAction Stop } catch { $failure = $_ }
        $failure.FullyQualifiedErrorId | Should -Be 'GenAI.MimeTypeRequired,GenAI.PowerShell.Commands.InvokeGenerateContentCommand'
        $failure.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $failure.ErrorDetails.RecommendedAction | Should -Match 'mime_type'
        @(Get-EmulatorRequest $emulator).Count | Should -Be 0
    }

    It 'counts tokens of files and sends files in chat messages through the same conversion' {
        (Measure-Tokens 'hello' -Path (Join-Path $images 'a.png') -Model gemini-2.5-flash).TotalTokens | Should -Be (1 + 258)
        $chat = Start-ChatSession -Model gemini-2.5-flash
        $reply = Get-Item (Join-Path $images 'a.png') | Send-ChatMessage $chat 'What is this?'
        $reply.Text | Should -Be 'Echo: What is this? [inlineData image/png 3 bytes]'
        $chat.History[0].Parts[1].InlineData.MimeType | Should -Be 'image/png'
    }

    It 'keeps the bytes of a file sent in a chat, so later turns do not need the file' {
        $temp = Join-Path $images 'temporary.png'
        [IO.File]::WriteAllBytes($temp, [byte[]](1, 2, 3, 4, 5, 6))
        $chat = Start-ChatSession -Model gemini-2.5-flash
        $null = Send-ChatMessage $chat 'Keep this' -Path $temp
        Remove-Item $temp
        (Send-ChatMessage $chat 'And now?').Text | Should -Be 'Echo: And now?'
        (Get-RequestBody).contents[0].parts[1].inlineData.data | Should -Be ([Convert]::ToBase64String([byte[]](1, 2, 3, 4, 5, 6)))
    }
}

Describe 'Invoke-GenerateContent input: parts, contents and conversations' {
    BeforeEach { Clear-EmulatorRequest $emulator }

    It 'sends a conversation of hashtables as contents, and it round-trips through JSON and the reply' {
        $conversation = @(
            @{ role = 'user'; parts = @('My name is Ada.') }
            @{ role = 'model'; parts = @(@{ text = 'Hello Ada.' }) }
            @{ role = 'user'; parts = 'What is my name?' }
        )
        $reply = Invoke-GenerateContent $conversation -Model gemini-2.5-flash
        $first = Get-RequestBody
        $first.contents.role | Should -Be @('user', 'model', 'user')
        $first.contents[1].parts[0].text | Should -Be 'Hello Ada.'
        $reply.Text | Should -Be 'Echo: What is my name?'

        Clear-EmulatorRequest $emulator
        $null = $conversation | ConvertTo-Json -Depth 5 | ConvertFrom-Json | Invoke-GenerateContent -Model gemini-2.5-flash
        (Get-RequestBody | ConvertTo-Json -Depth 10) | Should -Be ($first | ConvertTo-Json -Depth 10)

        Clear-EmulatorRequest $emulator
        $next = $conversation + $reply.Candidates[0].Content + @{ role = 'user'; parts = 'Thanks' }
        $null = Invoke-GenerateContent $next -Model gemini-2.5-flash
        $body = Get-RequestBody
        $body.contents.Count | Should -Be 5
        $body.contents[3].role | Should -Be 'model'
        $body.contents[3].parts[0].text | Should -Be 'Echo: What is my name?'
    }

    It 'sends part hashtables (inline data, file data) as one message' {
        $reply = Invoke-GenerateContent @('Look', @{ inlineData = @{ mimeType = 'image/png'; data = 'AAEC' } }, @{ fileData = @{ mimeType = 'video/mp4'; fileUri = 'https://example.invalid/files/x' } }) -Model gemini-2.5-flash -ErrorAction SilentlyContinue
        (Get-RequestBody).contents.Count | Should -Be 1
        (Get-RequestBody).contents[0].parts[1].inlineData.data | Should -Be 'AAEC'
    }

    It 'refuses a mix of whole messages and loose parts with GenAI.AmbiguousPrompt' {
        { Invoke-GenerateContent @(@{ role = 'user'; parts = 'a' }, 'loose') -Model gemini-2.5-flash -ErrorAction Stop } |
            Should -Throw -ErrorId 'GenAI.AmbiguousPrompt,GenAI.PowerShell.Commands.InvokeGenerateContentCommand'
        @(Get-EmulatorRequest $emulator).Count | Should -Be 0
    }
}
