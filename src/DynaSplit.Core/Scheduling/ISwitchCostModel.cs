using DynaSplit.Spaces;

namespace DynaSplit.Scheduling;

/// <summary>
/// What it costs to change the system from one configuration to another (the reconfiguration overhead): the DynaSplit
/// paper's testbed needed 154 ms mean, 533 ms max, per hardware change.
/// </summary>
public interface ISwitchCostModel
{
    /// <summary>The expected time to switch from <paramref name="from"/> (null: unknown state) to <paramref name="to"/>, ms; 0 when nothing changes.</summary>
    double EstimateMs(Configuration? from, Configuration to);
}
