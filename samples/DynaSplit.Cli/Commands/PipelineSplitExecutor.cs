using DynaSplit.Execution;
using DynaSplit.Topology;

namespace DynaSplit.Cli.Commands;

/// <summary>
/// The hardware testbed's two-tier executor over a pipeline whose cloud tier is remote (<c>--cloud URL</c>): split
/// index k runs <c>edge[0..k] | cloud[k..last]</c>, head here and tail on the server; the stages' times become the
/// head, handoff and tail of the result.
/// </summary>
internal sealed class PipelineSplitExecutor(IPipelineExecutor pipeline, int lastCut) : ISplitExecutor
{
    public async ValueTask<SplitExecutionResult> RunAsync(SplitExecutionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var placement = Placement.TwoTier(request.SplitIndex, lastCut);
        var result = await pipeline.RunAsync(new PipelineRequest(placement, request.Inputs, request.Configuration), cancellationToken).ConfigureAwait(false);
        var head = result.Stages[0];
        var tail = result.Stages[1];
        var transferred = placement.Stages[1].IsEmpty ? head.BytesReceived : tail.BytesSent;
        return new SplitExecutionResult(
            result.Outputs,
            new StageTimings(TimeSpan.FromMilliseconds(head.ComputeMs), TimeSpan.FromMilliseconds(head.TransferMs + tail.TransferMs), TimeSpan.FromMilliseconds(tail.ComputeMs)),
            transferred);
    }
}
