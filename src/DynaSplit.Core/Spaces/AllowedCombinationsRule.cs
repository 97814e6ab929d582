namespace DynaSplit.Spaces;

/// <summary>
/// Only the listed combinations are valid, for example the configurations a measurement pool recorded.
/// Combinations are given as configuration keys (<see cref="Configuration.Key"/>) of a space with the same parameters.
/// </summary>
public sealed class AllowedCombinationsRule : ConfigurationRule
{
    private readonly string[] _keys;

    /// <summary>Creates the rule.</summary>
    /// <param name="description">What the combinations are (for example "measured in pool.csv").</param>
    /// <param name="keys">The allowed configuration keys.</param>
    public AllowedCombinationsRule(string description, IEnumerable<string> keys)
    {
        ArgumentException.ThrowIfNullOrEmpty(description);
        ArgumentNullException.ThrowIfNull(keys);
        Description = description;
        _keys = keys.Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>The number of allowed combinations.</summary>
    public int Count => _keys.Length;

    /// <inheritdoc />
    public override string Description { get; }

    /// <inheritdoc />
    public override ConfigurationPredicate Compile(ConfigurationSpace space)
    {
        if (!space.IsDiscrete)
        {
            throw new ArgumentException($"Rule '{Description}' needs a discrete space.");
        }

        var allowed = new HashSet<long>();
        foreach (var key in _keys)
        {
            var configuration = space.ParseKey(key);
            allowed.Add(space.GetOrdinal(configuration.Values));
        }

        return values => allowed.Contains(space.GetOrdinal(values));
    }
}
