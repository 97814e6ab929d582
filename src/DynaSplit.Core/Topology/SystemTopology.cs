namespace DynaSplit.Topology;

/// <summary>
/// The tiers that can run stages of a model, ordered from the data source outwards (device, edge, cloud), and the
/// links between consecutive tiers. Stages of a <see cref="Placement"/> never move back towards the source.
/// </summary>
public sealed class SystemTopology
{
    private readonly Tier[] _tiers;
    private readonly Dictionary<string, int> _indices;
    private readonly Dictionary<(string From, string To), Link> _links;

    /// <summary>Creates a topology.</summary>
    /// <param name="tiers">The tiers, data source first; names must be unique.</param>
    /// <param name="links">Links between tiers (optional: a link that is not given is unknown, not absent).</param>
    public SystemTopology(IEnumerable<Tier> tiers, IEnumerable<Link>? links = null)
    {
        ArgumentNullException.ThrowIfNull(tiers);
        _tiers = tiers.ToArray();
        if (_tiers.Length == 0)
        {
            throw new ArgumentException("A topology needs at least one tier.", nameof(tiers));
        }

        _indices = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < _tiers.Length; i++)
        {
            if (!_indices.TryAdd(_tiers[i].Name, i))
            {
                throw new ArgumentException($"Tier '{_tiers[i].Name}' appears twice in the topology; tier names must be unique.", nameof(tiers));
            }
        }

        _links = [];
        foreach (var link in links ?? [])
        {
            var from = IndexOf(link.From);
            var to = IndexOf(link.To);
            if (from < 0 || to < 0)
            {
                throw new ArgumentException($"Link {link} names a tier the topology does not have ({Describe()}).", nameof(links));
            }

            if (to <= from)
            {
                throw new ArgumentException($"Link {link} goes back towards the data source; links carry stages outwards ({Describe()}).", nameof(links));
            }

            if (!_links.TryAdd((link.From, link.To), link))
            {
                throw new ArgumentException($"Link {link} is given twice.", nameof(links));
            }
        }
    }

    /// <summary>The tiers, data source first.</summary>
    public IReadOnlyList<Tier> Tiers => _tiers;

    /// <summary>The known links.</summary>
    public IReadOnlyCollection<Link> Links => _links.Values;

    /// <summary>The two-tier system of the DynaSplit paper: edge, cloud.</summary>
    public static SystemTopology EdgeCloud { get; } = new([new Tier(TierNames.Edge), new Tier(TierNames.Cloud)]);

    /// <summary>The three-tier system of FIN: device, edge, cloud.</summary>
    public static SystemTopology DeviceEdgeCloud { get; } = new([new Tier(TierNames.Device), new Tier(TierNames.Edge), new Tier(TierNames.Cloud)]);

    /// <summary>The position of a tier (0 = data source), or -1.</summary>
    public int IndexOf(string tier) => _indices.TryGetValue(tier, out var index) ? index : -1;

    /// <summary>The tier named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">The topology has no such tier; the message lists those it has.</exception>
    public Tier GetTier(string name) => IndexOf(name) is var i and >= 0
        ? _tiers[i]
        : throw new KeyNotFoundException($"The topology has no tier '{name}'; it has {Describe()}.");

    /// <summary>The link from one tier to another, when known.</summary>
    public Link? FindLink(string from, string to) => _links.GetValueOrDefault((from, to));

    /// <summary>The tier names in order, for messages ("edge -> cloud").</summary>
    public string Describe() => string.Join(" -> ", _tiers.Select(t => t.Name));
}
