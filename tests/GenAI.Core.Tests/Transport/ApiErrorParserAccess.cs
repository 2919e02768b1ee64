using GenAI.Core.Errors;

namespace GenAI.Core.Tests.Transport
{
    internal static class ApiErrorParserAccess
    {
        public static ApiException Parse(int status, string body) => GenAI.Core.Transport.ApiErrorParser.Parse(status, body, null);
    }
}
