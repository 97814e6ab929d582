namespace DynaSplit.Execution;

/// <summary>Runs one inference with the model split at a given point: the head, the handoff, the tail.</summary>
public interface ISplitExecutor
{
    /// <summary>Runs the inference.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The split index is not one of the model's split points.</exception>
    ValueTask<SplitExecutionResult> RunAsync(SplitExecutionRequest request, CancellationToken cancellationToken);
}
