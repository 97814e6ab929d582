using DynaSplit.Placements.Model;

namespace DynaSplit.Placements.Planning;

/// <summary>
/// The time and energy of every step a placement can take, computed once per problem: each block and exit on each
/// tier, and each cut feature over each link. Seconds and joules.
/// </summary>
internal sealed class CostTables
{
    private CostTables(int blocks, int tiers)
    {
        Blocks = blocks;
        TierCount = tiers;
        ComputeSeconds = new double[blocks, tiers];
        ComputeJoules = new double[blocks, tiers];
        TransferSeconds = new double[Math.Max(0, blocks - 1), tiers, tiers];
        TransferJoules = new double[Math.Max(0, blocks - 1), tiers, tiers];
        HasLink = new bool[tiers, tiers];
    }

    public int Blocks { get; }

    public int TierCount { get; }

    /// <summary>Block <c>i</c> (0-based) on tier <c>t</c>.</summary>
    public double[,] ComputeSeconds { get; }

    /// <inheritdoc cref="ComputeSeconds"/>
    public double[,] ComputeJoules { get; }

    /// <summary>Exit <c>e</c>'s own branch on tier <c>t</c>.</summary>
    public double[,] ExitSeconds { get; private set; } = new double[0, 0];

    /// <inheritdoc cref="ExitSeconds"/>
    public double[,] ExitJoules { get; private set; } = new double[0, 0];

    /// <summary>The feature after block <c>i</c> (0-based) sent from tier <c>a</c> to tier <c>b &gt; a</c>.</summary>
    public double[,,] TransferSeconds { get; }

    /// <inheritdoc cref="TransferSeconds"/>
    public double[,,] TransferJoules { get; }

    /// <summary>True when a block on tier <c>b</c> may follow one on tier <c>a</c> (the same tier, or a link).</summary>
    public bool[,] HasLink { get; }

    public static CostTables Build(TierTopology topology, EarlyExitProfile profile)
    {
        var tiers = topology.Tiers;
        var blocks = profile.Blocks;
        var exits = profile.Exits;
        var tables = new CostTables(blocks.Count, tiers.Count)
        {
            ExitSeconds = new double[exits.Count, tiers.Count],
            ExitJoules = new double[exits.Count, tiers.Count],
        };
        for (var t = 0; t < tiers.Count; t++)
        {
            for (var i = 0; i < blocks.Count; i++)
            {
                var seconds = blocks[i].Operations / tiers[t].OperationsPerSecond;
                tables.ComputeSeconds[i, t] = seconds;
                tables.ComputeJoules[i, t] = tiers[t].ActivePowerW * seconds;
            }

            for (var e = 0; e < exits.Count; e++)
            {
                var seconds = exits[e].Operations / tiers[t].OperationsPerSecond;
                tables.ExitSeconds[e, t] = seconds;
                tables.ExitJoules[e, t] = tiers[t].ActivePowerW * seconds;
            }
        }

        for (var a = 0; a < tiers.Count; a++)
        {
            tables.HasLink[a, a] = true;
            for (var b = a + 1; b < tiers.Count; b++)
            {
                if (topology.GetLink(a, b) is not { } link)
                {
                    continue;
                }

                tables.HasLink[a, b] = true;
                for (var i = 0; i + 1 < blocks.Count; i++)
                {
                    var bits = blocks[i].OutputBits;
                    tables.TransferSeconds[i, a, b] = bits / link.RateBitsPerSecond;
                    tables.TransferJoules[i, a, b] = bits * (link.SenderJoulesPerBit + link.ReceiverJoulesPerBit);
                }
            }
        }

        return tables;
    }

    /// <summary>The time of running block <paramref name="block"/> on <paramref name="to"/> after block <c>block - 1</c> ran on <paramref name="from"/>.</summary>
    public double StepSeconds(int block, int from, int to) =>
        ComputeSeconds[block, to] + (to != from ? TransferSeconds[block - 1, from, to] : 0);

    /// <summary>The energy of the same step.</summary>
    public double StepJoules(int block, int from, int to) =>
        ComputeJoules[block, to] + (to != from ? TransferJoules[block - 1, from, to] : 0);
}
