namespace DynaSplit.Trials;

/// <summary>Where the energy of one inference went, in joules.</summary>
/// <param name="EdgeJ">The edge device.</param>
/// <param name="CloudJ">The cloud node.</param>
public sealed record EnergyBreakdown(double EdgeJ, double CloudJ);
