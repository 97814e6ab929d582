namespace DynaSplit.Execution;

/// <summary>
/// Runs one part of a model on this tier: from the tensors crossing a stage's first cut to those crossing its last
/// (the ONNX Runtime assembly's runner, or the server's on the cloud tier).
/// </summary>
public interface IStageRunner
{
    /// <summary>Runs the stage.</summary>
    /// <exception cref="ArgumentException">The cut range is not one of the model's, or the inputs do not match the first cut's tensors.</exception>
    ValueTask<StageOutput> RunAsync(StageRequest request, CancellationToken cancellationToken);
}
