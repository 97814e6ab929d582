using System.Diagnostics;
using DynaSplit.Execution;
using DynaSplit.Topology;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Fallback;

namespace DynaSplit.OpenInference.Transport;

/// <summary>
/// A remote tier with a local fallback: stages go to the remote transport; when it is unreachable, busy or too slow
/// (a transient <see cref="RemoteStageException"/>, including an open circuit), the same stage runs on the fallback
/// tier's runner in this process instead (Polly's fallback strategy), so the request is still answered. The
/// measurement then names the fallback tier and <see cref="StageMeasurement.EnergyJ"/> is left to the local meter.
/// Errors that are not transient (the server rejected the request) reach the caller unchanged.
/// </summary>
public sealed partial class FallbackStageTransport : IStageTransport
{
    private readonly IStageTransport _remote;
    private readonly IStageRunner _local;
    private readonly ResiliencePipeline<StageResult> _pipeline;
    private readonly ILogger _logger;
    private long _fallbacks;

    /// <summary>Creates the transport.</summary>
    /// <param name="remote">The remote tier's transport (its <see cref="IStageTransport.Tier"/> is this transport's tier).</param>
    /// <param name="local">The runner that runs a stage here when the remote tier cannot.</param>
    /// <param name="fallbackTier">The tier the local runner is (default edge), named in the measurement of a fallback.</param>
    /// <param name="logger">The logger.</param>
    public FallbackStageTransport(IStageTransport remote, IStageRunner local, string fallbackTier = TierNames.Edge, ILogger<FallbackStageTransport>? logger = null)
    {
        _remote = remote ?? throw new ArgumentNullException(nameof(remote));
        _local = local ?? throw new ArgumentNullException(nameof(local));
        FallbackTier = TierNames.Validate(fallbackTier, nameof(fallbackTier));
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _pipeline = new ResiliencePipelineBuilder<StageResult>()
            .AddFallback(new FallbackStrategyOptions<StageResult>
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is RemoteStageException { IsTransient: true }),
                FallbackAction = args => RunLocallyAsync(args),
            })
            .Build();
    }

    /// <inheritdoc />
    public string Tier => _remote.Tier;

    /// <summary>The tier that runs stages when the remote one cannot.</summary>
    public string FallbackTier { get; }

    /// <summary>How many stages the fallback has served since this transport was created.</summary>
    public long FallbackCount => Interlocked.Read(ref _fallbacks);

    /// <inheritdoc />
    public async ValueTask<StageResult> ExecuteAsync(StageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            context.Properties.Set(RequestKey, request);
            return await _pipeline.ExecuteAsync(static (ctx, state) => state._remote.ExecuteAsync(ctx.Properties.GetValue(RequestKey, null!), ctx.CancellationToken), context, this).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private static readonly ResiliencePropertyKey<StageRequest> RequestKey = new("dynasplit.stage-request");

    private async ValueTask<Outcome<StageResult>> RunLocallyAsync(FallbackActionArguments<StageResult> args)
    {
        var request = args.Context.Properties.GetValue(RequestKey, null!);
        Interlocked.Increment(ref _fallbacks);
        LogFallback(_logger, request.Stage.ToString(), FallbackTier, args.Outcome.Exception?.Message);
        var start = Stopwatch.GetTimestamp();
        var output = await _local.RunAsync(request, args.Context.CancellationToken).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(start) - output.Compute;
        return Outcome.FromResult(new StageResult(
            output.Outputs,
            new StageMeasurement(request.Stage.Index, FallbackTier, output.Compute.TotalMilliseconds, Math.Max(0, elapsed.TotalMilliseconds), 0, 0)));
    }

    [LoggerMessage(EventId = 3110, Level = LogLevel.Warning, Message = "{Stage} runs on {FallbackTier} instead: {Reason}")]
    private static partial void LogFallback(ILogger logger, string stage, string fallbackTier, string? reason);
}
