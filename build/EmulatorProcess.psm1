# Starts and stops the bundled Gemini API emulator as a child process (used by the demo and the Pester tests).

function Start-EmulatorProcess {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $ModuleBase,
        [string] $ApiKey = 'emulator-key',
        [string[]] $ExtraArguments = @()
    )
    $dll = Join-Path $ModuleBase 'emulator/GenAI.Emulator.dll'
    if (-not (Test-Path $dll)) { throw "The emulator is missing at '$dll'. Build first: dotnet pwsh ./build.ps1" }
    $info = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($argument in @($dll, '--port', '0', '--api-key', $ApiKey, '--exit-on-stdin-close') + $ExtraArguments) { $info.ArgumentList.Add($argument) }
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardInput = $true
    $info.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($info)
    $deadline = [DateTime]::UtcNow.AddSeconds(30)
    while ([DateTime]::UtcNow -lt $deadline) {
        $line = $process.StandardOutput.ReadLine()
        if ($null -eq $line) { break }
        if ($line -match '^GenAI emulator listening on (http://\S+)') {
            $baseUri = $Matches[1]
            # The gRPC endpoint follows on the next line unless it was turned off.
            $grpcUri = $null
            if ($ExtraArguments -notcontains '--no-grpc' -and ($process.StandardOutput.ReadLine()) -match 'gRPC listening on (http://\S+)') { $grpcUri = $Matches[1] }
            return [pscustomobject]@{ Process = $process; BaseUri = $baseUri; GrpcUri = $grpcUri; ApiKey = $ApiKey }
        }
    }
    if (-not $process.HasExited) { $process.Kill() }
    throw 'The emulator did not report a listening address within 30 seconds.'
}

function Stop-EmulatorProcess {
    [CmdletBinding()]
    param([Parameter(Mandatory, ValueFromPipeline)] $Emulator)
    process {
        if ($Emulator.Process.HasExited) { return }
        $Emulator.Process.StandardInput.Close()
        if (-not $Emulator.Process.WaitForExit(5000)) { $Emulator.Process.Kill() }
    }
}

Export-ModuleMember -Function Start-EmulatorProcess, Stop-EmulatorProcess
