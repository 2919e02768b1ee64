<#
.SYNOPSIS
    Writes the module's MAML help (GenAI.PowerShell.dll-Help.xml) from docs/help/<Verb-Noun>.md and the built cmdlets' metadata.
.DESCRIPTION
    Run by build.ps1 in a child PowerShell (importing the module locks its DLL, which the build process must not do).
    Prose comes from the markdown pages (SYNOPSIS, DESCRIPTION, PARAMETERS, EXAMPLES, INPUTS, OUTPUTS, NOTES,
    RELATED LINKS); everything the compiler knows (parameter sets, types, positions, pipeline input, wildcards,
    aliases) comes from Get-Command, so it cannot drift from the code. The MAML follows platyPS's shape.
    A cmdlet without a page gets no entry (and Help.Tests.ps1 fails for it); a page section that is missing stays empty.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $MarkdownPath,
    [Parameter(Mandatory)] [string[]] $OutputPath
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$mamlNs = 'http://schemas.microsoft.com/maml/2004/10'
$commandNs = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$devNs = 'http://schemas.microsoft.com/maml/dev/2004/10'
$commonParameters = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
$shouldProcessText = @{
    WhatIf  = 'Shows what would happen if the cmdlet runs. The cmdlet is not run.'
    Confirm = 'Prompts you for confirmation before running the cmdlet.'
}

function Read-HelpPage([string] $Path) {
    $page = [ordered]@{ Synopsis = ''; Description = @(); Parameters = @{}; Examples = @(); Inputs = @(); Outputs = @(); Notes = @(); Links = @() }
    $section = $null; $sub = $null; $buffer = [System.Collections.Generic.List[string]]::new()
    $lines = (Get-Content -Raw -Encoding utf8 $Path) -split "\r?\n"
    $inCode = $false; $code = $null

    $flush = {
        $text = @($buffer)
        $buffer.Clear()
        switch ($section) {
            'SYNOPSIS' { $page.Synopsis = (($text | Where-Object { $_.Trim() }) -join ' ').Trim() }
            'DESCRIPTION' { $page.Description = ConvertTo-Paragraph $text }
            'PARAMETERS' { if ($sub) { $page.Parameters[$sub.TrimStart('-')] = ConvertTo-Paragraph $text } }
            'EXAMPLES' { if ($sub) { $page.Examples += [pscustomobject]@{ Title = $sub; Code = $script:exampleCode; Remarks = ConvertTo-Paragraph $text } } }
            'INPUTS' { if ($sub) { $page.Inputs += [pscustomobject]@{ Type = $sub; Description = ConvertTo-Paragraph $text } } }
            'OUTPUTS' { if ($sub) { $page.Outputs += [pscustomobject]@{ Type = $sub; Description = ConvertTo-Paragraph $text } } }
            'NOTES' { $page.Notes = ConvertTo-Paragraph $text }
            'RELATED LINKS' {
                foreach ($line in $text) {
                    if ($line -match '^\s*[-*]\s*\[(?<text>[^\]]+)\]\((?<uri>[^)]*)\)') { $page.Links += [pscustomobject]@{ Text = $Matches.text; Uri = $Matches.uri } }
                    elseif ($line -match '^\s*[-*]\s*(?<text>\S.*)$') { $page.Links += [pscustomobject]@{ Text = $Matches.text.Trim(); Uri = '' } }
                }
            }
        }
        $script:exampleCode = ''
    }

    $script:exampleCode = ''
    foreach ($line in $lines) {
        if ($inCode) {
            if ($line -match '^```') {
                $inCode = $false
                # The first block of an example is its code; later ones (```output) are shown verbatim among the remarks.
                if (-not $script:exampleCode) { $script:exampleCode = ($code -join "`n").TrimEnd() }
                else { $buffer.Add("`0" + ($code -join "`n").TrimEnd()) }
                continue
            }
            $code.Add($line); continue
        }
        if ($line -match '^```' -and $section -eq 'EXAMPLES') { $inCode = $true; $code = [System.Collections.Generic.List[string]]::new(); continue }
        if ($line -match '^# ') { continue }
        if ($line -match '^\s*<!--.*-->\s*$') { continue }   # notes for the repository (e.g. "not run by tests"), not for readers
        if ($line -match '^## (?<name>.+)$') { & $flush; $section = $Matches.name.Trim().ToUpperInvariant(); $sub = $null; continue }
        if ($line -match '^### (?<name>.+)$') { & $flush; $sub = $Matches.name.Trim(); continue }
        $buffer.Add($line)
    }
    & $flush
    return $page
}

