using DynaSplit.Spaces;

namespace DynaSplit.Optimization;

/// <summary>Prior configurations for <see cref="GeneticOptions.PriorConfigurations"/>: the extremes users always need.</summary>
public static class PriorDesigns
{
    private const long EnumerationLimit = 2_000_000;

    /// <summary>
    /// The corners of the split range: the split-point parameter (<see cref="ParameterRole.SplitPoint"/>) at its
    /// lowest level (all in the cloud) and at its highest (all on the edge), each with every other discrete parameter
    /// at its lowest level and at its highest (for the paper's spaces: slowest and fastest CPU frequency,
    /// accelerators off and on), so up to four configurations; each corner that breaks a rule is replaced by the valid
    /// configuration that agrees with it in the most parameters (a split's level weighs most). Empty when the space
    /// has no split-point parameter or is not discrete.
    /// </summary>
    public static IEnumerable<Configuration> SplitCorners(ConfigurationSpace space)
    {
        ArgumentNullException.ThrowIfNull(space);
        if (!space.IsDiscrete || space.FindByRole(ParameterRole.SplitPoint) is not { } split)
        {
            return [];
        }

        var parameters = space.Parameters;
        var splitIndex = parameters.ToList().IndexOf(split);
        var corners = new List<Configuration>();
        foreach (var splitLevel in new[] { 0, split.LevelCount - 1 })
        {
            foreach (var high in new[] { false, true })
            {
                var levels = parameters.Select((p, j) => j == splitIndex ? splitLevel : high ? p.LevelCount - 1 : 0).ToArray();
                if (space.CombinationCount > EnumerationLimit)
                {
                    // Too large to search for the nearest valid one: the exact corner when it is valid.
                    var values = levels.Select((level, j) => parameters[j].ValueAt(level)).ToArray();
                    if (space.IsValid(values) && space.Create(values) is var corner && !corners.Contains(corner))
                    {
                        corners.Add(corner);
                    }

                    continue;
                }

                Configuration? best = null;
                var bestScore = -1;
                foreach (var candidate in space.ValidConfigurations)
                {
                    var score = 0;
                    for (var j = 0; j < levels.Length; j++)
                    {
                        if (parameters[j].LevelOf(candidate[j]) == levels[j])
                        {
                            score += j == splitIndex ? 1_000_000 : parameters[j].LevelCount;
                        }
                    }

                    if (score > bestScore)
                    {
                        (best, bestScore) = (candidate, score);
                    }
                }

                if (best is not null && !corners.Contains(best))
                {
                    corners.Add(best);
                }
            }
        }

        return corners;
    }
}
