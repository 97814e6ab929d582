namespace DynaSplit.Execution;

/// <summary>
/// Hands a stage's inputs to the tier that runs it, has the stage run there, and brings its outputs back: the
/// in-process handoff (<see cref="InProcessStageTransport"/>), or a call over the network to another tier's server.
/// </summary>
/// <remarks>A transport reaches exactly one tier; the <see cref="PipelineExecutor"/> picks the transport by tier name.</remarks>
public interface IStageTransport
{
    /// <summary>The tier this transport reaches.</summary>
    string Tier { get; }

    /// <summary>Runs <paramref name="request"/>'s stage on <see cref="Tier"/>.</summary>
    /// <exception cref="ArgumentException">The stage runs on another tier.</exception>
    ValueTask<StageResult> ExecuteAsync(StageRequest request, CancellationToken cancellationToken);
}