# Blank lines separate paragraphs; list items and indented lines keep their own paragraph.
function ConvertTo-Paragraph([string[]] $Lines) {
    $paragraphs = [System.Collections.Generic.List[string]]::new()
    $current = [System.Collections.Generic.List[string]]::new()
    $inItem = $false
    foreach ($line in $Lines) {
        if ($line.Length -gt 0 -and $line[0] -eq [char]0) {
            if ($current.Count) { $paragraphs.Add($current -join ' '); $current.Clear() }
            $paragraphs.Add($line.Substring(1)); continue
        }
        if (-not $line.Trim()) { if ($current.Count) { $paragraphs.Add($current -join ' '); $current.Clear() }; $inItem = $false; continue }
        if ($line -match '^\s*([-*]|\d+\.)\s') {
            if ($current.Count) { $paragraphs.Add($current -join ' '); $current.Clear() }
            $paragraphs.Add($line.TrimEnd()); $inItem = $true; continue
        }
        if ($inItem -and $line -match '^\s+\S') { $paragraphs[$paragraphs.Count - 1] += ' ' + $line.Trim(); continue }   # a list item's next line
        if ($line -match '^\s{4}') {
            if ($current.Count) { $paragraphs.Add($current -join ' '); $current.Clear() }
            $paragraphs.Add($line.TrimEnd()); continue
        }
        $inItem = $false
        $current.Add($line.Trim())
    }
    if ($current.Count) { $paragraphs.Add($current -join ' ') }
    # Markdown emphasis and code marks read as noise in a console.
    return @($paragraphs | ForEach-Object { $_ -replace '`([^`]+)`', '$1' -replace '\*\*([^*]+)\*\*', '$1' })
}

function Write-Para([System.Xml.XmlWriter] $Writer, [string[]] $Paragraphs) {
    $Writer.WriteStartElement('maml', 'description', $mamlNs)
    foreach ($paragraph in @($Paragraphs | Where-Object { $_ })) { $Writer.WriteElementString('maml', 'para', $mamlNs, $paragraph) }
    $Writer.WriteEndElement()
}

function Get-PipelineInput($Sets) {
    $byValue = [bool](@($Sets | Where-Object ValueFromPipeline).Count)
    $byName = [bool](@($Sets | Where-Object ValueFromPipelineByPropertyName).Count)
    if ($byValue -and $byName) { return 'True (ByValue, ByPropertyName)' }
    if ($byValue) { return 'True (ByValue)' }
    if ($byName) { return 'True (ByPropertyName)' }
    return 'False'
}

