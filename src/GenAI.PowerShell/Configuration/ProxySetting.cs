using System;
using System.Net;
using GenAI.Core.Transport;
using GenAI.PowerShell.Errors;

namespace GenAI.PowerShell.Configuration
{
    /// <summary>
    /// How the module reaches the network: the environment's proxy (default: <c>HTTPS_PROXY</c>/<c>NO_PROXY</c>
    /// and friends, else the system's), an explicit proxy with optional credentials, or no proxy at all.
    /// </summary>
    internal sealed class ProxySetting
    {
        public static readonly ProxySetting Environment = new ProxySetting(ProxyMode.Environment, null, null);
        public static readonly ProxySetting Direct = new ProxySetting(ProxyMode.Direct, null, null);

        private ProxySetting(ProxyMode mode, Uri? address, NetworkCredential? credential)
        {
            Mode = mode;
            Address = address;
            Credential = credential;
        }

        public static ProxySetting Explicit(Uri address, NetworkCredential? credential)
        {
            if (address == null) throw new ArgumentNullException(nameof(address));
            // Credentials in the URL (http://user:password@proxy:3128) become the proxy credential (an explicit one wins):
            // the address kept, shown by Get-GenAIConfiguration, saved by -Persist or quoted in an error, never holds a password.
            if (address.IsAbsoluteUri && address.UserInfo.Length > 0)
            {
                string[] parts = address.UserInfo.Split(new[] { ':' }, 2);
                credential ??= new NetworkCredential(Uri.UnescapeDataString(parts[0]), parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : "");
                address = WithoutUserInfo(address);
            }
            if (!address.IsAbsoluteUri || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps))
                throw new Core.Errors.ConfigurationException(PowerShellErrorCodes.InvalidProxy, $"The proxy '{address}' is not an absolute http:// or https:// URI.",
                    "Pass the proxy as a full URI, e.g. -Proxy http://proxy.contoso.com:3128.");
            return new ProxySetting(ProxyMode.Explicit, address, credential);
        }

        /// <summary><paramref name="address"/> without any user name or password in it.</summary>
        public static Uri WithoutUserInfo(Uri address) =>
            address.IsAbsoluteUri && address.UserInfo.Length > 0 ? new UriBuilder(address) { UserName = "", Password = "" }.Uri : address;

        public ProxyMode Mode { get; }

        public Uri? Address { get; }

        public NetworkCredential? Credential { get; }

        /// <summary>The proxy a new client uses; null leaves the choice to .NET (the system proxy).</summary>
        // Do not set WebProxy.UseDefaultCredentials: setting it (even to false) replaces Credentials.
        public IWebProxy? Create() => Mode switch
        {
            ProxyMode.Explicit => new WebProxy(Address!) { BypassProxyOnLocal = false, Credentials = Credential },
            ProxyMode.Direct => new WebProxy(),   // no address: every destination is bypassed
            _ => EnvironmentProxy.FromEnvironment(),
        };

        /// <summary>For Get-GenAIConfiguration: the proxy in effect and where it comes from (never a password).</summary>
        public (string Proxy, string Source) Describe()
        {
            switch (Mode)
            {
                case ProxyMode.Explicit:
                    string user = Credential == null ? "" : $" (as {Credential.UserName})";
                    return (Address!.AbsoluteUri + user, "Set-GenAIConfiguration");
                case ProxyMode.Direct:
                    return ("(none)", "Set-GenAIConfiguration -NoProxy");
                default:
                    var environment = EnvironmentProxy.FromEnvironment();
                    return environment == null ? ("(system)", "default") : (environment.Description, "environment");
            }
        }

        /// <summary>Changes when the proxy a client would use changes (the environment is read again each time).</summary>
        public string Fingerprint()
        {
            string credential = Credential == null ? "" : Credential.UserName + ":" + KeyMask.Fingerprint(Credential.Password ?? "");
            string environment = Mode == ProxyMode.Environment ? EnvironmentProxy.FromEnvironment()?.Fingerprint ?? "" : "";
            return $"{Mode}|{Address?.AbsoluteUri}|{credential}|{environment}";
        }
    }

    internal enum ProxyMode
    {
        Environment,
        Explicit,
        Direct,
    }
}
