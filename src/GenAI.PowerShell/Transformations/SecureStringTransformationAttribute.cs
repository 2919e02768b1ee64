using System.Management.Automation;
using System.Security;

namespace GenAI.PowerShell.Transformations
{
    /// <summary>Accepts a plain string where a SecureString is expected (scripts reading keys from files or vaults).</summary>
    public sealed class SecureStringTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var value = inputData is PSObject ps ? ps.BaseObject : inputData;
            if (value is SecureString secure) return secure;
            if (value is string text)
            {
                var result = new SecureString();
                foreach (char c in text.Trim()) result.AppendChar(c);
                result.MakeReadOnly();
                return result;
            }
            throw new ArgumentTransformationMetadataException("-ApiKey takes a SecureString (Read-Host -AsSecureString) or a string.");
        }
    }
}