function Get-TypeName([type] $Type) {
    if ($Type.IsGenericType -and $Type.GetGenericTypeDefinition() -eq [Nullable`1]) { $Type = $Type.GetGenericArguments()[0] }
    return $Type.Name
}

function Write-Parameter([System.Xml.XmlWriter] $Writer, $Parameter, $SetMetadata, [string[]] $Description, [bool] $InSyntax) {
    $sets = @($SetMetadata)
    $required = @($sets | Where-Object { -not $_.IsMandatory }).Count -eq 0
    $position = @($sets | Where-Object { $_.Position -ge 0 } | ForEach-Object Position) | Select-Object -First 1
    $globbing = [bool](@($Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] }).Count)
    $Writer.WriteStartElement('command', 'parameter', $commandNs)
    $Writer.WriteAttributeString('required', $required.ToString().ToLowerInvariant())
    $Writer.WriteAttributeString('variableLength', $Parameter.ParameterType.IsArray.ToString().ToLowerInvariant())
    $Writer.WriteAttributeString('globbing', $globbing.ToString().ToLowerInvariant())
    $Writer.WriteAttributeString('pipelineInput', (Get-PipelineInput $sets))
    $Writer.WriteAttributeString('position', $(if ($null -ne $position) { [string]$position } else { 'named' }))
    $Writer.WriteAttributeString('aliases', $(if ($Parameter.Aliases.Count) { $Parameter.Aliases -join ', ' } else { 'none' }))
    $Writer.WriteElementString('maml', 'name', $mamlNs, $Parameter.Name)
    if (-not $InSyntax) { Write-Para $Writer $Description }
    $isSwitch = $Parameter.ParameterType -eq [switch]
    if (-not ($isSwitch -and $InSyntax)) {   # a switch reads [-Name] in the syntax, [-Name [<SwitchParameter>]] in the list
        $Writer.WriteStartElement('command', 'parameterValue', $commandNs)
        $Writer.WriteAttributeString('required', (-not $isSwitch).ToString().ToLowerInvariant())
        $Writer.WriteAttributeString('variableLength', $Parameter.ParameterType.IsArray.ToString().ToLowerInvariant())
        $Writer.WriteString((Get-TypeName $Parameter.ParameterType))
        $Writer.WriteEndElement()
    }
    $Writer.WriteStartElement('dev', 'type', $devNs)
    $Writer.WriteElementString('maml', 'name', $mamlNs, $Parameter.ParameterType.FullName)
    $Writer.WriteElementString('maml', 'uri', $mamlNs, '')
    $Writer.WriteEndElement()
    $validateSet = $Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] } | Select-Object -First 1
    if ($validateSet -and -not $InSyntax) {
        $Writer.WriteStartElement('command', 'parameterValueGroup', $commandNs)
        foreach ($value in $validateSet.ValidValues) {
            $Writer.WriteStartElement('command', 'parameterValue', $commandNs)
            $Writer.WriteAttributeString('required', 'false'); $Writer.WriteAttributeString('variableLength', 'false')
            $Writer.WriteString($value); $Writer.WriteEndElement()
        }
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()
}

function Write-Command([System.Xml.XmlWriter] $Writer, [System.Management.Automation.CommandInfo] $Command, $Page) {
    $Writer.WriteStartElement('command', 'command', $commandNs)
    $Writer.WriteStartElement('command', 'details', $commandNs)
    $Writer.WriteElementString('command', 'name', $commandNs, $Command.Name)
    $Writer.WriteElementString('command', 'verb', $commandNs, $Command.Verb)
    $Writer.WriteElementString('command', 'noun', $commandNs, $Command.Noun)
    Write-Para $Writer @($Page.Synopsis)
    $Writer.WriteEndElement()
    Write-Para $Writer $Page.Description

    $documented = @($Command.Parameters.Values | Where-Object { $_.Name -notin $commonParameters -or $shouldProcessText.ContainsKey($_.Name) })
    $Writer.WriteStartElement('command', 'syntax', $commandNs)
    foreach ($set in $Command.ParameterSets) {
        $Writer.WriteStartElement('command', 'syntaxItem', $commandNs)
        $Writer.WriteElementString('maml', 'name', $mamlNs, $Command.Name)
        $inSet = @($set.Parameters | Where-Object { $_.Name -notin $commonParameters -or $shouldProcessText.ContainsKey($_.Name) })
        $ordered = @($inSet | Where-Object Position -ge 0 | Sort-Object Position) + @($inSet | Where-Object { $_.Position -lt 0 -and $_.IsMandatory }) + @($inSet | Where-Object { $_.Position -lt 0 -and -not $_.IsMandatory })
        foreach ($parameter in $ordered) {
            # The set's own view of the parameter (mandatory, position, pipeline input in this set).
            Write-Parameter $Writer $Command.Parameters[$parameter.Name] $parameter @() $true
        }
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    $Writer.WriteStartElement('command', 'parameters', $commandNs)
    foreach ($parameter in $documented | Sort-Object Name) {
        $text = if ($Page.Parameters.ContainsKey($parameter.Name)) { $Page.Parameters[$parameter.Name] } elseif ($shouldProcessText.ContainsKey($parameter.Name)) { @($shouldProcessText[$parameter.Name]) } else { @() }
        Write-Parameter $Writer $parameter $parameter.ParameterSets.Values $text $false
    }
    $Writer.WriteEndElement()

    foreach ($kind in @(@{ Element = 'inputTypes'; Item = 'inputType'; Items = $Page.Inputs }, @{ Element = 'returnValues'; Item = 'returnValue'; Items = $Page.Outputs })) {
        $Writer.WriteStartElement('command', $kind.Element, $commandNs)
        foreach ($item in $kind.Items) {
            $Writer.WriteStartElement('command', $kind.Item, $commandNs)
            $Writer.WriteStartElement('dev', 'type', $devNs)
            $Writer.WriteElementString('maml', 'name', $mamlNs, $item.Type)
            $Writer.WriteEndElement()
            Write-Para $Writer $item.Description
            $Writer.WriteEndElement()
        }
        $Writer.WriteEndElement()
    }

    $Writer.WriteStartElement('maml', 'alertSet', $mamlNs)
    $Writer.WriteStartElement('maml', 'alert', $mamlNs)
    foreach ($paragraph in $Page.Notes) { $Writer.WriteElementString('maml', 'para', $mamlNs, $paragraph) }
    $Writer.WriteEndElement()
    $Writer.WriteEndElement()

    $Writer.WriteStartElement('command', 'examples', $commandNs)
    foreach ($example in $Page.Examples) {
        $Writer.WriteStartElement('command', 'example', $commandNs)
        $Writer.WriteElementString('maml', 'title', $mamlNs, "--------- $($example.Title) ---------")
        $Writer.WriteElementString('dev', 'code', $devNs, $example.Code)
        $Writer.WriteStartElement('dev', 'remarks', $devNs)
        foreach ($paragraph in $example.Remarks) { $Writer.WriteElementString('maml', 'para', $mamlNs, $paragraph) }
        $Writer.WriteEndElement()
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    $Writer.WriteStartElement('command', 'relatedLinks', $commandNs)
    foreach ($link in $Page.Links) {
        $Writer.WriteStartElement('maml', 'navigationLink', $mamlNs)
        $Writer.WriteElementString('maml', 'linkText', $mamlNs, $link.Text)
        $Writer.WriteElementString('maml', 'uri', $mamlNs, $link.Uri)
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()
    $Writer.WriteEndElement()
}

$module = Import-Module (Resolve-Path $ModulePath).Path -PassThru -Force
$commands = @(Get-Command -Module $module.Name -CommandType Cmdlet | Sort-Object Name)
$settings = [System.Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [System.Text.UTF8Encoding]::new($false) }
$buffer = [System.IO.MemoryStream]::new()
$writer = [System.Xml.XmlWriter]::Create($buffer, $settings)
$writer.WriteStartDocument()
$writer.WriteStartElement('helpItems', 'http://msh')
$writer.WriteAttributeString('schema', 'maml')
$writer.WriteAttributeString('xmlns', 'maml', $null, $mamlNs)
$writer.WriteAttributeString('xmlns', 'command', $null, $commandNs)
$writer.WriteAttributeString('xmlns', 'dev', $null, $devNs)
$missing = @()
foreach ($command in $commands) {
    $page = Join-Path $MarkdownPath "$($command.Name).md"
    if (-not (Test-Path $page)) { $missing += $command.Name; continue }
    Write-Command $writer $command (Read-HelpPage $page)
}
$writer.WriteEndElement()
$writer.WriteEndDocument()
$writer.Flush()
foreach ($path in $OutputPath) {
    $null = New-Item -ItemType Directory -Force -Path (Split-Path $path)
    [System.IO.File]::WriteAllBytes($path, $buffer.ToArray())
}
Write-Host "Help for $($commands.Count - $missing.Count) cmdlets written to $($OutputPath.Count) place(s)."
if ($missing) { Write-Warning "No help page in $MarkdownPath for: $($missing -join ', ') (Help.Tests.ps1 will fail)." }
