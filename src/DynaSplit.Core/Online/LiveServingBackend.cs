using System.Diagnostics;
using DynaSplit.Execution;
using DynaSplit.Hardware;
using DynaSplit.Scheduling;
using DynaSplit.Spaces;
using DynaSplit.Topology;

namespace DynaSplit.Online;

/// <summary>
/// The live system behind the serving loop: a <see cref="KnobController"/> for the hardware and a pipeline (a two-tier
/// split executor is adapted to one) for the inference.
/// </summary>
internal sealed class LiveServingBackend : IServingBackend<IReadOnlyList<TensorData>>
{
    private readonly KnobController _knobs;
    private readonly IPipelineExecutor _pipeline;

    public LiveServingBackend(KnobController knobs, IPipelineExecutor pipeline)
    {
        _knobs = knobs;
        _pipeline = pipeline;
    }

    public LiveServingBackend(KnobController knobs, ISplitExecutor split)
        : this(knobs, new SplitExecutorPipeline(split))
    {
    }

    public async ValueTask<TimeSpan> ReconfigureAsync(Configuration? current, Configuration target, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        await _knobs.ApplyAsync(target, cancellationToken).ConfigureAwait(false);
        return Stopwatch.GetElapsedTime(start);
    }

    public async ValueTask<ExecutionOutcome> ExecuteAsync(Configuration configuration, IReadOnlyList<TensorData> input, InferenceRequest request, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var placement = ConfigurationPlacement.Resolve(configuration, _pipeline.Tiers);
        var result = await _pipeline.RunAsync(new PipelineRequest(placement, input, configuration), cancellationToken).ConfigureAwait(false);
        return new ExecutionOutcome(Stopwatch.GetElapsedTime(start).TotalMilliseconds, StageEnergy.Sum(result.Stages), result.Stages, result.Outputs);
    }
}
