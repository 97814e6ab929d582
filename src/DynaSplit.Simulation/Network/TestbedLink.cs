using DynaSplit.Scheduling;
using DynaSplit.Simulation.Replay;

namespace DynaSplit.Simulation.Network;

/// <summary>
/// The link a pool was recorded on, estimated from its transfer times and the model's cut sizes: a straight line
/// transfer ms = round trip + bytes × 8 / rate fitted by least squares through the median transfer time of each cut
/// size (medians, because a few runs per split have outliers several times the typical time).
/// </summary>
public static class TestbedLink
{
    /// <summary>Fits the line; the slope gives the rate, the intercept the per-transfer overhead.</summary>
    /// <exception cref="ArgumentException">The pool has no latency breakdowns, or fewer than two distinct cut sizes that send anything.</exception>
    public static LinkEstimate Estimate(MeasurementPool pool, CutSizes sizes)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(sizes);
        var bySize = new SortedDictionary<long, List<double>>();
        foreach (var configuration in pool.Configurations)
        {
            var bytes = sizes.BytesOf(configuration);
            if (bytes == 0)
            {
                continue;
            }

            foreach (var run in pool.GetRuns(configuration))
            {
                if (run.Latency is not { } latency)
                {
                    throw new ArgumentException($"{pool.Source}: the runs of '{configuration.Key}' have no latency breakdown, so the link cannot be estimated.");
                }

                if (!bySize.TryGetValue(bytes, out var times))
                {
                    bySize[bytes] = times = [];
                }

                times.Add(latency.TransferMs);
            }
        }

        if (bySize.Count < 2)
        {
            throw new ArgumentException($"{pool.Source}: a rate needs runs with at least two different cut sizes that send data; found {bySize.Count}.");
        }

        var points = bySize.Select(p => (X: (double)p.Key, Y: Median(p.Value))).ToArray();
        var meanX = points.Average(p => p.X);
        var meanY = points.Average(p => p.Y);
        var slope = points.Sum(p => (p.X - meanX) * (p.Y - meanY)) / points.Sum(p => (p.X - meanX) * (p.X - meanX));
        if (!(slope > 0))
        {
            throw new ArgumentException($"{pool.Source}: transfer time does not grow with the cut size (slope {slope} ms/byte), so no rate can be read from it.");
        }

        var intercept = Math.Max(0, meanY - (slope * meanX));
        return new LinkEstimate(8.0 * 1000.0 / slope, intercept, pool.RowCount);
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        var n = values.Count;
        return n % 2 == 1 ? values[n / 2] : (values[(n / 2) - 1] + values[n / 2]) / 2;
    }
}
