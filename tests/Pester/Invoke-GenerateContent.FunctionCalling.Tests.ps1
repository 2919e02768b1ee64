# Parameter types of the tool below (classes are defined when the file is parsed, so every block sees them).
enum ToolPriority { Low; High }
class ToolStop {
    [string] $City
    [Nullable[int]] $Nights
    [ToolPriority] $Priority
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:emulator = Initialize-GenAITest
    function script:Get-LastBody { (@(Get-EmulatorRequest $emulator)[-1].body | ConvertFrom-Json) }

    function Get-TestWeather {
        <#
        .SYNOPSIS
        Gets the current weather for a city.
        .PARAMETER City
        The name of the city.
        #>
        [CmdletBinding(DefaultParameterSetName = 'ByCity')]
        param(
            [Parameter(Mandatory, ParameterSetName = 'ByCity')] [string] $City,
            [Parameter(ParameterSetName = 'ByCity')] [ValidateSet('Celsius', 'Fahrenheit')] [string] $Unit = 'Celsius',
            [Parameter(ParameterSetName = 'ByCity')] [int] $Days,
            [Parameter(Mandatory, ParameterSetName = 'ByCoordinates')] [double] $Latitude
        )
        [pscustomobject]@{ City = $City; Temperature = 21; Unit = $Unit }
    }

    function Set-TestThermostat {
        [CmdletBinding(SupportsShouldProcess)]
        param([Parameter(Mandatory, HelpMessage = 'Target temperature in degrees.')] [int] $Degrees)
        $global:GenAITestThermostat = $Degrees
        "Thermostat set to $Degrees"
    }

    function New-TestTrip {
        <#
        .SYNOPSIS
        Plans a trip.
        .PARAMETER Options
        Free-form booking options.
        #>
        param(
            [Parameter(Mandatory)] [ToolStop] $Start,
            [ToolStop[]] $Stops,
            [hashtable] $Options,
            [pscustomobject] $Traveller,
            [System.IO.FileInfo] $Itinerary,
            [scriptblock] $Filter
        )
        "Start $($Start.GetType().Name) $($Start.City); stops $(@($Stops).Count) of $(if ($Stops) { $Stops[0].GetType().Name }); options $(if ($Options) { $Options.GetType().Name })"
    }

    function Get-TestSettings {
        <# .SYNOPSIS Shows the settings (including, carelessly, the API key). #>
        param()
        [pscustomobject]@{ Endpoint = $emulator.BaseUri; ApiKey = $emulator.ApiKey; Note = "key=$($emulator.ApiKey)" }
    }

    function Get-TestFailure {
        param([string] $Reason)
        throw "boom: $Reason"
    }
}

AfterAll {
    Remove-Variable -Name GenAITestThermostat -Scope Global -ErrorAction SilentlyContinue
    $emulator | Stop-EmulatorProcess
}

Describe 'Function declarations from PowerShell commands' {
    BeforeEach { Clear-EmulatorRequest $emulator }

    It 'declares the default parameter set: types, mandatory, ValidateSet, help' {
        $null = Invoke-GenerateContent 'no call here' -Model gemini-2.5-flash -Tool (Get-Command Get-TestWeather, Set-TestThermostat)
        $declarations = (Get-LastBody).tools[0].functionDeclarations
        $declarations.name | Should -Be @('Get-TestWeather', 'Set-TestThermostat')
        $weather = $declarations[0]
        $weather.description | Should -Be 'Gets the current weather for a city.'
        $weather.parameters.type | Should -Be 'OBJECT'
        $weather.parameters.properties.PSObject.Properties.Name | Should -Be @('City', 'Unit', 'Days')
        $weather.parameters.properties.City.type | Should -Be 'STRING'
        $weather.parameters.properties.City.description | Should -Be 'The name of the city.'
        $weather.parameters.properties.Unit.enum | Should -Be @('Celsius', 'Fahrenheit')
        $weather.parameters.properties.Days.type | Should -Be 'INTEGER'
        $weather.parameters.required | Should -Be 'City'
        $declarations[1].parameters.properties.Degrees.description | Should -Be 'Target temperature in degrees.'
    }

    It 'describes hashtable, [pscustomobject], class and array-of-class parameters, and warns of one it cannot describe' {
        $null = Invoke-GenerateContent 'no call here' -Model gemini-2.5-flash -Tool (Get-Command New-TestTrip) -WarningVariable warnings -WarningAction SilentlyContinue
        $parameters = (Get-LastBody).tools[0].functionDeclarations[0].parameters
        $parameters.properties.PSObject.Properties.Name | Should -Be @('Start', 'Stops', 'Options', 'Traveller', 'Itinerary')
        $start = $parameters.properties.Start
        $start.type | Should -Be 'OBJECT'
        $start.properties.PSObject.Properties.Name | Should -Be @('City', 'Nights', 'Priority')
        $start.properties.Nights.nullable | Should -BeTrue
        $start.properties.Priority.enum | Should -Be @('Low', 'High')
        $start.required | Should -Be @('City', 'Priority')
        $parameters.properties.Stops.type | Should -Be 'ARRAY'
        $parameters.properties.Stops.items.type | Should -Be 'OBJECT'
        $parameters.properties.Stops.items.properties.City.type | Should -Be 'STRING'
        $parameters.properties.Options.type | Should -Be 'OBJECT'
        $parameters.properties.Options.description | Should -Be 'Free-form booking options.'
        $parameters.properties.Traveller.type | Should -Be 'OBJECT'
        $parameters.properties.Itinerary.type | Should -Be 'STRING'
        $parameters.required | Should -Be 'Start'
        @($warnings).Count | Should -Be 1
        "$($warnings[0])" | Should -BeLike '*New-TestTrip*-Filter*ScriptBlock*'
    }

    It 'passes the model''s objects to such parameters as instances of their types' {
        $reply = Invoke-GenerateContent 'Call New-TestTrip' -Model gemini-2.5-flash -Tool (Get-Command New-TestTrip) -AutomaticFunctionCalling -Force -WarningAction SilentlyContinue
        $reply.Text | Should -BeLike 'Function New-TestTrip returned *Start ToolStop *'
    }

    It 'declares cmdlets too, leaving out the common parameters' {
        $model = New-GenAIModel gemini-2.5-flash -Tool (Get-Command Get-Date)
        $declaration = $model.Tools[0].FunctionDeclarations[0]
        $declaration.Name | Should -Be 'Get-Date'
        $properties = ($declaration.Parameters.GetRawText() | ConvertFrom-Json).properties.PSObject.Properties.Name
        $properties | Should -Contain 'Format'
        $properties | Should -Not -Contain 'Verbose'
        $properties | Should -Not -Contain 'ErrorAction'
    }
}

