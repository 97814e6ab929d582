using System.Diagnostics;
using DynaSplit.Execution;
using DynaSplit.Hardware;
using DynaSplit.Scheduling;
using DynaSplit.Spaces;
using DynaSplit.Topology;

namespace DynaSplit.Online;

/// <summary>
/// The live system behind the serving loop: a <see cref="KnobController"/> for the hardware and a pipeline (or, for
/// two tiers, a split executor) for the inference.
/// </summary>
internal sealed class LiveServingBackend : IServingBackend<IReadOnlyList<TensorData>>
{
    private readonly KnobController _knobs;
    private readonly IPipelineExecutor? _pipeline;
    private readonly ISplitExecutor? _split;
    private readonly IReadOnlyList<string> _tiers;

    public LiveServingBackend(KnobController knobs, IPipelineExecutor pipeline)
    {
        _knobs = knobs;
        _pipeline = pipeline;
        _tiers = pipeline.Tiers;
    }

    public LiveServingBackend(KnobController knobs, ISplitExecutor split)
    {
        _knobs = knobs;
        _split = split;
        _tiers = [TierNames.Edge, TierNames.Cloud];
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
        if (_pipeline is not null)
        {
            var placement = ConfigurationPlacement.Resolve(configuration, _tiers);
            var result = await _pipeline.RunAsync(new PipelineRequest(placement, input, configuration), cancellationToken).ConfigureAwait(false);
            return new ExecutionOutcome(Stopwatch.GetElapsedTime(start).TotalMilliseconds, SumEnergy(result.Stages), result.Stages, result.Outputs);
        }

        var split = configuration.GetByRole(ParameterRole.SplitPoint)
            ?? throw new InvalidOperationException($"Configuration '{configuration.Key}' has no cut-point parameter; the executor needs one.");
        var execution = await _split!.RunAsync(new SplitExecutionRequest((int)split, input, configuration), cancellationToken).ConfigureAwait(false);
        StageMeasurement[] stages =
        [
            new(0, _tiers[0], execution.Timings.Head.TotalMilliseconds, 0, 0, execution.TransferredBytes),
            new(1, _tiers[1], execution.Timings.Tail.TotalMilliseconds, execution.Timings.Handoff.TotalMilliseconds, execution.TransferredBytes, 0),
        ];
        return new ExecutionOutcome(Stopwatch.GetElapsedTime(start).TotalMilliseconds, null, stages, execution.Outputs);
    }

    private static double? SumEnergy(IReadOnlyList<StageMeasurement> stages)
    {
        double total = 0;
        foreach (var stage in stages)
        {
            if (stage.EnergyJ is not { } joules)
            {
                return null;
            }

            total += joules;
        }

        return total;
    }
}
