using DynaSplit.Execution;

namespace DynaSplit.Diagnostics.Tests.Fakes;

/// <summary>An executor that echoes its inputs after 1 ms of head and 2 ms of tail, sending 42 bytes.</summary>
internal sealed class EchoExecutor : ISplitExecutor
{
    public ValueTask<SplitExecutionResult> RunAsync(SplitExecutionRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new SplitExecutionResult(request.Inputs, new StageTimings(TimeSpan.FromMilliseconds(1), TimeSpan.Zero, TimeSpan.FromMilliseconds(2)), 42));
}
