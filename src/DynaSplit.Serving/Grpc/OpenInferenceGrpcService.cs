using DynaSplit.OpenInference.Protocol;
using DynaSplit.OpenInference.Tensors;
using DynaSplit.Serving.Inference;
using DynaSplit.Serving.Models;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace DynaSplit.Serving.Grpc;

/// <summary>The Open Inference Protocol's gRPC service (inference.GRPCInferenceService) over the served model.</summary>
internal sealed class OpenInferenceGrpcService : GRPCInferenceService.GRPCInferenceServiceBase
{
    private readonly OpenInferenceHandler _handler;
    private readonly ServedModelHost _host;
    private readonly ServingState _state;
    private readonly ServingOptions _options;

    public OpenInferenceGrpcService(OpenInferenceHandler handler, ServedModelHost host, ServingState state, IOptions<ServingOptions> options)
    {
        _handler = handler;
        _host = host;
        _state = state;
        _options = options.Value;
    }

    public override Task<ServerLiveResponse> ServerLive(ServerLiveRequest request, ServerCallContext context) =>
        Task.FromResult(new ServerLiveResponse { Live = true });

    public override Task<ServerReadyResponse> ServerReady(ServerReadyRequest request, ServerCallContext context) =>
        Task.FromResult(new ServerReadyResponse { Ready = _state.IsReady });

    public override Task<ModelReadyResponse> ModelReady(ModelReadyRequest request, ServerCallContext context) =>
        Task.FromResult(new ModelReadyResponse { Ready = _state.IsReady && Find(request.Name, request.Version) is not null });

    public override Task<ServerMetadataResponse> ServerMetadata(ServerMetadataRequest request, ServerCallContext context) =>
        Task.FromResult(ServingMetadata.Server(_options));

    public override Task<ModelMetadataResponse> ModelMetadata(ModelMetadataRequest request, ServerCallContext context)
    {
        var stage = Find(request.Name, request.Version)
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"Model '{request.Name}'{(request.Version.Length > 0 ? $" version '{request.Version}'" : string.Empty)} is not served here; this server serves {DescribeCatalog()}."));
        return Task.FromResult(ServingMetadata.Model(stage));
    }

    public override async Task<ModelInferResponse> ModelInfer(ModelInferRequest request, ServerCallContext context)
    {
        try
        {
            return await _handler.InferAsync(request, Deadline(context), context.CancellationToken).ConfigureAwait(false);
        }
        catch (ServingException ex)
        {
            throw new RpcException(new Status(ex.StatusCode, ex.Message));
        }
    }

    public override async Task ModelStreamInfer(IAsyncStreamReader<ModelInferRequest> requestStream, IServerStreamWriter<ModelStreamInferResponse> responseStream, ServerCallContext context)
    {
        // Requests on one stream run concurrently (up to the server's concurrency); responses are written as they
        // finish, matched to requests by id, one at a time.
        using var writeLock = new SemaphoreSlim(1, 1);
        var running = new List<Task>();
        while (await requestStream.MoveNext(context.CancellationToken).ConfigureAwait(false))
        {
            var request = requestStream.Current;
            running.Add(ServeOneAsync(request));
            running.RemoveAll(t => t.IsCompleted);
        }

        await Task.WhenAll(running).ConfigureAwait(false);

        async Task ServeOneAsync(ModelInferRequest request)
        {
            ModelStreamInferResponse message;
            try
            {
                message = new ModelStreamInferResponse { InferResponse = await _handler.InferAsync(request, Deadline(context), context.CancellationToken).ConfigureAwait(false) };
            }
            catch (ServingException ex)
            {
                var failed = new ModelInferResponse { ModelName = request.ModelName, Id = request.Id };
                failed.Parameters[OpenInferenceParameters.StatusCode] = new InferParameter { Int64Param = (long)ex.StatusCode };
                message = new ModelStreamInferResponse { ErrorMessage = ex.Message, InferResponse = failed };
            }

            await writeLock.WaitAsync(context.CancellationToken).ConfigureAwait(false);
            try
            {
                await responseStream.WriteAsync(message, context.CancellationToken).ConfigureAwait(false);
            }
            finally
            {
                writeLock.Release();
            }
        }
    }

    private static DateTime? Deadline(ServerCallContext context) => context.Deadline == DateTime.MaxValue ? null : context.Deadline;

    private ServedStage? Find(string name, string version)
    {
        if (!_state.IsReady || (version.Length > 0 && version != "1"))
        {
            return null;
        }

        return _host.Catalog.TryGet(name, out var stage) ? stage : null;
    }

    private string DescribeCatalog() => _state.IsReady ? _host.Catalog.Describe() : "nothing yet (loading)";
}