Describe 'Invoke-GenerateContent -AutomaticFunctionCalling' {
    BeforeEach {
        Clear-EmulatorRequest $emulator
        $global:GenAITestThermostat = $null
    }

    It 'runs the command the model calls and answers from its result' {
        $output = Invoke-GenerateContent 'Call Get-TestWeather for City=Paris' -Model gemini-2.5-flash -Tool (Get-Command Get-TestWeather) -AutomaticFunctionCalling -Verbose 4>&1
        $reply = $output | Where-Object { $_ -is [GenAI.Core.Protocol.GenerateContentResponse] }
        $verbose = ($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message
        $reply.Text | Should -Be 'Function Get-TestWeather returned {"City":"Paris","Temperature":21,"Unit":"Celsius"}'
        $verbose | Should -Contain "The model called Get-TestWeather -City 'Paris' -Unit 'Celsius' -Days 1"
        $verbose | Should -Contain 'Get-TestWeather returned 1 object(s).'

        $requests = @(Get-EmulatorRequest $emulator)
        $requests.Count | Should -Be 2
        $second = $requests[1].body | ConvertFrom-Json
        $second.contents.role | Should -Be @('user', 'model', 'user')
        $second.contents[1].parts[0].functionCall.name | Should -Be 'Get-TestWeather'
        $second.contents[2].parts[0].functionResponse.response.City | Should -Be 'Paris'
    }

    It 'never sends the configured key back to the model in a function result' {
        Clear-EmulatorRequest $emulator
        $reply = Invoke-GenerateContent 'Call Get-TestSettings' -Model gemini-2.5-flash -Tool (Get-Command Get-TestSettings) -AutomaticFunctionCalling
        $requests = @(Get-EmulatorRequest $emulator)
        $requests.Count | Should -Be 2
        $requests[1].body | Should -Not -Match ([regex]::Escape($emulator.ApiKey))
        $result = ($requests[1].body | ConvertFrom-Json).contents[2].parts[0].functionResponse.response
        $result.ApiKey | Should -Be '***'
        $result.Note | Should -Be 'key=***'
        $reply.Text | Should -Not -Match ([regex]::Escape($emulator.ApiKey))
    }

    It 'shows a retry of the turn as it happens, before the command the reply asks for runs' {
        $model = "fault-503x2-$([guid]::NewGuid().ToString('n').Substring(0, 8))"
        $output = Invoke-GenerateContent 'Call Get-TestWeather for City=Oslo' -Model $model -Tool (Get-Command Get-TestWeather) -AutomaticFunctionCalling -Verbose 4>&1
        $verbose = @(($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message)
        $retries = @(0..($verbose.Count - 1) | Where-Object { $verbose[$_] -match 'Retry \d of' })
        $called = [array]::IndexOf($verbose, "The model called Get-TestWeather -City 'Oslo' -Unit 'Celsius' -Days 1")
        $retries.Count | Should -Be 2
        $called | Should -BeGreaterThan $retries[-1]
        ($output | Where-Object { $_ -is [GenAI.Core.Protocol.GenerateContentResponse] }).Text | Should -Match '^Function Get-TestWeather returned'
    }

    It 'refuses to run a command with side effects without confirmation, and tells the model' {
        $output = Invoke-GenerateContent 'Call Set-TestThermostat with Degrees=25' -Model gemini-2.5-flash -Tool (Get-Command Set-TestThermostat) -AutomaticFunctionCalling 3>&1
        $warning = $output | Where-Object { $_ -is [System.Management.Automation.WarningRecord] }
        $reply = $output | Where-Object { $_ -is [GenAI.Core.Protocol.GenerateContentResponse] }
        $global:GenAITestThermostat | Should -BeNullOrEmpty
        $warning.Message | Should -Match 'Set-TestThermostat needs confirmation'
        $reply.Text | Should -Be 'Function Set-TestThermostat returned {"error":"The user declined to run Set-TestThermostat; it was not run."}'
    }

    It 'runs it with -Force or -Confirm:$false' {
        $reply = Invoke-GenerateContent 'Call Set-TestThermostat with Degrees=25' -Model gemini-2.5-flash -Tool (Get-Command Set-TestThermostat) -AutomaticFunctionCalling -Force
        $global:GenAITestThermostat | Should -Be 25
        $reply.Text | Should -Be 'Function Set-TestThermostat returned {"result":"Thermostat set to 25"}'
        $global:GenAITestThermostat = $null
        $null = Invoke-GenerateContent 'Call Set-TestThermostat with Degrees=19' -Model gemini-2.5-flash -Tool (Get-Command Set-TestThermostat) -AutomaticFunctionCalling -Confirm:$false
        $global:GenAITestThermostat | Should -Be 19
    }

    It 'asks even for read-only commands with -Confirm (declined here: the session cannot ask)' {
        $reply = Invoke-GenerateContent 'Call Get-TestWeather for City=Oslo' -Model gemini-2.5-flash -Tool (Get-Command Get-TestWeather) -AutomaticFunctionCalling -Confirm -WarningAction SilentlyContinue
        $reply.Text | Should -Be 'Function Get-TestWeather returned {"error":"The user declined to run Get-TestWeather; it was not run."}'
    }

    It 'runs nothing with -WhatIf' {
        $whatIf = Invoke-WithCapturedHost {
            param($definition)
            ${function:Get-TestWeather} = [scriptblock]::Create($definition)
            $reply = Invoke-GenerateContent 'Call Get-TestWeather for City=Oslo' -Model gemini-2.5-flash -Tool (Get-Command Get-TestWeather) -AutomaticFunctionCalling -WhatIf
            Write-Host "Reply: $($reply.Text)"
        } -ArgumentList ${function:Get-TestWeather}.ToString()
        ($whatIf -join "`n") | Should -Match '(?m)^What if: Performing the operation "Run the command the model asked for" on target "Get-TestWeather -City .Oslo.'
        $whatIf | Should -Contain 'Reply: Function Get-TestWeather returned {"error":"Get-TestWeather was not run (-WhatIf)."}'
    }

    It 'sends a failing command''s error to the model and warns' {
        $output = Invoke-GenerateContent 'Call Get-TestFailure with Reason=disk' -Model gemini-2.5-flash -Tool (Get-Command Get-TestFailure) -AutomaticFunctionCalling 3>&1
        $reply = $output | Where-Object { $_ -is [GenAI.Core.Protocol.GenerateContentResponse] }
        $reply.Text | Should -Be 'Function Get-TestFailure returned {"error":"Get-TestFailure failed: boom: disk"}'
        ($output | Where-Object { $_ -is [System.Management.Automation.WarningRecord] }).Message | Should -Match 'Get-TestFailure failed: boom: disk'
    }

    It 'uses the model''s tools and leaves declaration-only functions to the caller' {
        $model = New-GenAIModel gemini-2.5-flash -Tool (Get-Command Get-TestWeather), @{ name = 'book_flight'; parameters = @{ to = 'string' } }
        $reply = Invoke-GenerateContent 'Call Get-TestWeather for City=Rome' -Model $model -AutomaticFunctionCalling
        $reply.Text | Should -Match 'Function Get-TestWeather returned'
        $reply = Invoke-GenerateContent 'Please book_flight to=Rome' -Model $model -AutomaticFunctionCalling
        $reply.FunctionCalls[0].Name | Should -Be 'book_flight'
        @(Get-EmulatorRequest $emulator).Count | Should -Be 3
    }

    It 'cannot be combined with -Stream' {
        { Invoke-GenerateContent 'x' -Tool (Get-Command Get-TestWeather) -AutomaticFunctionCalling -Stream -ErrorAction Stop } |
            Should -Throw -ErrorId 'GenAI.FunctionCallingNotStreamable,GenAI.PowerShell.Commands.InvokeGenerateContentCommand'
        @(Get-EmulatorRequest $emulator).Count | Should -Be 0
    }
}
