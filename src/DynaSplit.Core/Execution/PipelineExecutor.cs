using System.Diagnostics;
using DynaSplit.Diagnostics;

namespace DynaSplit.Execution;

/// <summary>
/// Composes stage transports along a placement: the model's inputs go to the first stage, each stage's outputs are
/// the next stage's inputs, the last stage's outputs are the model's. Empty stages pass their inputs through at no
/// cost. Each stage's settings come from the configuration's parameters of that stage's tier
/// (<see cref="StageSettings.FromConfiguration"/>).
/// </summary>
public sealed class PipelineExecutor : IPipelineExecutor
{
    private readonly Dictionary<string, IStageTransport> _transports;
    private readonly string[] _tiers;

    /// <summary>Creates the executor over one transport per tier, in the topology's order.</summary>
    public PipelineExecutor(IEnumerable<IStageTransport> transports)
    {
        ArgumentNullException.ThrowIfNull(transports);
        _transports = new Dictionary<string, IStageTransport>(StringComparer.Ordinal);
        var tiers = new List<string>();
        foreach (var transport in transports)
        {
            if (!_transports.TryAdd(transport.Tier, transport))
            {
                throw new ArgumentException($"Two stage transports reach tier '{transport.Tier}'; register one per tier.", nameof(transports));
            }

            tiers.Add(transport.Tier);
        }

        if (tiers.Count == 0)
        {
            throw new ArgumentException("A pipeline needs at least one stage transport.", nameof(transports));
        }

        _tiers = [.. tiers];
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Tiers => _tiers;

    /// <inheritdoc />
    public async ValueTask<PipelineResult> RunAsync(PipelineRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var stages = request.Placement.Stages;
        foreach (var stage in stages)
        {
            if (!stage.IsEmpty && !_transports.ContainsKey(stage.Tier))
            {
                throw new ArgumentException($"Placement {request.Placement}: {stage} runs on tier '{stage.Tier}', which this pipeline cannot reach (it has {string.Join(", ", _tiers)}). Register a stage transport for that tier.", nameof(request));
            }
        }

        var start = Stopwatch.GetTimestamp();
        var measurements = new StageMeasurement[stages.Count];
        var tensors = request.Inputs;
        for (var i = 0; i < stages.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var stage = stages[i];
            if (stage.IsEmpty)
            {
                measurements[i] = new StageMeasurement(i, stage.Tier, 0, 0, 0, 0);
                continue;
            }

            var settings = StageSettings.FromConfiguration(request.Configuration, stage.Tier);
            using var activity = DynaSplitActivitySource.Source.StartActivity("stage");
            activity?.SetTag("dynasplit.tier", stage.Tier);
            activity?.SetTag("dynasplit.stage", i);
            activity?.SetTag("dynasplit.cuts", $"{stage.FromCut}-{stage.ToCut}");
            var result = await _transports[stage.Tier]
                .ExecuteAsync(new StageRequest(stage, tensors, settings) { Deadline = request.Deadline }, cancellationToken)
                .ConfigureAwait(false);
            measurements[i] = result.Measurement;
            activity?.SetTag("dynasplit.compute_ms", result.Measurement.ComputeMs);
            activity?.SetTag("dynasplit.transfer_ms", result.Measurement.TransferMs);
            activity?.SetTag("dynasplit.bytes_sent", result.Measurement.BytesSent);
            tensors = result.Outputs;
        }

        return new PipelineResult(tensors, measurements, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
    }
}
