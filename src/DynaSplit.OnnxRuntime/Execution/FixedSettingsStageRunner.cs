using DynaSplit.Execution;

namespace DynaSplit.OnnxRuntime.Execution;

/// <summary>Runs every stage with the same session settings, whatever the request's <see cref="StageSettings"/> (the split executor's explicit-settings path, the verifier and the profiler).</summary>
internal sealed class FixedSettingsStageRunner(OnnxStageRunner runner, OnnxRuntimeSessionSettings settings) : IStageRunner
{
    public ValueTask<StageOutput> RunAsync(StageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(runner.Run(request.Stage.FromCut, request.Stage.ToCut, request.Inputs, settings, cancellationToken));
    }
}
