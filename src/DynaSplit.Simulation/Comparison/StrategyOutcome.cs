namespace DynaSplit.Simulation.Comparison;

/// <summary>How one strategy served a workload.</summary>
/// <param name="Strategy">The strategy's name.</param>
/// <param name="MeanLatencyMs">Mean latency per request, ms.</param>
/// <param name="MeanEnergyJ">Mean energy per inference, J.</param>
/// <param name="QosMet">Share of requests within their threshold, 0..1.</param>
/// <param name="EnergySavedVsCloud">1 - energy / cloud-only energy (0..1; negative when it uses more).</param>
public sealed record StrategyOutcome(string Strategy, double MeanLatencyMs, double MeanEnergyJ, double QosMet, double EnergySavedVsCloud)
{
    /// <summary>How many times the hardware settings changed while serving (averaged over offline seeds).</summary>
    public double Switches { get; init; }

    /// <summary>The outcome per rate of the bandwidth trace, when the replay ran over one (empty otherwise).</summary>
    public IReadOnlyList<DynaSplit.Simulation.Network.SegmentOutcome> Segments { get; init; } = [];

    /// <summary>Every request served, in order, when <see cref="ComparisonSettings.RecordRequests"/> was set (first offline seed; empty otherwise). Not serialized: thousands of rows per strategy.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<DynaSplit.Simulation.Network.ServedRequestRecord> Requests { get; init; } = [];
}
