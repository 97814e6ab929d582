using DynaSplit.Spaces;

namespace DynaSplit.Scheduling;

/// <summary>
/// The scheduler as published in the DynaSplit paper: sort the table by energy ascending (ties: accuracy
/// descending), take the first entry whose latency is within the request's threshold, otherwise the fastest.
/// </summary>
/// <remarks>
/// The rule is a linear scan over the sorted table; this implementation answers it in O(log n) without
/// allocating: with the entries sorted, the first entry within the threshold is the first position where the
/// running minimum of latency drops to the threshold or below, and that running minimum never increases, so a
/// binary search finds it.
/// </remarks>
public sealed class DynaSplitScheduler : IScheduler
{
    private readonly LookupEntry[] _sorted;
    private readonly double[] _prefixMinLatency;
    private readonly LookupEntry _fastest;

    /// <summary>Creates the scheduler over a non-empty table.</summary>
    public DynaSplitScheduler(LookupTable table, string name = "dynasplit")
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (table.Entries.Count == 0)
        {
            throw new ArgumentException("The lookup table is empty: run the offline phase first.", nameof(table));
        }

        Name = name;
        Table = table;
        _sorted = table.Entries
            .OrderBy(e => e.EnergyJ)
            .ThenByDescending(e => e.Accuracy ?? double.NegativeInfinity)
            .ThenBy(e => e.LatencyMs)
            .ThenBy(e => e.Configuration.Key, StringComparer.Ordinal)
            .ToArray();
        _prefixMinLatency = new double[_sorted.Length];
        var minimum = double.PositiveInfinity;
        var fastest = 0;
        for (var i = 0; i < _sorted.Length; i++)
        {
            if (_sorted[i].LatencyMs < minimum)
            {
                minimum = _sorted[i].LatencyMs;
                fastest = i;
            }

            _prefixMinLatency[i] = minimum;
        }

        _fastest = _sorted[fastest];
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>The table the scheduler chooses from.</summary>
    public LookupTable Table { get; }

    /// <summary>The entries in the scheduler's order (energy ascending, accuracy descending).</summary>
    public IReadOnlyList<LookupEntry> Ordered => _sorted;

    /// <inheritdoc />
    public Configuration Select(in SchedulingContext context) => SelectEntry(context.Request.LatencyThresholdMs).Configuration;

    /// <summary>The entry chosen for a latency threshold in ms.</summary>
    public LookupEntry SelectEntry(double latencyThresholdMs)
    {
        var prefix = _prefixMinLatency;
        if (!(prefix[^1] <= latencyThresholdMs))
        {
            return _fastest;
        }

        int low = 0, high = prefix.Length - 1;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (prefix[middle] <= latencyThresholdMs)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return _sorted[low];
    }
}
