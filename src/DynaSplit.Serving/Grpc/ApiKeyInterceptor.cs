using System.Security.Cryptography;
using System.Text;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Options;

namespace DynaSplit.Serving.Grpc;

/// <summary>
/// Refuses gRPC inference and metadata calls without the configured API key (<c>authorization: Bearer KEY</c> or
/// <c>x-api-key: KEY</c>) with UNAUTHENTICATED; liveness, readiness and health stay open for probes.
/// </summary>
internal sealed class ApiKeyInterceptor : Interceptor
{
    private readonly byte[]? _key;

    public ApiKeyInterceptor(IOptions<ServingOptions> options)
    {
        _key = string.IsNullOrEmpty(options.Value.ApiKey) ? null : Encoding.UTF8.GetBytes(options.Value.ApiKey);
    }

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Check(context);
        return continuation(request, context);
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Check(context);
        return continuation(requestStream, responseStream, context);
    }

    /// <summary>True when the presented key (x-api-key, else the bearer token) matches the key, in constant time.</summary>
    public static bool Matches(byte[] key, string? authorization, string? apiKey)
    {
        var presented = apiKey ?? (authorization is not null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : null);
        return presented is not null && CryptographicOperations.FixedTimeEquals(key, Encoding.UTF8.GetBytes(presented));
    }

    private void Check(ServerCallContext context)
    {
        if (_key is null || IsOpen(context.Method))
        {
            return;
        }

        if (!Matches(_key, context.RequestHeaders.GetValue("authorization"), context.RequestHeaders.GetValue("x-api-key")))
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated, "This server needs an API key: send 'authorization: Bearer KEY' or 'x-api-key: KEY'."));
        }
    }

    private static bool IsOpen(string method) =>
        method.StartsWith("/grpc.health.v1.Health/", StringComparison.Ordinal)
        || method is "/inference.GRPCInferenceService/ServerLive" or "/inference.GRPCInferenceService/ServerReady";
}
