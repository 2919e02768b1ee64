using System;
using System.Security.Cryptography;
using System.Text;
using System.Threading;

namespace GenAI.Emulator.Engine.Generation;

/// <summary>responseId values that look like the service's (23 base64url characters) but follow a per-engine counter.</summary>
internal sealed class ResponseIds
{
    private long _counter;

    public string Next()
    {
        long n = Interlocked.Increment(ref _counter);
        byte[] hash = SHA256.HashData(Encoding.ASCII.GetBytes("genai-emulator-response-" + n));
        return Convert.ToBase64String(hash, 0, 17).TrimEnd('=').Replace('+', '-').Replace('/', '_')[..23];
    }
}
