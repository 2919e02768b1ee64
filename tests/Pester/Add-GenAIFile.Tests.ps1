BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:emulator = Initialize-GenAITest
    $script:dir = Join-Path $TestDrive 'upload'
    $null = New-Item -ItemType Directory $dir
    [IO.File]::WriteAllBytes((Join-Path $dir 'chart.png'), [byte[]](1, 2, 3, 4))
    [IO.File]::WriteAllBytes((Join-Path $dir 'report.pdf'), [byte[]](5, 6))
}

AfterAll {
    $emulator | Stop-EmulatorProcess
}

Describe 'Add-GenAIFile' {
    BeforeEach { Clear-EmulatorRequest $emulator }

    It 'uploads a file and returns it once ACTIVE, named after the file, typed by its extension' {
        $file = Add-GenAIFile (Join-Path $dir 'chart.png')
        $file | Should -BeOfType ([GenAI.Core.Protocol.GenAIFile])
        $file.State | Should -Be 'ACTIVE'
        $file.DisplayName | Should -Be 'chart.png'
        $file.MimeType | Should -Be 'image/png'
        $file.SizeBytes | Should -Be 4
        $file.Name | Should -Match '^files/'
        (Get-EmulatorRequest $emulator | Where-Object { $_.headers.'X-Goog-Upload-Protocol' -eq 'resumable' }).Count | Should -Be 1
    }

    It 'returns at once with -NoWait, and takes -DisplayName, -Name and -MimeType' {
        $file = Add-GenAIFile (Join-Path $dir 'report.pdf') -NoWait -DisplayName 'Q3 report' -Name 'q3-report' -MimeType application/x-custom
        $file.State | Should -Be 'PROCESSING'
        $file.Name | Should -Be 'files/q3-report'
        $file.DisplayName | Should -Be 'Q3 report'
        $file.MimeType | Should -Be 'application/x-custom'
    }

    It 'takes files from Get-ChildItem and wildcards relative to the current location' {
        $piped = @(Get-ChildItem $dir -File | Add-GenAIFile)
        $piped.DisplayName | Sort-Object | Should -Be @('chart.png', 'report.pdf')
        Push-Location $dir
        try { $matched = @(Add-GenAIFile *.pdf) }
        finally { Pop-Location }
        $matched.DisplayName | Should -Be 'report.pdf'
    }

    It 'uploads a 25 MB file resumably in several chunks, and a prompt with it refers to it as fileData' {
        $big = Join-Path $dir 'big.mp4'
        $stream = [IO.File]::Create($big); $stream.SetLength(25MB); $stream.Dispose()
        try {
            $file = Add-GenAIFile $big
            $chunks = @(Get-EmulatorRequest $emulator | Where-Object { $_.query -like '*upload_id=*' })
            $chunks.Count | Should -Be 4
            $chunks.bodyLength | Should -Be @(8MB, 8MB, 8MB, 1MB)
            $file.SizeBytes | Should -Be 25MB
            $reply = $file | Invoke-GenerateContent 'Summarize' -Model gemini-2.5-flash
            $reply.Text | Should -Be "Echo: Summarize [fileData video/mp4 $($file.Uri)]"
        }
        finally { Remove-Item $big }
    }

    It 'moves a file too large to send inline to the Files API on its own, then refers to it' {
        $big = Join-Path $dir 'huge.png'
        $stream = [IO.File]::Create($big); $stream.SetLength(25MB); $stream.Dispose()
        try {
            $reply = Invoke-GenerateContent 'Describe' -Path $big -Model gemini-2.5-flash
            $requests = @(Get-EmulatorRequest $emulator)
            @($requests | Where-Object { $_.query -like '*upload_id=*' }).Count | Should -Be 4
            $generate = $requests | Where-Object path -Like '*:generateContent'
            $generate.bodyLength | Should -BeLessThan 10KB
            $reply.Text | Should -Match '^Echo: Describe \[fileData image/png http://127\.0\.0\.1:\d+/v1beta/files/[a-z0-9]+\]$'
        }
        finally { Remove-Item $big }
    }

    It 'survives a chunk whose reply was lost: asks the service what arrived, goes on, and says so with -Verbose' {
        # The emulator drops the connection after storing the first chunk of an upload named fault-reset-*.
        $name = "fault-reset-$([guid]::NewGuid().ToString('n').Substring(0, 8))"
        $path = Join-Path $dir 'clip.mp4'
        [IO.File]::WriteAllBytes($path, [byte[]](1..200))
        $all = @(Add-GenAIFile $path -DisplayName $name -Verbose 4>&1)
        $file = $all | Where-Object { $_ -is [GenAI.Core.Protocol.GenAIFile] }
        $file.SizeBytes | Should -Be 200
        $file.State | Should -Be 'ACTIVE'
        @($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match '^media\.upload \(bytes 0-200 of 200\).*Retry 1 of' }).Count | Should -Be 1
        $commands = @(Get-EmulatorRequest $emulator | Where-Object { $_.query -like '*upload_id=*' } | Sort-Object { [int] $_.sequence } | ForEach-Object { $_.headers.'X-Goog-Upload-Command' })
        $commands | Should -Be @('upload, finalize', 'query')
    }

    It 'gives up on an upload the service keeps refusing with the service''s error on that file' {
        $name = "fault-500-$([guid]::NewGuid().ToString('n').Substring(0, 8))"
        $path = Join-Path $dir 'chart.png'
        $out = @(Add-GenAIFile $path -DisplayName $name -MaximumRetryCount 1 -ErrorAction SilentlyContinue -ErrorVariable failure)
        $out.Count | Should -Be 0
        $failure[0].FullyQualifiedErrorId | Should -Be 'GenAI.InternalServerError,GenAI.PowerShell.Commands.AddGenAIFileCommand'
        $failure[0].TargetObject | Should -Be $path
        $failure[0].Exception.Message | Should -Match 'Gave up after 2 attempts'
    }

    It 'reports a missing file and an unknown type per file, and uploads the rest' {
        [IO.File]::WriteAllBytes((Join-Path $dir 'odd.zzz'), [byte[]](1))
        $out = @(Add-GenAIFile (Join-Path $dir 'nope.png'), (Join-Path $dir 'odd.zzz'), (Join-Path $dir 'chart.png') -ErrorAction SilentlyContinue -ErrorVariable failure)
        $out.Count | Should -Be 1
        $failure.FullyQualifiedErrorId | Should -Be @('GenAI.PathNotFound,GenAI.PowerShell.Commands.AddGenAIFileCommand', 'GenAI.UnknownFileType,GenAI.PowerShell.Commands.AddGenAIFileCommand')
        $failure[0].TargetObject | Should -Be (Join-Path $dir 'nope.png')
    }
}
