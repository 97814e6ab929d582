namespace DynaSplit.Cli.Commands;

/// <summary>What <c>hypervolume --json</c> prints and <c>plot</c> reads back.</summary>
/// <param name="Command">"hypervolume".</param>
/// <param name="Parameters">The options the run used.</param>
/// <param name="Median">The median ratio over the seeds.</param>
/// <param name="Min">The smallest ratio.</param>
/// <param name="Max">The largest ratio.</param>
/// <param name="Runs">The ratio of each seed, seed 0 first.</param>
internal sealed record HypervolumeReport(string Command, HypervolumeParameters Parameters, double Median, double Min, double Max, IReadOnlyList<double> Runs)
{
    public const string CommandName = "hypervolume";
}

/// <summary>The options a hypervolume run used, defaults included.</summary>
internal sealed record HypervolumeParameters(string Pool, double Budget, int BudgetConfigurations, string Optimizer, int Seeds, IReadOnlyList<string> Objectives);
