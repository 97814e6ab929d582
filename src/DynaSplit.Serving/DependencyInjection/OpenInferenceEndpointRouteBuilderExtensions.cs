using DynaSplit.Serving.Grpc;
using DynaSplit.Serving.Rest;
using Microsoft.AspNetCore.Routing;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps DynaSplit's cloud tier onto an ASP.NET Core app.</summary>
public static class OpenInferenceEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the Open Inference Protocol: the gRPC service inference.GRPCInferenceService and grpc.health.v1.Health
    /// (HTTP/2), and the REST v2 routes under /v2 (HTTP/1.1 or HTTP/2). Needs <c>services.AddDynaSplitServing(...)</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapOpenInference(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGrpcService<OpenInferenceGrpcService>();
        endpoints.MapGrpcService<HealthGrpcService>();
        OpenInferenceRestEndpoints.Map(endpoints);
        return endpoints;
    }
}
