namespace DynaSplit.Simulation.Network;

/// <summary>One request of a replay over a link, as served (for a timeline: rate, chosen split, latency, energy).</summary>
/// <param name="StartSeconds">When its service started, s of simulated time.</param>
/// <param name="BitsPerSecond">The link's rate (the trace's) when it started, bit/s.</param>
/// <param name="ThresholdMs">Its latency threshold, ms.</param>
/// <param name="Split">The split index of the chosen configuration (-1 when the space has none).</param>
/// <param name="Configuration">The chosen configuration's key.</param>
/// <param name="LatencyMs">Its latency, reconfiguration included, ms.</param>
/// <param name="SwitchMs">The reconfiguration it paid, ms.</param>
/// <param name="EnergyJ">Its energy, J.</param>
/// <param name="Met">Whether it met its threshold.</param>
public sealed record ServedRequestRecord(
    double StartSeconds,
    double BitsPerSecond,
    double ThresholdMs,
    int Split,
    string Configuration,
    double LatencyMs,
    double SwitchMs,
    double EnergyJ,
    bool Met);
