using DynaSplit.Energy;
using DynaSplit.Execution;
using DynaSplit.Trials;

namespace DynaSplit.Testbed;

/// <summary>
/// Sums the stage measurements of a trial's inferences and turns them into the trial's means: per stage, and the
/// trial's latency and energy breakdowns, with the local meter's energy on the data source's stage and every remote
/// stage's reported energy on that stage.
/// </summary>
internal sealed class StageTotals(int stageCount)
{
    private readonly string[] _tiers = new string[stageCount];
    private readonly double[] _computeMs = new double[stageCount];
    private readonly double[] _transferMs = new double[stageCount];
    private readonly long[] _sent = new long[stageCount];
    private readonly long[] _received = new long[stageCount];
    private readonly double[] _energyJ = new double[stageCount];
    private readonly int[] _energyReports = new int[stageCount];
    private readonly bool[] _energyEstimated = new bool[stageCount];
    private readonly double[] _queueMs = new double[stageCount];
    private readonly int[] _queueReports = new int[stageCount];
    private int _inferences;

    /// <summary>Adds one inference's stages.</summary>
    public void Add(IReadOnlyList<StageMeasurement> stages)
    {
        if (stages.Count != _tiers.Length)
        {
            throw new InvalidOperationException($"The pipeline returned {stages.Count} stage measurements for a placement of {_tiers.Length} stages.");
        }

        for (var i = 0; i < stages.Count; i++)
        {
            var stage = stages[i];
            _tiers[i] = stage.Tier;
            _computeMs[i] += stage.ComputeMs;
            _transferMs[i] += stage.TransferMs;
            _sent[i] += stage.BytesSent;
            _received[i] += stage.BytesReceived;
            if (stage.EnergyJ is { } joules)
            {
                _energyJ[i] += joules;
                _energyReports[i]++;
                _energyEstimated[i] |= stage.EnergyKind == EnergyReadingKind.Estimated;
            }

            if (stage.QueueMs is { } queue)
            {
                _queueMs[i] += queue;
                _queueReports[i]++;
            }
        }

        _inferences++;
    }

    /// <summary>The trial's means per inference.</summary>
    /// <param name="latencyMs">The mean wall time of one inference, ms.</param>
    /// <param name="local">The local meter's reading over all the measured inferences.</param>
    /// <param name="inferences">How many inferences were measured.</param>
    public TrialMeasurement ToMeasurement(double latencyMs, EnergyReading local, int inferences)
    {
        if (_inferences != inferences)
        {
            throw new InvalidOperationException($"{_inferences} inferences were added, {inferences} measured.");
        }

        var n = (double)inferences;
        var localJ = local.Joules / n;
        var estimated = local.Kind == EnergyReadingKind.Estimated;
        var remoteJ = 0.0;
        var anyRemote = false;
        var stages = new StageMeasurement[_tiers.Length];
        for (var i = 0; i < stages.Length; i++)
        {
            // A stage is remote when it reported its energy on every inference; the others ran inside the local window.
            var remote = i > 0 && _energyReports[i] == inferences;
            double? energy = remote ? _energyJ[i] / n : i == 0 ? localJ : null;
            if (remote)
            {
                remoteJ += _energyJ[i] / n;
                anyRemote = true;
                estimated |= _energyEstimated[i];
            }

            stages[i] = new StageMeasurement(i, _tiers[i], _computeMs[i] / n, _transferMs[i] / n, _sent[i] / inferences, _received[i] / inferences)
            {
                EnergyJ = energy,
                EnergyKind = energy is null ? null : remote ? (_energyEstimated[i] ? EnergyReadingKind.Estimated : EnergyReadingKind.Measured) : local.Kind,
                QueueMs = _queueReports[i] == inferences ? _queueMs[i] / n : null,
            };
        }

        double laterComputeMs = 0, transferMs = 0;
        long crossing = 0;
        for (var i = 1; i < stages.Length; i++)
        {
            laterComputeMs += stages[i].ComputeMs;
            transferMs += stages[i].TransferMs;
            crossing += stages[i].BytesSent;
        }

        return new TrialMeasurement
        {
            LatencyMs = latencyMs,
            EnergyJ = localJ + remoteJ,
            Latency = new LatencyBreakdown(stages[0].ComputeMs, transferMs, laterComputeMs),
            Energy = anyRemote ? new EnergyBreakdown(localJ, remoteJ) : null,
            TransferredBytes = crossing,
            Stages = stages,
            EnergyKind = estimated ? EnergyReadingKind.Estimated : EnergyReadingKind.Measured,
            Inferences = inferences,
        };
    }
}
