using DynaSplit.Spaces;

namespace DynaSplit.Topology;

/// <summary>Reads a configuration's placement: its cut-point parameters, in the space's order, and the stages' tiers.</summary>
public static class ConfigurationPlacement
{
    /// <summary>
    /// The placement <paramref name="configuration"/> stands for: its parameters whose <see cref="Parameter.Setting"/>
    /// is <see cref="SettingKind.CutPoint"/>, taken in ascending order, cut the model into stages run on
    /// <paramref name="tiers"/> in order. The model's last split index is the cut parameters' largest value.
    /// </summary>
    /// <exception cref="ArgumentException">The space has no cut point, or the number of tiers is not the number of cuts plus one.</exception>
    public static Placement Resolve(Configuration configuration, IReadOnlyList<string> tiers)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(tiers);
        var parameters = configuration.Space.Parameters;
        var cuts = new List<int>(2);
        var lastCut = 0;
        for (var i = 0; i < parameters.Count; i++)
        {
            if (parameters[i].Setting == SettingKind.CutPoint)
            {
                cuts.Add(checked((int)configuration[i]));
                lastCut = Math.Max(lastCut, checked((int)parameters[i].Maximum));
            }
        }

        if (cuts.Count == 0)
        {
            throw new ArgumentException($"Configuration '{configuration.Key}' has no cut-point parameter (setting kind CutPoint), so it places no stage; add the split parameter to the space.", nameof(configuration));
        }

        if (tiers.Count != cuts.Count + 1)
        {
            throw new ArgumentException($"Configuration '{configuration.Key}' has {cuts.Count} cut point(s), so {cuts.Count + 1} stages, but {tiers.Count} tier(s) were given ({string.Join(", ", tiers)}).", nameof(tiers));
        }

        cuts.Sort();
        return new Placement(cuts, tiers, lastCut);
    }
}
