namespace DynaSplit.Execution;

/// <summary>Runs one inference along a placement: each stage on its tier, the cut tensors handed from stage to stage.</summary>
public interface IPipelineExecutor
{
    /// <summary>The tiers this executor can reach (those with a transport), data source first.</summary>
    IReadOnlyList<string> Tiers { get; }

    /// <summary>Runs the inference.</summary>
    /// <exception cref="ArgumentException">A stage runs on a tier the executor cannot reach.</exception>
    ValueTask<PipelineResult> RunAsync(PipelineRequest request, CancellationToken cancellationToken);
}
