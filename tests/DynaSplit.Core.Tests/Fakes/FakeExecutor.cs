using DynaSplit.Execution;

namespace DynaSplit.Core.Tests.Fakes;

/// <summary>An executor that echoes its inputs and records the split index it was asked for.</summary>
internal sealed class FakeExecutor : ISplitExecutor
{
    public List<int> SplitIndices { get; } = [];

    public ValueTask<SplitExecutionResult> RunAsync(SplitExecutionRequest request, CancellationToken cancellationToken)
    {
        SplitIndices.Add(request.SplitIndex);
        return ValueTask.FromResult(new SplitExecutionResult(request.Inputs, new StageTimings(TimeSpan.FromMilliseconds(1), TimeSpan.Zero, TimeSpan.FromMilliseconds(2)), 42));
    }
}
