using Grpc.Core;

namespace DynaSplit.OpenInference.Transport;

/// <summary>A stage could not run on a remote tier: the server refused it, failed, or could not be reached in time.</summary>
public sealed class RemoteStageException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RemoteStageException(string message, StatusCode statusCode, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
    }

    /// <summary>The gRPC status the call ended with (Unavailable when the circuit was open, DeadlineExceeded on a timeout).</summary>
    public StatusCode StatusCode { get; }

    /// <summary>
    /// True when the tier was unreachable, busy or too slow (UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED from a
    /// full queue, an open circuit): the same request may succeed elsewhere or later, so a fallback may serve it. False
    /// for a request the server rejected as wrong (INVALID_ARGUMENT, NOT_FOUND, UNAUTHENTICATED...).
    /// </summary>
    public bool IsTransient => StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.ResourceExhausted or StatusCode.Aborted;

    /// <summary>Creates the exception for a failed call.</summary>
    public RemoteStageException() : this("The remote stage failed.", StatusCode.Unknown)
    {
    }

    /// <summary>Creates the exception for a failed call.</summary>
    public RemoteStageException(string message) : this(message, StatusCode.Unknown)
    {
    }

    /// <summary>Creates the exception for a failed call.</summary>
    public RemoteStageException(string message, Exception innerException) : this(message, StatusCode.Unknown, innerException)
    {
    }
}
