using DynaSplit.Spaces;

namespace DynaSplit.Scheduling;

/// <summary>
/// A scheduler that sees the network and the cost of reconfiguring. For each table entry it predicts the latency
/// from the entry's breakdown as edge compute + cut bytes / estimated bandwidth + round trip + cloud compute (the
/// recorded latency when there is no link estimate, or the entry lacks its breakdown or its cut size; see
/// <see cref="PredictiveSchedulerOptions.RecordedLink"/> for the prediction relative to the recorded transfer), adds the cost
/// of switching from the current configuration to the entry, and picks the lowest-energy entry predicted to meet the
/// threshold less the safety margin; when none is, the entry with the lowest predicted latency.
/// </summary>
/// <remarks>
/// <para>
/// With no link estimate, no switch costs and no margin it chooses exactly what <see cref="DynaSplitScheduler"/>
/// chooses: the entries are scanned in the same order (recorded energy ascending, accuracy descending, latency, key)
/// and an entry replaces the best only when strictly cheaper, so ties go the same way.
/// </para>
/// <para>
/// The decision is a scan over arrays prepared at construction (no allocation) in recorded-energy order, which stops
/// once no later entry can be predicted cheaper than the best found (a floor per position: the recorded energy less
/// the edge's energy over the whole recorded transfer, minimised over the rest of the table). The switch cost, an
/// interface call, is asked only for an entry that is predicted fast enough and cheaper than the best so far; the
/// fastest fallback, which needs every entry's switch cost, is computed only when no entry qualifies.
/// </para>
/// </remarks>
public sealed class PredictiveScheduler : IScheduler
{
    private readonly LookupEntry[] _entries;
    private readonly double[] _recordedLatencyMs;
    private readonly double[] _computeMs;
    private readonly double[] _recordedTransferMs;
    private readonly double[] _transferOverheadMs;
    private readonly bool _relative;
    private readonly double _recordedRoundTripMs;
    private readonly long[] _bytes;
    private readonly double[] _energyJ;
    private readonly double[] _edgeWattsWhileWaiting;
    private readonly double[] _energyFloorJ;
    private readonly double _keepFraction;
    private readonly double _marginMs;

    /// <summary>Creates the scheduler over a non-empty table.</summary>
    /// <exception cref="ArgumentException">The table is empty or an option is out of range.</exception>
    public PredictiveScheduler(LookupTable table, PredictiveSchedulerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        Options = options ?? new PredictiveSchedulerOptions();
        Options.Validate();
        if (table.Entries.Count == 0)
        {
            throw new ArgumentException("The lookup table is empty: run the offline phase first.", nameof(table));
        }

        Table = table;
        _entries = table.Entries
            .OrderBy(e => e.EnergyJ)
            .ThenByDescending(e => e.Accuracy ?? double.NegativeInfinity)
            .ThenBy(e => e.LatencyMs)
            .ThenBy(e => e.Configuration.Key, StringComparer.Ordinal)
            .ToArray();
        var n = _entries.Length;
        _recordedLatencyMs = new double[n];
        _computeMs = new double[n];
        _recordedTransferMs = new double[n];
        _bytes = new long[n];
        _energyJ = new double[n];
        _edgeWattsWhileWaiting = new double[n];
        _transferOverheadMs = new double[n];
        _relative = Options.RecordedLink is not null;
        _recordedRoundTripMs = Options.RecordedLink?.RoundTripMs ?? 0;
        var recordedBitsPerMs = (Options.RecordedLink?.BandwidthBitsPerSecond ?? 0) / 1000.0;
        for (var i = 0; i < n; i++)
        {
            var entry = _entries[i];
            _recordedLatencyMs[i] = entry.LatencyMs;
            _energyJ[i] = entry.EnergyJ;
            _bytes[i] = -1;
            if (entry.Latency is { } latency && entry.TransferredBytes is { } bytes && bytes >= 0)
            {
                _bytes[i] = bytes;
                _computeMs[i] = latency.EdgeMs + latency.CloudMs;
                _recordedTransferMs[i] = latency.TransferMs;
                _transferOverheadMs[i] = _relative ? Math.Max(0, latency.TransferMs - (bytes * 8.0 / recordedBitsPerMs)) : 0;
                var edgeBusyMs = latency.EdgeMs + latency.TransferMs;
                if (Options.ScaleTransferEnergy && entry.Energy is { } energy && edgeBusyMs > 0)
                {
                    _edgeWattsWhileWaiting[i] = energy.EdgeJ / edgeBusyMs * 1000.0;
                }
            }
        }

        // The lowest energy entry i or any later one can be predicted to need: its recorded energy less what the edge
        // spends waiting for its whole recorded transfer (a prediction never has a negative transfer time).
        _energyFloorJ = new double[n];
        var floor = double.PositiveInfinity;
        for (var i = n - 1; i >= 0; i--)
        {
            floor = Math.Min(floor, Math.Max(0, _energyJ[i] - (_edgeWattsWhileWaiting[i] * _recordedTransferMs[i] / 1000.0)));
            _energyFloorJ[i] = floor;
        }

        _keepFraction = 1 - Options.SafetyMarginFraction;
        _marginMs = Options.SafetyMarginMs;
    }

    /// <inheritdoc />
    public string Name => Options.Name;

    /// <summary>The options in use.</summary>
    public PredictiveSchedulerOptions Options { get; }

