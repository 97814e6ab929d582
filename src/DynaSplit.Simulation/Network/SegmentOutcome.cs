namespace DynaSplit.Simulation.Network;

/// <summary>How one strategy served the requests that started while the trace held one rate.</summary>
/// <param name="StartSeconds">When the segment begins, s.</param>
/// <param name="EndSeconds">When the next begins, s (infinity for the last).</param>
/// <param name="BitsPerSecond">The link's rate in the segment.</param>
/// <param name="Requests">Requests that started in it.</param>
/// <param name="QosMet">Share of them within their threshold (NaN when none).</param>
/// <param name="MeanEnergyJ">Their mean energy, J (NaN when none).</param>
public sealed record SegmentOutcome(double StartSeconds, double EndSeconds, double BitsPerSecond, int Requests, double QosMet, double MeanEnergyJ)
{
    /// <summary>Field by field sum of the same segment from two runs (for averaging over seeds).</summary>
    internal static SegmentOutcome Sum(SegmentOutcome a, SegmentOutcome b) =>
        a with { Requests = a.Requests + b.Requests, QosMet = a.QosMet + b.QosMet, MeanEnergyJ = a.MeanEnergyJ + b.MeanEnergyJ };

    /// <summary>The sum divided by the number of runs.</summary>
    internal SegmentOutcome Over(int runs) => this with { Requests = Requests / runs, QosMet = QosMet / runs, MeanEnergyJ = MeanEnergyJ / runs };
}
