using System;

namespace GenAI.Emulator.Engine.Errors;

/// <summary>Thrown by the engine when a request must fail with an API error before any output.</summary>
public sealed class ApiException : Exception
{
    public ApiException(ApiError error)
        : base(error.ToString())
    {
        Error = error;
    }

    public ApiError Error { get; }
}

/// <summary>Thrown by the engine when the transport must drop the connection without answering.</summary>
public sealed class ConnectionAbortException : Exception
{
    public ConnectionAbortException()
        : base("The emulator scenario requested a connection abort.")
    {
    }
}
