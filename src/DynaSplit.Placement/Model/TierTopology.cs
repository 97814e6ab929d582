using System.Globalization;

namespace DynaSplit.Placements.Model;

/// <summary>
/// The tiers a model's blocks can run on, ordered from the data source outwards (device, edge, cloud), and the links
/// that carry cut features outwards between them. Blocks never move back towards the source.
/// </summary>
/// <remarks>
/// A pair of tiers with no link cannot follow each other in a placement (a block on the first tier followed by one on
/// the second); a placement may still pass through a tier in between if both links exist.
/// </remarks>
public sealed class TierTopology
{
    private readonly ComputeTier[] _tiers;
    private readonly TierLink[] _links;
    private readonly TierLink?[,] _linkMatrix;
    private readonly Dictionary<string, int> _indices;

    /// <summary>Creates a topology.</summary>
    /// <param name="tiers">The tiers, data source first; names must be unique.</param>
    /// <param name="links">The links, each from a tier to one further out; at most one per pair.</param>
    /// <exception cref="ArgumentException">No tier, a name repeated or unknown, a link pointing back, or a link given twice.</exception>
    public TierTopology(IEnumerable<ComputeTier> tiers, IEnumerable<TierLink> links)
    {
        ArgumentNullException.ThrowIfNull(tiers);
        ArgumentNullException.ThrowIfNull(links);
        _tiers = tiers.ToArray();
        if (_tiers.Length == 0)
        {
            throw new ArgumentException("A topology needs at least one tier (the data source).", nameof(tiers));
        }

        if (_tiers.Length > sbyte.MaxValue)
        {
            throw new ArgumentException($"A topology has at most {sbyte.MaxValue} tiers; {_tiers.Length} were given.", nameof(tiers));
        }

        _indices = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < _tiers.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(_tiers[i], nameof(tiers));
            if (!_indices.TryAdd(_tiers[i].Name, i))
            {
                throw new ArgumentException($"Tier '{_tiers[i].Name}' appears twice in the topology; tier names must be unique.", nameof(tiers));
            }
        }

        _links = links.ToArray();
        _linkMatrix = new TierLink?[_tiers.Length, _tiers.Length];
        foreach (var link in _links)
        {
            ArgumentNullException.ThrowIfNull(link, nameof(links));
            var from = IndexOf(link.From);
            var to = IndexOf(link.To);
            if (from < 0 || to < 0)
            {
                throw new ArgumentException($"Link {link} names a tier the topology does not have ({Describe()}).", nameof(links));
            }

            if (to < from)
            {
                throw new ArgumentException($"Link {link} goes back towards the data source ({Describe()}); links carry features outwards.", nameof(links));
            }

            if (_linkMatrix[from, to] is not null)
            {
                throw new ArgumentException($"Link {link} is given twice.", nameof(links));
            }

            _linkMatrix[from, to] = link;
        }
    }

    /// <summary>The tiers, data source first.</summary>
    public IReadOnlyList<ComputeTier> Tiers => _tiers;

    /// <summary>The links.</summary>
    public IReadOnlyList<TierLink> Links => _links;

    /// <summary>The position of a tier (0 = data source), or -1.</summary>
    public int IndexOf(string tier) => _indices.TryGetValue(tier, out var index) ? index : -1;

    /// <summary>The link from tier <paramref name="from"/> to tier <paramref name="to"/> (positions), or null.</summary>
    public TierLink? GetLink(int from, int to) => _linkMatrix[from, to];

    /// <summary>
    /// A copy whose tiers have their capacity multiplied by <paramref name="capacityFactor"/> (by tier position), for
    /// a share of a tier that several applications use.
    /// </summary>
    /// <exception cref="ArgumentException">A factor is not positive and finite.</exception>
    public TierTopology WithCapacityFactors(Func<int, double> capacityFactor)
    {
        ArgumentNullException.ThrowIfNull(capacityFactor);
        var tiers = new ComputeTier[_tiers.Length];
        for (var i = 0; i < tiers.Length; i++)
        {
            var factor = capacityFactor(i);
            if (!(double.IsFinite(factor) && factor > 0))
            {
                throw new ArgumentOutOfRangeException(nameof(capacityFactor), factor, $"The capacity factor of tier '{_tiers[i].Name}' must be positive and finite.");
            }

            tiers[i] = new ComputeTier(_tiers[i].Name, _tiers[i].OperationsPerSecond * factor, _tiers[i].ActivePowerW);
        }

        return new TierTopology(tiers, _links);
    }

    /// <summary>The tier names in order, for messages ("device -> edge -> cloud").</summary>
    public string Describe() => string.Join(" -> ", _tiers.Select(t => t.Name));

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Describe()} ({_links.Length} links)");
}
