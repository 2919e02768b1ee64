BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:emulator = Initialize-GenAITest

    function Get-TestStock {
        <#
        .SYNOPSIS
        Gets the number of items in stock for a product.
        #>
        param([Parameter(Mandatory)] [string] $Product)
        [pscustomobject]@{ Product = $Product; InStock = 12 }
    }

    function Remove-TestStock {
        [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'High')]
        param([Parameter(Mandatory)] [string] $Product)
        $global:GenAITestRemoved = $Product
        "Removed $Product"
    }
}

AfterAll {
    Remove-Variable -Name GenAITestRemoved -Scope Global -ErrorAction SilentlyContinue
    $emulator | Stop-EmulatorProcess
}

Describe 'Chat with automatic function calling' {
    BeforeEach {
        Clear-EmulatorRequest $emulator
        $global:GenAITestRemoved = $null
    }

    It 'runs the command and keeps the call and response turns in the history' {
        $chat = Start-ChatSession -Model gemini-2.5-flash -Tool (Get-Command Get-TestStock, Remove-TestStock) -AutomaticFunctionCalling
        $chat.AutomaticFunctionCalling | Should -BeTrue
        $reply = Send-ChatMessage $chat 'How many? Use Get-TestStock with Product=chairs'
        $reply.Text | Should -Be 'Function Get-TestStock returned {"Product":"chairs","InStock":12}'
        $chat.History.Count | Should -Be 4
        $chat.History.Role | Should -Be @('user', 'model', 'user', 'model')
        $chat.History[1].Parts[0].FunctionCall.Name | Should -Be 'Get-TestStock'
        $chat.History[2].Parts[0].FunctionResponse.Name | Should -Be 'Get-TestStock'
        $chat.History[3].Text | Should -Be $reply.Text

        $null = Send-ChatMessage $chat 'Thanks!'
        $chat.History.Count | Should -Be 6
        (@(Get-EmulatorRequest $emulator)[-1].body | ConvertFrom-Json).contents.Count | Should -Be 5
    }

    It 'refuses a command that needs confirmation; the chat goes on with the refusal in its history' {
        $chat = Start-ChatSession -Model gemini-2.5-flash -Tool (Get-Command Remove-TestStock) -AutomaticFunctionCalling
        $reply = Send-ChatMessage $chat 'Call Remove-TestStock with Product=tables' -WarningAction SilentlyContinue
        $global:GenAITestRemoved | Should -BeNullOrEmpty
        $reply.Text | Should -Be 'Function Remove-TestStock returned {"error":"The user declined to run Remove-TestStock; it was not run."}'
        $chat.History.Count | Should -Be 4

        $reply = Send-ChatMessage $chat 'Call Remove-TestStock with Product=tables' -Force
        $global:GenAITestRemoved | Should -Be 'tables'
        $chat.History.Count | Should -Be 8
    }

    It 'continues an exported session with its commands re-attached through Start-ChatSession -History -Tool' {
        $chat = Start-ChatSession -Model gemini-2.5-flash -Tool (Get-Command Get-TestStock) -AutomaticFunctionCalling
        $null = Send-ChatMessage $chat 'How many? Use Get-TestStock with Product=chairs'
        $file = Join-Path $TestDrive 'stock-chat.json'
        Export-ChatSession $chat -Path $file

        $saved = Import-ChatSession $file
        $resumed = Start-ChatSession -Model $saved.Model -History $saved.History -Tool (Get-Command Get-TestStock) -AutomaticFunctionCalling
        $reply = Send-ChatMessage $resumed 'And now? Use Get-TestStock with Product=desks'
        $reply.Text | Should -Be 'Function Get-TestStock returned {"Product":"desks","InStock":12}'
        $resumed.History.Count | Should -Be 8
    }

    It 'can be switched off for one message, returning the call itself' {
        $chat = Start-ChatSession -Model gemini-2.5-flash -Tool (Get-Command Get-TestStock) -AutomaticFunctionCalling
        $reply = Send-ChatMessage $chat 'Use Get-TestStock with Product=desks' -AutomaticFunctionCalling:$false
        $reply.FunctionCalls[0].Name | Should -Be 'Get-TestStock'
        $chat.History.Count | Should -Be 2
        @(Get-EmulatorRequest $emulator).Count | Should -Be 1
    }

    It 'can be switched on for one message of a session without it' {
        $chat = Start-ChatSession -Model gemini-2.5-flash
        $reply = Send-ChatMessage $chat 'Use Get-TestStock with Product=lamps' -Tool (Get-Command Get-TestStock) -AutomaticFunctionCalling
        $reply.Text | Should -Match 'InStock'
        $chat.History.Count | Should -Be 4
    }

    It 'refuses -Stream while automatic function calling is on, leaving the history alone' {
        $chat = Start-ChatSession -Model gemini-2.5-flash -Tool (Get-Command Get-TestStock) -AutomaticFunctionCalling
        { Send-ChatMessage $chat 'hi' -Stream -ErrorAction Stop } |
            Should -Throw -ErrorId 'GenAI.FunctionCallingNotStreamable,GenAI.PowerShell.Commands.SendChatMessageCommand'
        $chat.History.Count | Should -Be 0
        $chunks = @(Send-ChatMessage $chat 'streamed anyway' -Stream -AutomaticFunctionCalling:$false)
        $chunks.Count | Should -BeGreaterThan 1
    }

    It 'writes the reply as objects with -AsObject and keeps the turn' {
        $chat = Start-ChatSession -Model gemini-2.5-flash -ResponseSchema @{ type = 'object'; properties = @{ answer = 'string' } }
        $answer = Send-ChatMessage $chat 'Answer in JSON' -AsObject
        $answer.answer | Should -Be 'string'
        $chat.History.Count | Should -Be 2
    }
}
