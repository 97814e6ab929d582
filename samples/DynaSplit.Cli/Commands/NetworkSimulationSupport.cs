using System.Globalization;
using DynaSplit.Simulation.Comparison;
using DynaSplit.Simulation.Network;
using DynaSplit.Simulation.Replay;

namespace DynaSplit.Cli.Commands;

/// <summary>`simulate --bandwidth-trace/--arrival-rate`: the network conditions from the options, and their per-segment report.</summary>
internal static class NetworkSimulationSupport
{
    /// <summary>The conditions, or null when neither option is given (the recorded link, requests back to back).</summary>
    public static NetworkConditions? Create(MeasurementPool pool, FileInfo? trace, double? arrivalRate)
    {
        if (trace is null && arrivalRate is null)
        {
            return null;
        }

        if (arrivalRate is { } rate && (!(rate > 0) || !double.IsFinite(rate)))
        {
            throw new ArgumentException($"--arrival-rate {rate.ToString(CultureInfo.InvariantCulture)} must be a positive number of requests per second.");
        }

        var split = pool.Space.FindByRole(DynaSplit.Spaces.ParameterRole.SplitPoint);
        if (split is null || split.Minimum != 0 || split.Maximum != CutSizes.Vgg16.Count - 1)
        {
            throw new ArgumentException($"--bandwidth-trace and --arrival-rate need the bytes each split sends; they are known for VGG16 (split indices 0..{CutSizes.Vgg16.Count - 1}) only, and {pool.Source} has other split indices.");
        }

        var recorded = TestbedLink.Estimate(pool, CutSizes.Vgg16);
        return new NetworkConditions
        {
            Trace = trace is null ? BandwidthTrace.Constant(recorded.BandwidthBitsPerSecond) : BandwidthTrace.ReadCsv(trace.FullName),
            CutSizes = CutSizes.Vgg16,
            RecordedLink = recorded,
            ArrivalRatePerSecond = arrivalRate,
        };
    }

    /// <summary>Writes the link the pool was recorded on and each strategy's QoS and energy per segment of the trace.</summary>
    public static void Write(TextWriter output, NetworkConditions network, ComparisonResult comparison)
    {
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine();
        output.WriteLine(string.Create(inv,
            $"link: {network.Trace.Source}; recorded on {network.RecordedLink.BandwidthBitsPerSecond / 1e6:F1} Mbit/s + {network.RecordedLink.RoundTripMs:F2} ms per transfer; arrivals {(network.ArrivalRatePerSecond is { } r ? $"Poisson {r:G4}/s" : "back to back")}"));
        var first = comparison.Outcomes.FirstOrDefault(o => o.Segments.Count > 0);
        if (first is null || first.Segments.Count < 2)
        {
            return;
        }

        output.WriteLine($"{"QoS met / energy J per segment",-22}" + string.Concat(first.Segments.Select(s => string.Create(inv, $" {$"{s.StartSeconds:G6}s {s.BitsPerSecond / 1e6:G4}M",21}"))));
        foreach (var o in comparison.Outcomes)
        {
            output.WriteLine($"{o.Strategy,-22}" + string.Concat(o.Segments.Select(s => string.Create(inv, $" {$"{s.QosMet:P1} {s.MeanEnergyJ:F2}J n={s.Requests}",21}"))));
        }
    }
}
