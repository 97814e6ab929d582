namespace DynaSplit.Cli.Plotting;

/// <summary>A configuration in the latency x energy plane.</summary>
/// <param name="Configuration">The configuration's key.</param>
/// <param name="LatencyMs">Latency, ms.</param>
/// <param name="EnergyJ">Energy per inference, J.</param>
internal sealed record PlotPoint(string Configuration, double LatencyMs, double EnergyJ);