    /// <summary>The table the scheduler chooses from.</summary>
    public LookupTable Table { get; }

    /// <inheritdoc />
    public Configuration Select(in SchedulingContext context) => SelectEntry(context).Configuration;

    /// <summary>The entry chosen for the context.</summary>
    public LookupEntry SelectEntry(in SchedulingContext context)
    {
        var limit = (context.Request.LatencyThresholdMs * _keepFraction) - _marginMs;
        var link = context.Link;
        var hasLink = link is { BandwidthBitsPerSecond: > 0 };
        var bitsPerMs = hasLink ? link!.Value.BandwidthBitsPerSecond / 1000.0 : 0;
        var roundTripMs = hasLink ? link!.Value.RoundTripMs : 0;
        var costs = context.SwitchCosts;
        var current = context.Current;

        // Entries are in recorded-energy order; without a link, predicted energy is the recorded one, so the scan ends at
        // the first entry that cannot be cheaper than the best; with a link, at the first whose floor cannot.
        var floors = hasLink ? _energyFloorJ : _energyJ;
        var best = -1;
        var bestEnergy = double.PositiveInfinity;
        for (var i = 0; i < _entries.Length; i++)
        {
            if (!(floors[i] < bestEnergy))
            {
                break;
            }

            var latency = PredictLatency(i, hasLink, bitsPerMs, roundTripMs);
            if (!(latency <= limit))
            {
                continue;
            }

            var energy = PredictEnergy(i, latency);
            if (!(energy < bestEnergy))
            {
                continue;
            }

            if (costs is not null && latency + costs.EstimateMs(current, _entries[i].Configuration) > limit)
            {
                continue;
            }

            best = i;
            bestEnergy = energy;
        }

        if (best >= 0)
        {
            return _entries[best];
        }

        var fastest = 0;
        var fastestMs = double.PositiveInfinity;
        for (var i = 0; i < _entries.Length; i++)
        {
            var latency = PredictLatency(i, hasLink, bitsPerMs, roundTripMs);
            if (costs is not null)
            {
                latency += costs.EstimateMs(current, _entries[i].Configuration);
            }

            if (latency < fastestMs)
            {
                fastestMs = latency;
                fastest = i;
            }
        }

        return _entries[fastest];
    }

    /// <summary>The predicted latency of <paramref name="entry"/> over <paramref name="link"/> (no switch cost), ms.</summary>
    /// <exception cref="ArgumentException">The entry is not in the table.</exception>
    public double PredictLatencyMs(LookupEntry entry, LinkEstimate? link)
    {
        var i = IndexOf(entry);
        var hasLink = link is { BandwidthBitsPerSecond: > 0 };
        return PredictLatency(i, hasLink, hasLink ? link!.Value.BandwidthBitsPerSecond / 1000.0 : 0, hasLink ? link!.Value.RoundTripMs : 0);
    }

    /// <summary>The predicted energy of <paramref name="entry"/> over <paramref name="link"/>, J.</summary>
    /// <exception cref="ArgumentException">The entry is not in the table.</exception>
    public double PredictEnergyJ(LookupEntry entry, LinkEstimate? link) => PredictEnergy(IndexOf(entry), PredictLatencyMs(entry, link));

    /// <summary>The entries in the order the scheduler scans them (recorded energy ascending, then as the published rule).</summary>
    internal IReadOnlyList<LookupEntry> ScanOrder => _entries;

    /// <summary>The predicted latency (ms) and energy (J) of the entry at <paramref name="i"/> in <see cref="ScanOrder"/> over <paramref name="link"/>.</summary>
    internal (double LatencyMs, double EnergyJ) PredictAt(int i, LinkEstimate link)
    {
        var hasLink = link.BandwidthBitsPerSecond > 0;
        var latency = PredictLatency(i, hasLink, link.BandwidthBitsPerSecond / 1000.0, link.RoundTripMs);
        return (latency, PredictEnergy(i, latency));
    }

    private double PredictLatency(int i, bool hasLink, double bitsPerMs, double roundTripMs)
    {
        var bytes = _bytes[i];
        if (!hasLink || bytes < 0)
        {
            return _recordedLatencyMs[i];
        }

        // Nothing crosses the link (edge only, or a cut that sends nothing): no transfer, no round trip.
        if (bytes == 0 && _recordedTransferMs[i] == 0)
        {
            return _computeMs[i];
        }

        var fixedMs = _relative ? Math.Max(0, _transferOverheadMs[i] + roundTripMs - _recordedRoundTripMs) : roundTripMs;
        return _computeMs[i] + fixedMs + (bytes * 8.0 / bitsPerMs);
    }

    private double PredictEnergy(int i, double predictedLatencyMs)
    {
        var watts = _edgeWattsWhileWaiting[i];
        if (watts == 0)
        {
            return _energyJ[i];
        }

        // The latency changes only through the transfer, so its change is the transfer's change.
        var extraMs = predictedLatencyMs - _recordedLatencyMs[i];
        return Math.Max(0, _energyJ[i] + (watts * extraMs / 1000.0));
    }

    private int IndexOf(LookupEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var i = Array.IndexOf(_entries, entry);
        return i >= 0 ? i : throw new ArgumentException($"Entry '{entry.Configuration.Key}' is not in this scheduler's table.", nameof(entry));
    }
}
