using DynaSplit.Placements.Model;

namespace DynaSplit.Placements.Planning;

/// <summary>
/// The cost of a placement, per sample, as in FIN's reference code: a block of <c>o</c> operations on a tier of
/// capacity <c>c</c> and power <c>P</c> takes <c>o / c</c> s and <c>P o / c</c> J; a cut between a block on tier
/// <c>a</c> and the next on tier <c>b &gt; a</c> sends the first block's output bits over link <c>a -&gt; b</c>
/// (bits / rate s, bits x (sender + receiver J per bit) J). Only the blocks up to the chosen exit run; block 1 runs on
/// the data source (tier 0); blocks never move back towards it.
/// </summary>
public static class PlacementCostModel
{
    /// <summary>Costs a placement.</summary>
    /// <param name="topology">The tiers and links.</param>
    /// <param name="profile">The network.</param>
    /// <param name="exitIndex">The position of the exit taken among the profile's exits.</param>
    /// <param name="blockTiers">The tier position of each block run (as many as the exit's <see cref="ModelExit.AfterBlocks"/>).</param>
    /// <exception cref="ArgumentException">The placement is not one the model allows; the message says which block breaks which rule.</exception>
    public static PlacementPlan Evaluate(TierTopology topology, EarlyExitProfile profile, int exitIndex, IReadOnlyList<int> blockTiers)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(profile);
        return Evaluate(CostTables.Build(topology, profile), topology, profile, exitIndex, blockTiers);
    }

    internal static PlacementPlan Evaluate(CostTables tables, TierTopology topology, EarlyExitProfile profile, int exitIndex, IReadOnlyList<int> blockTiers)
    {
        ArgumentNullException.ThrowIfNull(blockTiers);
        if ((uint)exitIndex >= (uint)profile.Exits.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(exitIndex), exitIndex, $"{profile.Name} has exits 0..{profile.Exits.Count - 1}.");
        }

        var exit = profile.Exits[exitIndex];
        if (blockTiers.Count != exit.AfterBlocks)
        {
            throw new ArgumentException($"{profile.Name}: {exit} runs {exit.AfterBlocks} block(s), but {blockTiers.Count} tier(s) were given.", nameof(blockTiers));
        }

        if (blockTiers[0] != 0)
        {
            throw new ArgumentException($"{profile.Name}: block 1 must run on the data source '{topology.Tiers[0].Name}'.", nameof(blockTiers));
        }

        var tiers = new int[blockTiers.Count];
        var names = new string[blockTiers.Count];
        double computeSeconds = 0, transferSeconds = 0, computeJoules = 0, transferJoules = 0, bits = 0;
        for (var i = 0; i < tiers.Length; i++)
        {
            var tier = blockTiers[i];
            if ((uint)tier >= (uint)topology.Tiers.Count)
            {
                throw new ArgumentOutOfRangeException(nameof(blockTiers), tier, $"{profile.Name}: block {i + 1} is on tier {tier}; the topology has tiers 0..{topology.Tiers.Count - 1} ({topology.Describe()}).");
            }

            if (i > 0)
            {
                var from = tiers[i - 1];
                if (tier < from)
                {
                    throw new ArgumentException($"{profile.Name}: block {i + 1} on '{topology.Tiers[tier].Name}' moves back towards the data source from block {i} on '{topology.Tiers[from].Name}'.", nameof(blockTiers));
                }

                if (!tables.HasLink[from, tier])
                {
                    throw new ArgumentException($"{profile.Name}: block {i + 1} on '{topology.Tiers[tier].Name}' follows block {i} on '{topology.Tiers[from].Name}', but the topology has no link {topology.Tiers[from].Name}->{topology.Tiers[tier].Name}.", nameof(blockTiers));
                }

                if (tier != from)
                {
                    transferSeconds += tables.TransferSeconds[i - 1, from, tier];
                    transferJoules += tables.TransferJoules[i - 1, from, tier];
                    bits += profile.Blocks[i - 1].OutputBits;
                }
            }

            computeSeconds += tables.ComputeSeconds[i, tier];
            computeJoules += tables.ComputeJoules[i, tier];
            tiers[i] = tier;
            names[i] = topology.Tiers[tier].Name;
        }

        computeSeconds += tables.ExitSeconds[exitIndex, tiers[^1]];
        computeJoules += tables.ExitJoules[exitIndex, tiers[^1]];
        return new PlacementPlan(profile.Name, exitIndex, exit, tiers, names, computeSeconds, transferSeconds, computeJoules, transferJoules, bits);
    }
}
