namespace DynaSplit.Placements.Reference;

/// <summary>How FIN at one gamma does against the optimum over one network's whole grid.</summary>
/// <param name="Model">The network's name.</param>
/// <param name="Gamma">FIN's number of latency levels.</param>
/// <param name="FeasiblePoints">Grid points where the optimum exists.</param>
/// <param name="FoundPoints">Of those, the points where FIN found a plan.</param>
/// <param name="OptimalPoints">Of those, the points where FIN's plan has the optimum's energy.</param>
/// <param name="MeanExcess">Mean of FIN / optimum - 1 over the points FIN found.</param>
/// <param name="MaxExcess">Largest FIN / optimum - 1.</param>
public sealed record GammaRow(string Model, int Gamma, int FeasiblePoints, int FoundPoints, int OptimalPoints, double MeanExcess, double MaxExcess);
