using System;
using System.Net;
using GenAI.Core.Errors;

namespace GenAI.Core.Transport
{
    /// <summary>Validates the service endpoint: https anywhere, plain http only to this machine.</summary>
    public static class Endpoint
    {
        public static readonly Uri Default = new Uri("https://generativelanguage.googleapis.com/");

        public static Uri Validate(Uri uri)
        {
            if (uri == null) throw new ArgumentNullException(nameof(uri));
            if (!uri.IsAbsoluteUri)
                throw new ConfigurationException(ErrorCodes.InvalidEndpoint, $"The endpoint '{uri}' is not an absolute URI.", "Pass a full URI such as https://generativelanguage.googleapis.com.");
            if (uri.Scheme == Uri.UriSchemeHttps) return EnsureTrailingSlash(uri);
            if (uri.Scheme == Uri.UriSchemeHttp)
            {
                if (IsLoopback(uri)) return EnsureTrailingSlash(uri);
                throw new ConfigurationException(ErrorCodes.InsecureEndpoint,
                    $"Plain http:// is only allowed for this machine (localhost, 127.0.0.0/8, ::1); '{uri.Host}' is not. The API key would travel unencrypted.",
                    "Use an https:// endpoint, or a loopback address for a local emulator.");
            }
            throw new ConfigurationException(ErrorCodes.InvalidEndpoint, $"The endpoint scheme '{uri.Scheme}' is not supported.", "Use an https:// endpoint.");
        }

        public static bool IsLoopback(Uri uri)
        {
            if (uri.IsLoopback) return true;
            string host = uri.Host.Trim('[', ']');
            return IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address);
        }

        private static Uri EnsureTrailingSlash(Uri uri) =>
            uri.AbsoluteUri.EndsWith("/", StringComparison.Ordinal) ? uri : new Uri(uri.AbsoluteUri + "/");
    }
}
