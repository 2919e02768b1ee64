using System.Collections.ObjectModel;
using System.Linq;
using System.Management.Automation;
using System.Security;
using GenAI.Core.Errors;
using GenAI.PowerShell.Errors;

namespace GenAI.PowerShell.Configuration
{
    /// <summary>
    /// An API key kept in a SecretManagement vault, read with <c>Get-Secret</c> in the caller's runspace. The module
    /// does not depend on SecretManagement: the command is looked up when the key is first needed.
    /// </summary>
    internal sealed class ApiKeySecret
    {
        public ApiKeySecret(string name, string? vault)
        {
            Name = name;
            Vault = string.IsNullOrWhiteSpace(vault) ? null : vault;
        }

        public string Name { get; }

        public string? Vault { get; }

        public SecureString? Value { get; private set; }

        public bool IsRead => Value != null;

        public string Source => Vault == null ? $"SecretManagement ({Name})" : $"SecretManagement ({Name} in {Vault})";

        /// <summary>Reads the secret now (pipeline thread of a runspace only); throws a ConfigurationException when it cannot.</summary>
        public void Read()
        {
            using var powerShell = System.Management.Automation.PowerShell.Create(RunspaceMode.CurrentRunspace);
            powerShell.AddCommand("Get-Command").AddParameter("Name", "Get-Secret").AddParameter("ErrorAction", "Ignore");
            if (powerShell.Invoke().Count == 0)
                throw new ConfigurationException(PowerShellErrorCodes.SecretManagementNotInstalled,
                    $"The API key is to come from the secret '{Name}', but Get-Secret is not available: Microsoft.PowerShell.SecretManagement is not installed.",
                    "Install-Module Microsoft.PowerShell.SecretManagement (and a vault extension), or pass the key with Set-GenAIConfiguration -ApiKey.");

            powerShell.Commands.Clear();
            powerShell.AddCommand("Get-Secret").AddParameter("Name", Name).AddParameter("ErrorAction", "Stop");
            if (Vault != null) powerShell.AddParameter("Vault", Vault);
            Collection<PSObject> results;
            try
            {
                results = powerShell.Invoke();
            }
            catch (RuntimeException ex)
            {
                throw new ConfigurationException(PowerShellErrorCodes.ApiKeySecretUnavailable,
                    $"Could not read the API key from the secret '{Name}'{(Vault == null ? "" : $" in vault '{Vault}'")}: {ex.Message}",
                    "Check the name with Get-SecretInfo, unlock the vault if it needs a password, or pass the key with Set-GenAIConfiguration -ApiKey.");
            }

            Value = ToSecureString(results.Select(r => r?.BaseObject).FirstOrDefault())
                ?? throw new ConfigurationException(PowerShellErrorCodes.ApiKeySecretUnavailable,
                    $"The secret '{Name}' is not a string, SecureString or PSCredential, so it cannot be an API key.",
                    "Store the key as a string secret: Set-Secret -Name <name> -Secret (Read-Host -AsSecureString).");
        }

        private static SecureString? ToSecureString(object? value)
        {
            switch (value)
            {
                case SecureString secure:
                    return secure.Length == 0 ? null : secure;
                case PSCredential credential:
                    return credential.Password;
                case string text when text.Trim().Length > 0:
                    var result = new SecureString();
                    foreach (char c in text.Trim()) result.AppendChar(c);
                    result.MakeReadOnly();
                    return result;
                default:
                    return null;
            }
        }
    }
}
