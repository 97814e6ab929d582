namespace DynaSplit.Execution;

/// <summary>Energy over the stages of one inference.</summary>
internal static class StageEnergy
{
    /// <summary>The stages' energy summed, J; null unless every stage reports its energy.</summary>
    public static double? Sum(IReadOnlyList<StageMeasurement> stages)
    {
        double total = 0;
        foreach (var stage in stages)
        {
            if (stage.EnergyJ is not { } joules)
            {
                return null;
            }

            total += joules;
        }

        return total;
    }
}
