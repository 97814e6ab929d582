using System.Text.Json;
using System.Text.Json.Nodes;
using DynaSplit.OpenInference.Protocol;
using DynaSplit.Serving.Grpc;
using DynaSplit.Serving.Inference;
using DynaSplit.Serving.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DynaSplit.Serving.Rest;

/// <summary>The Open Inference Protocol's REST v2 routes: health, server and model metadata, readiness and inference.</summary>
internal static class OpenInferenceRestEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/v2/health/live", () => Results.Ok(new JsonObject { ["live"] = true }));
        endpoints.MapGet("/v2/health/ready", (ServingState state) => state.IsReady ? Results.Ok(new JsonObject { ["ready"] = true }) : Results.Json(new JsonObject { ["ready"] = false }, statusCode: 503));
        var guarded = endpoints.MapGroup("/v2").AddEndpointFilter(ApiKeyFilter);
        guarded.MapGet("/", (IOptions<ServingOptions> options) => Json(ServingMetadata.Server(options.Value)));
        guarded.MapGet("/models/{name}", (string name, ServedModelHost host, ServingState state) => Metadata(name, null, host, state));
        guarded.MapGet("/models/{name}/versions/{version}", (string name, string version, ServedModelHost host, ServingState state) => Metadata(name, version, host, state));
        guarded.MapGet("/models/{name}/ready", (string name, ServedModelHost host, ServingState state) => Ready(name, null, host, state));
        guarded.MapGet("/models/{name}/versions/{version}/ready", (string name, string version, ServedModelHost host, ServingState state) => Ready(name, version, host, state));
        guarded.MapPost("/models/{name}/infer", (string name, HttpContext context, OpenInferenceHandler handler) => InferAsync(name, null, context, handler));
        guarded.MapPost("/models/{name}/versions/{version}/infer", (string name, string version, HttpContext context, OpenInferenceHandler handler) => InferAsync(name, version, context, handler));
    }

    private static async ValueTask<object?> ApiKeyFilter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var options = context.HttpContext.RequestServices.GetRequiredService<IOptions<ServingOptions>>().Value;
        if (!string.IsNullOrEmpty(options.ApiKey)
            && !ApiKeyInterceptor.Matches(System.Text.Encoding.UTF8.GetBytes(options.ApiKey), context.HttpContext.Request.Headers.Authorization.ToString() is { Length: > 0 } a ? a : null, context.HttpContext.Request.Headers["x-api-key"].ToString() is { Length: > 0 } k ? k : null))
        {
            return Error(401, "This server needs an API key: send 'Authorization: Bearer KEY' or 'x-api-key: KEY'.");
        }

        return await next(context).ConfigureAwait(false);
    }

    private static IResult Metadata(string name, string? version, ServedModelHost host, ServingState state)
    {
        if (!state.IsReady)
        {
            return Error(503, "The server is loading its model or shutting down.");
        }

        return host.Catalog.TryGet(name, out var stage) && (version is null || version == "1")
            ? Json(ServingMetadata.Model(stage))
            : Error(404, $"Model '{name}' is not served here; this server serves {host.Catalog.Describe()}.");
    }

    private static IResult Ready(string name, string? version, ServedModelHost host, ServingState state) =>
        state.IsReady && host.Catalog.TryGet(name, out _) && (version is null || version == "1")
            ? Results.Ok(new JsonObject { ["name"] = name, ["ready"] = true })
            : Results.Json(new JsonObject { ["name"] = name, ["ready"] = false }, statusCode: state.IsReady ? 404 : 503);

    private static async Task<IResult> InferAsync(string name, string? version, HttpContext context, OpenInferenceHandler handler)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<ServingOptions>>().Value;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = options.MaxMessageBytes;
        }

        try
        {
            JsonDocument document;
            try
            {
                document = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted).ConfigureAwait(false);
            }
            catch (JsonException ex)
            {
                return Error(400, $"The request body is not valid JSON: {ex.Message}");
            }
            catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                return Error(413, $"The request body is larger than this server's limit of {options.MaxMessageBytes} bytes; send smaller tensors or raise MaxMessageBytes.");
            }

            using (document)
            {
                var request = RestTensorJson.ParseRequest(document.RootElement, name, version);
                var response = await handler.InferAsync(request, null, context.RequestAborted).ConfigureAwait(false);
                return Results.Json(RestTensorJson.WriteResponse(response));
            }
        }
        catch (ServingException ex)
        {
            return Error(ex.HttpStatus, ex.Message);
        }
    }

    private static IResult Json(ServerMetadataResponse metadata) => Results.Json(new JsonObject
    {
        ["name"] = metadata.Name,
        ["version"] = metadata.Version,
        ["extensions"] = new JsonArray(metadata.Extensions.Select(e => (JsonNode)JsonValue.Create(e)).ToArray()),
    });

    private static IResult Json(ModelMetadataResponse metadata) => Results.Json(new JsonObject
    {
        ["name"] = metadata.Name,
        ["versions"] = new JsonArray(metadata.Versions.Select(v => (JsonNode)JsonValue.Create(v)).ToArray()),
        ["platform"] = metadata.Platform,
        ["inputs"] = Tensors(metadata.Inputs),
        ["outputs"] = Tensors(metadata.Outputs),
    });

    private static JsonArray Tensors(IEnumerable<ModelMetadataResponse.Types.TensorMetadata> tensors) => new(tensors.Select(t => (JsonNode)new JsonObject
    {
        ["name"] = t.Name,
        ["datatype"] = t.Datatype,
        ["shape"] = new JsonArray(t.Shape.Select(d => (JsonNode)JsonValue.Create(d)).ToArray()),
    }).ToArray());

    private static IResult Error(int status, string message) => Results.Json(new JsonObject { ["error"] = message }, statusCode: status);
}
