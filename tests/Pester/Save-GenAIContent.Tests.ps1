BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:emulator = Initialize-GenAITest

    function script:Read-UInt32BE([byte[]] $b, [int] $o) { ([uint32]$b[$o] -shl 24) -bor ([uint32]$b[$o + 1] -shl 16) -bor ([uint32]$b[$o + 2] -shl 8) -bor [uint32]$b[$o + 3] }
    function script:Read-Text([byte[]] $b, [int] $o) { [Text.Encoding]::ASCII.GetString($b, $o, 4) }
}

AfterAll {
    $emulator | Stop-EmulatorProcess
}

Describe 'Save-GenAIContent' {
    BeforeEach {
        $script:folder = Join-Path $TestDrive ([guid]::NewGuid())
        New-Item -ItemType Directory $folder | Out-Null
    }

    It 'saves an image reply as a valid PNG of the requested aspect ratio' {
        $reply = Invoke-GenerateContent 'A lighthouse at dusk' -Model gemini-2.5-flash-image -ResponseModality Image -ImageAspectRatio 16:9
        $file = $reply | Save-GenAIContent -Path $folder -PassThru
        $file | Should -BeOfType ([IO.FileInfo])
        $file.Name | Should -Be "$($reply.ResponseId)-0.png"
        $bytes = [IO.File]::ReadAllBytes($file.FullName)
        $bytes[0..7] | Should -Be @(0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A)
        Read-Text $bytes 12 | Should -Be 'IHDR'
        (Read-UInt32BE $bytes 16) | Should -Be 64
        (Read-UInt32BE $bytes 20) | Should -Be 36
        Read-Text $bytes ($bytes.Length - 8) | Should -Be 'IEND'
    }

    It 'saves a speech reply as a WAV whose header matches the audio/L16 MIME type' {
        $reply = Invoke-GenerateContent 'Say cheerfully: have a wonderful day' -Model gemini-2.5-flash-preview-tts -ResponseModality Audio -Voice Kore
        $reply.Candidates[0].Content.Parts[0].InlineData.MimeType | Should -Be 'audio/L16;codec=pcm;rate=24000'
        $pcmLength = $reply.Candidates[0].Content.Parts[0].InlineData.DecodedLength
        $file = $reply | Save-GenAIContent -Path (Join-Path $folder 'greeting.wav') -PassThru
        $bytes = [IO.File]::ReadAllBytes($file.FullName)
        Read-Text $bytes 0 | Should -Be 'RIFF'
        [BitConverter]::ToInt32($bytes, 4) | Should -Be (36 + $pcmLength)
        Read-Text $bytes 8 | Should -Be 'WAVE'
        Read-Text $bytes 12 | Should -Be 'fmt '
        [BitConverter]::ToInt16($bytes, 20) | Should -Be 1        # PCM
        [BitConverter]::ToInt16($bytes, 22) | Should -Be 1        # mono
        [BitConverter]::ToInt32($bytes, 24) | Should -Be 24000    # rate= of the MIME type
        [BitConverter]::ToInt32($bytes, 28) | Should -Be 48000
        [BitConverter]::ToInt16($bytes, 32) | Should -Be 2
        [BitConverter]::ToInt16($bytes, 34) | Should -Be 16
        Read-Text $bytes 36 | Should -Be 'data'
        [BitConverter]::ToInt32($bytes, 40) | Should -Be $pcmLength
        $bytes.Length | Should -Be (44 + $pcmLength)
    }

    It 'writes the rate, channels and bits another PCM MIME type states' {
        $pcm = [byte[]]::new(3200)
        $part = [GenAI.Core.Protocol.Part]::FromBytes($pcm, 'audio/L16;codec=pcm;rate=16000;channels=2')
        $file = $part | Save-GenAIContent -Path (Join-Path $folder 'stereo.wav') -PassThru
        $bytes = [IO.File]::ReadAllBytes($file.FullName)
        [BitConverter]::ToInt16($bytes, 22) | Should -Be 2
        [BitConverter]::ToInt32($bytes, 24) | Should -Be 16000
        [BitConverter]::ToInt32($bytes, 28) | Should -Be 64000
        [BitConverter]::ToInt16($bytes, 32) | Should -Be 4
        [BitConverter]::ToInt32($bytes, 40) | Should -Be 3200
    }

    It 'saves the same image from a streamed reply''s chunks as from the unary reply' {
        $unary = Invoke-GenerateContent 'Draw a cat' -Model gemini-2.5-flash-image -ResponseModality Text, Image
        $chunks = @(Invoke-GenerateContent 'Draw a cat' -Model gemini-2.5-flash-image -ResponseModality Text, Image -Stream)
        $chunks.Count | Should -BeGreaterThan 1
        $fromUnary = $unary | Save-GenAIContent -Path (Join-Path $folder 'unary/') -Force -PassThru
        $fromStream = $chunks | Save-GenAIContent -Path (Join-Path $folder 'stream/') -Force -PassThru
        @($fromStream).Count | Should -Be 1
        $fromStream.Name | Should -Be "$($chunks[0].ResponseId)-1.png"
        $fromUnary.Name | Should -Be "$($unary.ResponseId)-1.png"
        (Get-FileHash $fromStream.FullName).Hash | Should -Be (Get-FileHash $fromUnary.FullName).Hash
    }

    It 'keeps existing files with -NoClobber and replaces them without it' {
        $reply = Invoke-GenerateContent 'A red square' -Model gemini-2.5-flash-image -ResponseModality Image
        $target = Join-Path $folder 'image.png'
        Set-Content $target 'old'
        $reply | Save-GenAIContent -Path $target -NoClobber -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'GenAI.FileExists*'
        $failed[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        Get-Content $target | Should -Be 'old'
        $reply | Save-GenAIContent -Path $target
        (Get-Item $target).Length | Should -BeGreaterThan 8
    }

    It 'numbers further files after a file name and skips text-only replies with a warning' {
        $one = Invoke-GenerateContent 'one' -Model gemini-2.5-flash-image -ResponseModality Image
        $two = Invoke-GenerateContent 'two' -Model gemini-2.5-flash-image -ResponseModality Image
        $files = $one, $two | Save-GenAIContent -Path (Join-Path $folder 'pic.png') -PassThru
        $files.Name | Should -Be @('pic.png', 'pic-2.png')
        Invoke-GenerateContent 'only text' -Model gemini-2.5-flash | Save-GenAIContent -Path $folder -WarningVariable warned -WarningAction SilentlyContinue
        $warned | Should -Not -BeNullOrEmpty
        @(Get-ChildItem $folder).Count | Should -Be 2
    }

    It 'shows media parts as one line with MIME type and size, never base64' {
        $reply = Invoke-GenerateContent 'A blue circle' -Model gemini-2.5-flash-image -ResponseModality Text, Image
        $data = $reply.Candidates[0].Content.Parts[1].InlineData
        $shown = $reply | Out-String
        $shown | Should -Match ([regex]::Escape("[image/png, $($data.DecodedLength) bytes]"))
        $shown | Should -Not -Match ([regex]::Escape($data.Data.Substring(0, 24)))
        $shown | Should -Match 'Echo: A blue circle'
    }
}
