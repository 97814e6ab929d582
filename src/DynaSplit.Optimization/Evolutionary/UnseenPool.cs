using DynaSplit.Spaces;

namespace DynaSplit.Optimization.Evolutionary;

/// <summary>
/// The valid configurations of an enumerable space that no one has proposed yet: O(1) removal and O(1) uniform
/// draws (swap-remove), so the optimizer can always fall back to an unseen configuration and knows when none is left.
/// </summary>
internal sealed class UnseenPool
{
    private readonly IReadOnlyList<Configuration> _valid;
    private readonly Dictionary<long, int> _indexByOrdinal;
    private readonly int[] _unseen;
    private readonly int[] _position;
    private readonly ConfigurationSpace _space;

    public UnseenPool(ConfigurationSpace space)
    {
        _space = space;
        _valid = space.ValidConfigurations;
        _indexByOrdinal = new Dictionary<long, int>(_valid.Count);
        _unseen = new int[_valid.Count];
        _position = new int[_valid.Count];
        for (var i = 0; i < _valid.Count; i++)
        {
            _indexByOrdinal[space.GetOrdinal(_valid[i].Values)] = i;
            _unseen[i] = i;
            _position[i] = i;
        }

        Count = _valid.Count;
    }

    /// <summary>Unseen valid configurations left.</summary>
    public int Count { get; private set; }

    /// <summary>True when <paramref name="values"/> (encoded) is a valid configuration no one has proposed yet. O(1), no allocation.</summary>
    public bool IsUnseen(ReadOnlySpan<double> values) =>
        _indexByOrdinal.TryGetValue(_space.GetOrdinal(values), out var index) && _position[index] >= 0;

    /// <summary>Marks a configuration seen; false when it was not in the pool (invalid or seen before).</summary>
    public bool Remove(Configuration configuration)
    {
        if (!_indexByOrdinal.TryGetValue(_space.GetOrdinal(configuration.Values), out var index))
        {
            return false;
        }

        var position = _position[index];
        if (position < 0)
        {
            return false;
        }

        var lastIndex = _unseen[Count - 1];
        _unseen[position] = lastIndex;
        _position[lastIndex] = position;
        _position[index] = -1;
        Count--;
        return true;
    }

    /// <summary>
    /// Takes the unseen configuration whose parameter levels best match <paramref name="levels"/>, or null when
    /// none is left. A matching parameter scores its level count, so the level of a parameter with many levels
    /// (the rarest to hit, such as the split index) outweighs those with few; ties are broken at random.
    /// O(unseen x parameters).
    /// </summary>
    public Configuration? TakeClosest(int[] levels, Random random)
    {
        Configuration? best = null;
        var bestScore = -1;
        var ties = 0;
        var parameters = _space.Parameters;
        for (var k = 0; k < Count; k++)
        {
            var candidate = _valid[_unseen[k]];
            var score = 0;
            for (var j = 0; j < levels.Length; j++)
            {
                if (levels[j] >= 0 && parameters[j].LevelOf(candidate[j]) == levels[j])
                {
                    score += parameters[j].LevelCount;
                }
            }

            if (score > bestScore)
            {
                best = candidate;
                bestScore = score;
                ties = 1;
            }
            else if (score == bestScore && random.Next(++ties) == 0)
            {
                best = candidate;
            }
        }

        if (best is not null)
        {
            Remove(best);
        }

        return best;
    }

    /// <summary>The unseen configurations, in the pool's current order (do not remove while enumerating).</summary>
    public IEnumerable<Configuration> Unseen
    {
        get
        {
            for (var k = 0; k < Count; k++)
            {
                yield return _valid[_unseen[k]];
            }
        }
    }

    /// <summary>A uniformly random unseen configuration, left in the pool, or null when none is left.</summary>
    public Configuration? PeekRandom(Random random) => Count == 0 ? null : _valid[_unseen[random.Next(Count)]];

    /// <summary>Takes a uniformly random unseen configuration, or null when none is left.</summary>
    public Configuration? TakeRandom(Random random)
    {
        if (Count == 0)
        {
            return null;
        }

        var configuration = _valid[_unseen[random.Next(Count)]];
        Remove(configuration);
        return configuration;
    }
}
