using System.Globalization;

namespace DynaSplit.Topology;

/// <summary>
/// Where each part of a model runs: the model's split points cut at <see cref="Cuts"/> into
/// <c>Cuts.Count + 1</c> stages, stage <c>i</c> on tier <see cref="Tiers"/>[i]. Today's two-tier split at index
/// <c>k</c> is the placement with one cut <c>k</c> and tiers edge, cloud (<see cref="TwoTier"/>).
/// </summary>
/// <remarks>
/// Split points are numbered as in <see cref="Planning.SplitPlan"/>: 0 is before the first node (nothing on the first
/// tier), <see cref="LastCut"/> is after the last (everything on the first tier). Cuts never decrease, so stages are
/// contiguous and may be empty (two equal cuts): an empty stage passes its inputs through.
/// </remarks>
public sealed class Placement : IEquatable<Placement>
{
    private readonly int[] _cuts;
    private readonly string[] _tiers;
    private readonly PlacementStage[] _stages;

    /// <summary>Creates a placement.</summary>
    /// <param name="cuts">The cut points, non-decreasing, each in 0..<paramref name="lastCut"/>.</param>
    /// <param name="tiers">The tier of each stage: one more than there are cuts.</param>
    /// <param name="lastCut">The model's last split index (its number of split points minus one).</param>
    public Placement(IReadOnlyList<int> cuts, IReadOnlyList<string> tiers, int lastCut)
    {
        ArgumentNullException.ThrowIfNull(cuts);
        ArgumentNullException.ThrowIfNull(tiers);
        ArgumentOutOfRangeException.ThrowIfNegative(lastCut);
        if (tiers.Count != cuts.Count + 1)
        {
            throw new ArgumentException($"A placement with {cuts.Count} cut(s) has {cuts.Count + 1} stages and needs as many tiers; {tiers.Count} were given ({string.Join(", ", tiers)}).", nameof(tiers));
        }

        for (var i = 0; i < cuts.Count; i++)
        {
            if (cuts[i] < 0 || cuts[i] > lastCut)
            {
                throw new ArgumentOutOfRangeException(nameof(cuts), cuts[i], $"Cut {i} is {cuts[i]}; the model's split points are 0..{lastCut}.");
            }

            if (i > 0 && cuts[i] < cuts[i - 1])
            {
                throw new ArgumentException($"Cuts must not decrease: cut {i} ({cuts[i]}) is before cut {i - 1} ({cuts[i - 1]}).", nameof(cuts));
            }
        }

        _cuts = cuts.ToArray();
        _tiers = tiers.Select((t, i) => TierNames.Validate(t, nameof(tiers))).ToArray();
        LastCut = lastCut;
        _stages = new PlacementStage[_tiers.Length];
        for (var i = 0; i < _stages.Length; i++)
        {
            _stages[i] = new PlacementStage(i, _tiers[i], i == 0 ? 0 : _cuts[i - 1], i == _cuts.Length ? lastCut : _cuts[i]);
        }
    }

    /// <summary>The cut points, non-decreasing.</summary>
    public IReadOnlyList<int> Cuts => _cuts;

    /// <summary>The tier of each stage.</summary>
    public IReadOnlyList<string> Tiers => _tiers;

    /// <summary>The model's last split index.</summary>
    public int LastCut { get; }

    /// <summary>The stages in order, empty ones included.</summary>
    public IReadOnlyList<PlacementStage> Stages => _stages;

    /// <summary>The DynaSplit paper's split: the head (split points 0..<paramref name="split"/>) on the edge, the tail in the cloud.</summary>
    public static Placement TwoTier(int split, int lastCut, string edgeTier = TierNames.Edge, string cloudTier = TierNames.Cloud) =>
        new([split], [edgeTier, cloudTier], lastCut);

    /// <summary>Checks the placement against a topology: every tier exists and stages never move back towards the data source.</summary>
    /// <exception cref="ArgumentException">A tier is unknown, or a stage runs on a tier before the previous stage's.</exception>
    public void Validate(SystemTopology topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        var previous = -1;
        foreach (var stage in _stages)
        {
            var index = topology.IndexOf(stage.Tier);
            if (index < 0)
            {
                throw new ArgumentException($"Placement {this}: {stage} runs on tier '{stage.Tier}', which the topology ({topology.Describe()}) does not have.");
            }

            if (index < previous)
            {
                throw new ArgumentException($"Placement {this}: {stage} moves back towards the data source ({topology.Describe()}); a later stage must run on the same tier or one further out.");
            }

            previous = index;
        }
    }

    /// <inheritdoc />
    public bool Equals(Placement? other) =>
        other is not null && LastCut == other.LastCut && _cuts.AsSpan().SequenceEqual(other._cuts) && _tiers.AsSpan().SequenceEqual(other._tiers);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Placement);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(LastCut);
        foreach (var cut in _cuts)
        {
            hash.Add(cut);
        }

        foreach (var tier in _tiers)
        {
            hash.Add(tier, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    /// <summary>The placement as text: <c>edge[0..7] | cloud[7..22]</c>.</summary>
    public override string ToString() =>
        string.Join(" | ", _stages.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Tier}[{s.FromCut}..{s.ToCut}]")));
}
