using DynaSplit.Spaces;

namespace DynaSplit.Optimization.Evolutionary;

/// <summary>
/// The valid configurations of an enumerable space that no one has proposed yet: O(1) removal and O(1) uniform
/// draws (swap-remove), so the optimizer can always fall back to an unseen configuration and knows when none is left.
/// The pool holds the valid configurations' ordinals (<see cref="ConfigurationSpace.GetOrdinal"/>, ascending, the
/// order of <see cref="ConfigurationSpace.ValidConfigurations"/>) in arrays of integers, not the configurations:
/// a space of a million combinations costs a few arrays of ints instead of a million objects that every garbage
/// collection would walk, and a configuration is built only when it is handed out.
/// </summary>
internal sealed class UnseenPool
{
    private readonly ConfigurationSpace _space;
    private readonly Parameter[] _parameters;
    private readonly int[] _ordinals;
    private readonly int[] _indexByOrdinal;
    private readonly int[] _unseen;
    private readonly int[] _position;
    private readonly double[] _values;

    /// <exception cref="ArgumentException">The space is not discrete or has more combinations than an array can index.</exception>
    public UnseenPool(ConfigurationSpace space)
    {
        if (!space.IsDiscrete || space.CombinationCount > Array.MaxLength)
        {
            throw new ArgumentException($"Only discrete spaces of at most {Array.MaxLength} combinations can be enumerated.", nameof(space));
        }

        _space = space;
        _parameters = space.Parameters.ToArray();
        _values = new double[_parameters.Length];
        var combinations = (int)space.CombinationCount;
        _indexByOrdinal = new int[combinations];
        var ordinals = new List<int>(space.Rules.Count == 0 ? combinations : 0);
        var levels = new int[_parameters.Length];
        var values = new double[_parameters.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = _parameters[i].ValueAt(0);
        }

        // Every combination in ordinal order (last parameter fastest); its values are in their domains by
        // construction, so only the rules decide.
        for (var ordinal = 0; ordinal < combinations; ordinal++)
        {
            if (space.Rules.Count == 0 || space.FindViolatedRule(values) is null)
            {
                _indexByOrdinal[ordinal] = ordinals.Count;
                ordinals.Add(ordinal);
            }
            else
            {
                _indexByOrdinal[ordinal] = -1;
            }

            for (var position = _parameters.Length - 1; position >= 0; position--)
            {
                if (++levels[position] < _parameters[position].LevelCount)
                {
                    values[position] = _parameters[position].ValueAt(levels[position]);
                    break;
                }

                levels[position] = 0;
                values[position] = _parameters[position].ValueAt(0);
            }
        }

        _ordinals = ordinals.ToArray();
        _unseen = new int[_ordinals.Length];
        _position = new int[_ordinals.Length];
        for (var i = 0; i < _ordinals.Length; i++)
        {
            _unseen[i] = i;
            _position[i] = i;
        }

        Count = _ordinals.Length;
    }

    /// <summary>Unseen valid configurations left.</summary>
    public int Count { get; private set; }

    /// <summary>
    /// True when the configuration with this ordinal (<see cref="ConfigurationSpace.GetOrdinal"/>) is valid and no
    /// one has proposed it yet. O(1), no allocation.
    /// </summary>
    public bool IsUnseen(long ordinal) =>
        (ulong)ordinal < (ulong)_indexByOrdinal.Length && _indexByOrdinal[ordinal] is var index && index >= 0 && _position[index] >= 0;

    /// <summary>Marks a configuration seen; false when it was not in the pool (invalid or seen before).</summary>
    public bool Remove(Configuration configuration)
    {
        var ordinal = _space.GetOrdinal(configuration.Values);
        return ordinal >= 0 && RemoveIndex(_indexByOrdinal[ordinal]);
    }

    /// <summary>
    /// Takes the unseen configuration whose parameter levels best match <paramref name="levels"/>, or null when
    /// none is left. A matching parameter scores its level count, so the level of a parameter with many levels
    /// (the rarest to hit, such as the split index) outweighs those with few; ties are broken at random.
    /// O(unseen x parameters).
    /// </summary>
    public Configuration? TakeClosest(int[] levels, Random random)
    {
        var best = -1;
        var bestScore = -1;
        var ties = 0;
        for (var k = 0; k < Count; k++)
        {
            var score = 0;
            var rest = _ordinals[_unseen[k]];
            for (var j = _parameters.Length - 1; j >= 0; j--)
            {
                var levelCount = _parameters[j].LevelCount;
                if (levels[j] >= 0 && rest % levelCount == levels[j])
                {
                    score += levelCount;
                }

                rest /= levelCount;
            }

            if (score > bestScore)
            {
                best = _unseen[k];
                bestScore = score;
                ties = 1;
            }
            else if (score == bestScore && random.Next(++ties) == 0)
            {
                best = _unseen[k];
            }
        }

        if (best < 0)
        {
            return null;
        }

        RemoveIndex(best);
        return Build(best);
    }

    /// <summary>The unseen configurations, in the pool's current order (do not remove while enumerating).</summary>
    public IEnumerable<Configuration> Unseen
    {
        get
        {
            for (var k = 0; k < Count; k++)
            {
                yield return Build(_unseen[k]);
            }
        }
    }

    /// <summary>A uniformly random unseen configuration, left in the pool, or null when none is left.</summary>
    public Configuration? PeekRandom(Random random) => Count == 0 ? null : Build(_unseen[random.Next(Count)]);

    /// <summary>Takes a uniformly random unseen configuration, or null when none is left.</summary>
    public Configuration? TakeRandom(Random random)
    {
        if (Count == 0)
        {
            return null;
        }

        var index = _unseen[random.Next(Count)];
        RemoveIndex(index);
        return Build(index);
    }

    private bool RemoveIndex(int index)
    {
        if (index < 0 || _position[index] < 0)
        {
            return false;
        }

        var position = _position[index];
        var lastIndex = _unseen[Count - 1];
        _unseen[position] = lastIndex;
        _position[lastIndex] = position;
        _position[index] = -1;
        Count--;
        return true;
    }

    /// <summary>The configuration of the pool's <paramref name="index"/>-th valid ordinal.</summary>
    private Configuration Build(int index)
    {
        var rest = _ordinals[index];
        for (var j = _parameters.Length - 1; j >= 0; j--)
        {
            var levelCount = _parameters[j].LevelCount;
            _values[j] = _parameters[j].ValueAt(rest % levelCount);
            rest /= levelCount;
        }

        return _space.Create(_values);
    }
}
