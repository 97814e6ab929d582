using DynaSplit.OpenInference.Health;
using DynaSplit.Serving.Inference;
using Grpc.Core;

namespace DynaSplit.Serving.Grpc;

/// <summary>grpc.health.v1.Health: SERVING while the server is ready, NOT_SERVING while loading or draining.</summary>
internal sealed class HealthGrpcService : Health.HealthBase
{
    private const string InferenceService = "inference.GRPCInferenceService";
    private readonly ServingState _state;

    public HealthGrpcService(ServingState state)
    {
        _state = state;
    }

    public override Task<HealthCheckResponse> Check(HealthCheckRequest request, ServerCallContext context)
    {
        if (!Known(request.Service))
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"Unknown service '{request.Service}'; ask for '' or '{InferenceService}'."));
        }

        return Task.FromResult(new HealthCheckResponse { Status = Current() });
    }

    public override async Task Watch(HealthCheckRequest request, IServerStreamWriter<HealthCheckResponse> responseStream, ServerCallContext context)
    {
        if (!Known(request.Service))
        {
            await responseStream.WriteAsync(new HealthCheckResponse { Status = HealthCheckResponse.Types.ServingStatus.ServiceUnknown }).ConfigureAwait(false);
            return;
        }

        var changed = new SemaphoreSlim(0);
        void OnChanged(object? sender, EventArgs e) => changed.Release();
        _state.Changed += OnChanged;
        try
        {
            var last = Current();
            await responseStream.WriteAsync(new HealthCheckResponse { Status = last }).ConfigureAwait(false);
            while (!context.CancellationToken.IsCancellationRequested)
            {
                await changed.WaitAsync(context.CancellationToken).ConfigureAwait(false);
                var now = Current();
                if (now != last)
                {
                    last = now;
                    await responseStream.WriteAsync(new HealthCheckResponse { Status = now }).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            // The watcher went away.
        }
        finally
        {
            _state.Changed -= OnChanged;
            changed.Dispose();
        }
    }

    private static bool Known(string service) => service.Length == 0 || service == InferenceService;

    private HealthCheckResponse.Types.ServingStatus Current() =>
        _state.IsReady ? HealthCheckResponse.Types.ServingStatus.Serving : HealthCheckResponse.Types.ServingStatus.NotServing;
}
