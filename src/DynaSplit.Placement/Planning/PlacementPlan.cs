using System.Globalization;
using System.Text;
using DynaSplit.Placements.Model;

namespace DynaSplit.Placements.Planning;

/// <summary>
/// A placement of an early-exit network with its modelled cost: the exit taken, the tier of each block run before it,
/// and the time and energy per sample.
/// </summary>
public sealed class PlacementPlan
{
    private readonly int[] _blockTiers;
    private readonly string[] _tierNames;

    internal PlacementPlan(
        string profileName, int exitIndex, ModelExit exit, int[] blockTiers, string[] tierNames,
        double computeSeconds, double transferSeconds, double computeJoules, double transferJoules, double transferredBits)
    {
        ProfileName = profileName;
        ExitIndex = exitIndex;
        Exit = exit;
        _blockTiers = blockTiers;
        _tierNames = tierNames;
        ComputeMs = computeSeconds * 1000;
        TransferMs = transferSeconds * 1000;
        LatencySeconds = computeSeconds + transferSeconds;
        ComputeEnergyJ = computeJoules;
        TransferEnergyJ = transferJoules;
        EnergyJ = computeJoules + transferJoules;
        TransferredBits = transferredBits;
    }

    /// <summary>The network's name.</summary>
    public string ProfileName { get; }

    /// <summary>The position of the exit taken among the profile's exits.</summary>
    public int ExitIndex { get; }

    /// <summary>The exit taken.</summary>
    public ModelExit Exit { get; }

    /// <summary>The accuracy of the exit taken, percent.</summary>
    public double AccuracyPercent => Exit.AccuracyPercent;

    /// <summary>The tier (position in the topology) of each block run, block 1 first; as many as the exit's <see cref="ModelExit.AfterBlocks"/>.</summary>
    public IReadOnlyList<int> BlockTiers => _blockTiers;

    /// <summary>The tier name of each block run.</summary>
    public IReadOnlyList<string> BlockTierNames => _tierNames;

    /// <summary>Compute time per sample, ms.</summary>
    public double ComputeMs { get; }

    /// <summary>Time spent sending cut features per sample, ms.</summary>
    public double TransferMs { get; }

    /// <summary>Latency per sample, ms (compute plus transfer).</summary>
    public double LatencyMs => LatencySeconds * 1000;

    /// <summary>Latency per sample, s; the value the requirements are checked against.</summary>
    internal double LatencySeconds { get; }

    /// <summary>Compute energy per sample, J.</summary>
    public double ComputeEnergyJ { get; }

    /// <summary>Energy of sending cut features (sender and receiver) per sample, J.</summary>
    public double TransferEnergyJ { get; }

    /// <summary>Energy per sample, J (compute plus transfer).</summary>
    public double EnergyJ { get; }

    /// <summary>Bits sent over links per sample.</summary>
    public double TransferredBits { get; }

    /// <summary>True when the plan takes strictly less than the latency limit and its exit reaches strictly more than the accuracy floor.</summary>
    public bool Meets(PlacementRequirements requirements)
    {
        ArgumentNullException.ThrowIfNull(requirements);
        return LatencySeconds < requirements.LatencyMs / 1000 && AccuracyPercent > requirements.AccuracyPercent;
    }

    /// <summary>
    /// The plan as the multi-tier core's placement over the exit's blocks: split point <c>i</c> is after block
    /// <c>i</c> (0 before the first, <see cref="ModelExit.AfterBlocks"/> after the last), one stage per run of blocks on
    /// a tier. The exit's own branch runs with the last stage.
    /// </summary>
    public DynaSplit.Topology.Placement ToPlacement()
    {
        var cuts = new List<int>();
        var tiers = new List<string> { _tierNames[0] };
        for (var i = 1; i < _blockTiers.Length; i++)
        {
            if (_blockTiers[i] != _blockTiers[i - 1])
            {
                cuts.Add(i);
                tiers.Add(_tierNames[i]);
            }
        }

        return new DynaSplit.Topology.Placement(cuts, tiers, _blockTiers.Length);
    }

    /// <summary>The runs of blocks per tier as text: <c>device[1-3] | cloud[4-5] -&gt; exit after 5</c>.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        var start = 0;
        for (var i = 1; i <= _blockTiers.Length; i++)
        {
            if (i < _blockTiers.Length && _blockTiers[i] == _blockTiers[start])
            {
                continue;
            }

            if (text.Length > 0)
            {
                text.Append(" | ");
            }

            text.Append(CultureInfo.InvariantCulture, $"{_tierNames[start]}[{start + 1}{(i - 1 > start ? $"-{i}" : string.Empty)}]");
            start = i;
        }

        return text.Append(CultureInfo.InvariantCulture, $" -> {Exit}").ToString();
    }

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Describe()}: {EnergyJ:G6} J, {LatencyMs:G6} ms, {AccuracyPercent:G6}%");
}
