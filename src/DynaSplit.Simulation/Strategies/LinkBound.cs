using DynaSplit.Scheduling;
using DynaSplit.Simulation.Network;
using DynaSplit.Simulation.Replay;
using DynaSplit.Spaces;

namespace DynaSplit.Simulation.Strategies;

/// <summary>
/// The best any scheduler could do with every configuration of the pool: for each request it knows the link's true
/// rate at that moment (from the trace) and every recorded run of every configuration moved to that rate, and chooses
/// the configuration with the largest share of runs within the threshold (ties: the lowest mean energy on that link,
/// then the key). No real scheduler knows the rate exactly, nor has measured every configuration, so its share of met
/// thresholds is the limit to compare the others against; switch costs are not seen (compare at zero switch cost).
/// </summary>
/// <remarks>
/// A run is moved to a rate as <see cref="NetworkReplayServingBackend"/> moves it: its serialization at the recorded
/// rate is replaced by the bytes at the new rate, what remains of its transfer is kept, and the edge's energy follows
/// the transfer time. The choice maximizes the expected share for a request whose draw is not known in advance; the
/// share the replay reports is what the draws gave, as for every other strategy.
/// </remarks>
public sealed class LinkBound : IScheduler
{
    private readonly Configuration[] _configurations;
    private readonly double[][] _baseMs;
    private readonly double[] _bits;
    private readonly double[] _energyBaseJ;
    private readonly double[] _energyPerMsJ;
    private readonly BandwidthTrace? _trace;

    /// <summary>Creates the bound over every configuration of <paramref name="pool"/>.</summary>
    /// <param name="pool">The recorded runs.</param>
    /// <param name="network">The link the replay follows; null: the recorded link (runs as recorded).</param>
    public LinkBound(MeasurementPool pool, NetworkConditions? network)
    {
        ArgumentNullException.ThrowIfNull(pool);
        network?.Validate();
        _trace = network?.Trace;
        _configurations = pool.Configurations.OrderBy(c => c.Key, StringComparer.Ordinal).ToArray();
        var n = _configurations.Length;
        _baseMs = new double[n][];
        _bits = new double[n];
        _energyBaseJ = new double[n];
        _energyPerMsJ = new double[n];
        var recordedBitsPerMs = network is null ? 0 : network.RecordedLink.BandwidthBitsPerSecond / 1000.0;
        for (var c = 0; c < n; c++)
        {
            var runs = pool.GetRuns(_configurations[c]);
            var bytes = network?.CutSizes.BytesOf(_configurations[c]) ?? 0;
            var baseMs = new double[runs.Count];
            double energyBase = 0, energyPerMs = 0;
            for (var r = 0; r < runs.Count; r++)
            {
                var run = runs[r];
                if (bytes == 0 || run.Latency is not { } latency)
                {
                    baseMs[r] = run.LatencyMs;
                    energyBase += run.EnergyJ;
                    continue;
                }

                // Latency on a link of s ms serialization: base + s, where base = recorded - min(transfer, recorded serialization).
                var removedMs = Math.Min(latency.TransferMs, bytes * 8.0 / recordedBitsPerMs);
                baseMs[r] = run.LatencyMs - removedMs;
                var watts = run.Energy is { } energy && latency.EdgeMs + latency.TransferMs > 0 ? energy.EdgeJ / (latency.EdgeMs + latency.TransferMs) : 0;
                energyBase += run.EnergyJ - (watts * removedMs);
                energyPerMs += watts;
            }

            Array.Sort(baseMs);
            _baseMs[c] = baseMs;
            _bits[c] = bytes == 0 || runs.Count == 0 ? 0 : bytes * 8.0;
            _energyBaseJ[c] = runs.Count > 0 ? energyBase / runs.Count : double.PositiveInfinity;
            _energyPerMsJ[c] = runs.Count > 0 ? energyPerMs / runs.Count : 0;
        }
    }

    /// <inheritdoc />
    public string Name => Baselines.Bound;

    /// <inheritdoc />
    public Configuration Select(in SchedulingContext context)
    {
        var thresholdMs = context.Request.LatencyThresholdMs;
        var bitsPerMs = _trace is null ? 0 : _trace.RateAt(context.Now.TotalSeconds) / 1000.0;
        var best = 0;
        var bestShare = -1.0;
        var bestEnergy = double.PositiveInfinity;
        for (var c = 0; c < _configurations.Length; c++)
        {
            var runs = _baseMs[c];
            if (runs.Length == 0)
            {
                continue;
            }

            var serializationMs = bitsPerMs > 0 ? _bits[c] / bitsPerMs : 0;
            var share = (double)CountAtMost(runs, thresholdMs - serializationMs) / runs.Length;
            var energy = _energyBaseJ[c] + (_energyPerMsJ[c] * serializationMs);
            if (share > bestShare || (share == bestShare && energy < bestEnergy))
            {
                best = c;
                bestShare = share;
                bestEnergy = energy;
            }
        }

        return _configurations[best];
    }

    private static int CountAtMost(double[] sorted, double limit)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] <= limit)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
