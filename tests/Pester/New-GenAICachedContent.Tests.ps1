# Cached contents end to end: New-, Get-, Set- and Remove-GenAICachedContent, and a model taken from a cache.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:emulator = Initialize-GenAITest
    $script:document = 'The handbook: the cafeteria opens at noon and closes at three.'

    function script:Get-CacheRequest([string] $Method) {
        @(Get-EmulatorRequest $emulator | Where-Object { $_.method -eq $Method -and $_.path -like '/v1beta/cachedContents*' })
    }
}

AfterAll {
    $emulator | Stop-EmulatorProcess
}

Describe 'New-GenAICachedContent' {
    BeforeEach { Clear-EmulatorRequest $emulator }

    It 'creates a cache from contents, a system instruction and a TTL in seconds' {
        $cache = New-GenAICachedContent $document -Model gemini-2.5-flash -SystemInstruction 'Answer from the handbook.' -Ttl 300 -DisplayName 'handbook'
        $cache | Should -BeOfType ([GenAI.Core.Protocol.CachedContent])
        $cache.Name | Should -BeLike 'cachedContents/*'
        $cache.Model | Should -Be 'models/gemini-2.5-flash'
        $cache.DisplayName | Should -Be 'handbook'
        $cache.UsageMetadata.TotalTokenCount | Should -BeGreaterThan 0
        ([datetimeoffset]$cache.ExpireTime - [datetimeoffset]::UtcNow).TotalSeconds | Should -BeGreaterThan 240
        ([datetimeoffset]$cache.ExpireTime - [datetimeoffset]::UtcNow).TotalSeconds | Should -BeLessOrEqual 300
        $body = (Get-CacheRequest POST)[-1].body | ConvertFrom-Json
        $body.ttl | Should -Be '300s'
        $body.model | Should -Be 'models/gemini-2.5-flash'
        $body.contents[0].role | Should -Be 'user'
        $body.contents[0].parts[0].text | Should -Be $document
        $body.systemInstruction.parts[0].text | Should -Be 'Answer from the handbook.'
    }

    It 'takes the TTL as a TimeSpan, and piped lines as one content' {
        $null = 'line one', 'line two' | New-GenAICachedContent -Model gemini-2.5-flash -Ttl (New-TimeSpan -Minutes 10)
        $body = (Get-CacheRequest POST)[-1].body | ConvertFrom-Json
        $body.ttl | Should -Be '600s'
        $body.contents.Count | Should -Be 1
        $body.contents[0].parts[0].text | Should -Be "line one`nline two"
    }

    It 'takes an expire time, and tools and tool config shaped like the API' {
        $when = [datetime]::UtcNow.AddHours(3)
        $tool = @{ FunctionDeclarations = @(@{ name = 'get_opening_hours'; description = 'Opening hours of a place.' }) }
        $cache = New-GenAICachedContent $document -Model gemini-2.5-flash -ExpireTime $when -Tool $tool -ToolConfig @{ functionCallingConfig = @{ mode = 'AUTO' } }
        ([datetimeoffset]$cache.ExpireTime).UtcDateTime | Should -BeGreaterThan $when.AddSeconds(-2)
        $raw = (Get-CacheRequest POST)[-1].body
        $raw | Should -Match ('"expireTime":\s*"' + [regex]::Escape($when.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'")) + '"')
        $body = $raw | ConvertFrom-Json
        $body.PSObject.Properties.Name | Should -Not -Contain 'ttl'
        $body.tools[0].functionDeclarations[0].name | Should -Be 'get_opening_hours'
        $body.toolConfig.functionCallingConfig.mode | Should -Be 'AUTO'
    }

    It 'refuses a TTL with an expire time, a bad TTL, a display name over 128 characters and an unknown tool' {
        { New-GenAICachedContent $document -Ttl 60 -ExpireTime ([datetime]::Now.AddHours(1)) } | Should -Throw -ErrorId 'AmbiguousParameterSet,GenAI.PowerShell.Commands.NewGenAICachedContentCommand'
        { New-GenAICachedContent $document -DisplayName ('x' * 129) } | Should -Throw -ErrorId 'ParameterArgumentValidationError,GenAI.PowerShell.Commands.NewGenAICachedContentCommand'
        { New-GenAICachedContent $document -Ttl 'soon' } | Should -Throw -ErrorId 'ParameterArgumentTransformationError,GenAI.PowerShell.Commands.NewGenAICachedContentCommand'
        { New-GenAICachedContent $document -Ttl 0 -ErrorAction Stop } | Should -Throw -ErrorId 'GenAI.InvalidExpiration,GenAI.PowerShell.Commands.NewGenAICachedContentCommand'
        { New-GenAICachedContent $document -Tool 'hammer' } | Should -Throw -ErrorId 'GenAI.InvalidTool,GenAI.PowerShell.Commands.NewGenAICachedContentCommand'
        Get-CacheRequest POST | Should -BeNullOrEmpty
    }
}

Describe 'Get-GenAICachedContent' {
    BeforeAll {
        $script:caches = 1..3 | ForEach-Object { New-GenAICachedContent "$document ($_)" -Model gemini-2.5-flash -DisplayName "paging-$_" }
    }
    BeforeEach { Clear-EmulatorRequest $emulator }

    It 'gets one cache by full name or bare id' {
        (Get-GenAICachedContent $caches[0].Name).DisplayName | Should -Be 'paging-1'
        (Get-GenAICachedContent ($caches[1].Name -replace '^cachedContents/')).DisplayName | Should -Be 'paging-2'
    }

    It 'lists every cache, following every page' {
        $all = @(Get-GenAICachedContent -PageSize 1)
        $all.Name | Should -Contain $caches[0].Name
        $all.Name | Should -Contain $caches[2].Name
        $lists = @(Get-CacheRequest GET)
        $lists.Count | Should -Be $all.Count
        $lists | ForEach-Object { $_.query | Should -Match 'pageSize=1' }
        $lists | Select-Object -Skip 1 | ForEach-Object { $_.query | Should -Match 'pageToken=' }
    }

    It 'filters the list with wildcards on the display name' {
        $matched = @(Get-GenAICachedContent 'paging-*')
        $matched.Count | Should -Be 3
        ($matched.DisplayName | Sort-Object) | Should -Be @('paging-1', 'paging-2', 'paging-3')
    }

    It 'reports an unknown cache as not found' {
        Get-GenAICachedContent 'cachedContents/doesnotexist' -ErrorAction SilentlyContinue -ErrorVariable failure | Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -Be 'GenAI.NotFound,GenAI.PowerShell.Commands.GetGenAICachedContentCommand'
        $failure[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failure[0].TargetObject | Should -Be 'cachedContents/doesnotexist'
    }
}

Describe 'Set-GenAICachedContent' {
    BeforeEach { Clear-EmulatorRequest $emulator }

    It 'moves the expiration with a TTL (updateMask=ttl)' {
        $cache = New-GenAICachedContent $document -Model gemini-2.5-flash -Ttl 300
        $updated = $cache | Set-GenAICachedContent -Ttl (New-TimeSpan -Hours 2) -PassThru
        ([datetimeoffset]$updated.ExpireTime - [datetimeoffset]$cache.ExpireTime).TotalMinutes | Should -BeGreaterThan 100
        (Get-GenAICachedContent $cache.Name).ExpireTime | Should -Be $updated.ExpireTime
        $patch = (Get-CacheRequest PATCH)[-1]
        $patch.query | Should -Match 'updateMask=ttl'
        ($patch.body | ConvertFrom-Json).ttl | Should -Be '7200s'
    }

    It 'moves the expiration to a time (updateMask=expireTime), and writes nothing without -PassThru' {
        $cache = New-GenAICachedContent $document -Model gemini-2.5-flash
        $when = [datetime]::UtcNow.AddDays(1)
        Set-GenAICachedContent $cache.Name -ExpireTime $when | Should -BeNullOrEmpty
        ([datetimeoffset](Get-GenAICachedContent $cache.Name).ExpireTime).UtcDateTime | Should -BeGreaterThan $when.AddSeconds(-2)
        (Get-CacheRequest PATCH)[-1].query | Should -Match 'updateMask=expireTime'
    }

    It 'changes nothing with -WhatIf' {
        $cache = New-GenAICachedContent $document -Model gemini-2.5-flash
        $whatIf = Invoke-WithCapturedHost { param($name) Set-GenAICachedContent $name -Ttl 60 -WhatIf } -ArgumentList $cache.Name
        $whatIf | Should -Match "^What if: .*$([regex]::Escape($cache.Name))"
        Get-CacheRequest PATCH | Should -BeNullOrEmpty
    }
}

Describe 'Remove-GenAICachedContent' {
    BeforeEach { Clear-EmulatorRequest $emulator }

    It 'does nothing with -WhatIf, then deletes the cache' {
        $cache = New-GenAICachedContent $document -Model gemini-2.5-flash
        $whatIf = Invoke-WithCapturedHost { param($name) Remove-GenAICachedContent $name -WhatIf } -ArgumentList $cache.Name
        $whatIf | Should -Match "^What if: .*$([regex]::Escape($cache.Name))"
        Get-CacheRequest DELETE | Should -BeNullOrEmpty
        (Get-GenAICachedContent $cache.Name).Name | Should -Be $cache.Name

        Remove-GenAICachedContent $cache.Name
        @(Get-CacheRequest DELETE).Count | Should -Be 1
        { Get-GenAICachedContent $cache.Name -ErrorAction Stop } | Should -Throw -ErrorId 'GenAI.NotFound,GenAI.PowerShell.Commands.GetGenAICachedContentCommand'
    }

    It 'takes caches from the pipeline' {
        $two = 1..2 | ForEach-Object { New-GenAICachedContent $document -Model gemini-2.5-flash -DisplayName "doomed-$_" }
        Get-GenAICachedContent 'doomed-*' | Remove-GenAICachedContent
        (@(Get-CacheRequest DELETE).path | Sort-Object) | Should -Be (@($two | ForEach-Object { "/v1beta/$($_.Name)" }) | Sort-Object)
        @(Get-GenAICachedContent 'doomed-*').Count | Should -Be 0
    }
}

Describe 'A model taken from a cache' {
    BeforeEach { Clear-EmulatorRequest $emulator }

    It 'sends cachedContent and the cache''s model from Invoke-GenerateContent and from a chat' {
        $cache = New-GenAICachedContent $document -Model gemini-2.5-flash
        Clear-EmulatorRequest $emulator
        $reply = Invoke-GenerateContent 'When does the cafeteria open?' -Model $cache
        $reply.UsageMetadata.CachedContentTokenCount | Should -BeGreaterThan 0
        $request = @(Get-EmulatorRequest $emulator)[-1]
        $request.path | Should -Be '/v1beta/models/gemini-2.5-flash:generateContent'
        ($request.body | ConvertFrom-Json).cachedContent | Should -Be $cache.Name

        $chat = Start-ChatSession -Model $cache
        $null = Send-ChatMessage $chat 'And when does it close?'
        (@(Get-EmulatorRequest $emulator)[-1].body | ConvertFrom-Json).cachedContent | Should -Be $cache.Name
        $chat.Model.CachedContent | Should -Be $cache.Name
        ($chat | Format-List | Out-String) | Should -Match "CachedContent\s+: $([regex]::Escape($cache.Name))"
    }
}
