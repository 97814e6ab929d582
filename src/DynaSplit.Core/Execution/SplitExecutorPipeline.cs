using DynaSplit.Topology;

namespace DynaSplit.Execution;

/// <summary>
/// A two-tier <see cref="ISplitExecutor"/> seen as a pipeline, so the runtime and the testbed have one path: a placement
/// of two stages runs as the executor's split at its cut; the head is stage 0 on the first tier, the tail stage 1 on the
/// second, which receives the cut tensors (<see cref="SplitExecutionResult.TransferredBytes"/>) in the handoff time.
/// </summary>
internal sealed class SplitExecutorPipeline(ISplitExecutor executor, IReadOnlyList<string>? tiers = null) : IPipelineExecutor
{
    private readonly ISplitExecutor _executor = executor ?? throw new ArgumentNullException(nameof(executor));

    public IReadOnlyList<string> Tiers { get; } = tiers ?? [TierNames.Edge, TierNames.Cloud];

    public async ValueTask<PipelineResult> RunAsync(PipelineRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Placement.Cuts.Count != 1)
        {
            throw new ArgumentException($"Placement {request.Placement} has {request.Placement.Cuts.Count} cuts; a split executor runs two stages (one cut). Register stage transports for a pipeline of more tiers.", nameof(request));
        }

        var result = await _executor.RunAsync(new SplitExecutionRequest(request.Placement.Cuts[0], request.Inputs, request.Configuration), cancellationToken).ConfigureAwait(false);
        var timings = result.Timings;
        StageMeasurement[] stages =
        [
            new(0, Tiers[0], timings.Head.TotalMilliseconds, 0, 0, result.TransferredBytes),
            new(1, Tiers[^1], timings.Tail.TotalMilliseconds, timings.Handoff.TotalMilliseconds, result.TransferredBytes, 0),
        ];
        return new PipelineResult(result.Outputs, stages, timings.Total.TotalMilliseconds);
    }
}
