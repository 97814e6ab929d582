using Grpc.Core;

namespace DynaSplit.Serving.Inference;

/// <summary>A request the server cannot serve, with the gRPC status it answers (REST maps it to an HTTP status).</summary>
public sealed class ServingException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ServingException(StatusCode statusCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
    }

    /// <summary>Creates the exception.</summary>
    public ServingException() : this(StatusCode.Internal, "The request failed.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public ServingException(string message) : this(StatusCode.Internal, message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ServingException(string message, Exception innerException) : this(StatusCode.Internal, message, innerException)
    {
    }

    /// <summary>The gRPC status.</summary>
    public StatusCode StatusCode { get; }

    /// <summary>The HTTP status REST answers with.</summary>
    public int HttpStatus => StatusCode switch
    {
        StatusCode.InvalidArgument or StatusCode.FailedPrecondition or StatusCode.OutOfRange => 400,
        StatusCode.Unauthenticated => 401,
        StatusCode.PermissionDenied => 403,
        StatusCode.NotFound => 404,
        StatusCode.ResourceExhausted => 429,
        StatusCode.Cancelled => 499,
        StatusCode.Unavailable => 503,
        StatusCode.DeadlineExceeded => 504,
        StatusCode.Unimplemented => 501,
        _ => 500,
    };
}
