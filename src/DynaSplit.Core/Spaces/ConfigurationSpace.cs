namespace DynaSplit.Spaces;

/// <summary>
/// The configuration space: named parameters and the validity rules between them. Immutable and thread-safe.
/// A discrete space enumerates and counts its valid configurations; every configuration has a stable key.
/// </summary>
public sealed class ConfigurationSpace
{
    private readonly Parameter[] _parameters;
    private readonly Dictionary<string, int> _indexByName;
    private readonly ConfigurationRule[] _rules;
    private readonly ConfigurationPredicate[] _predicates;
    private readonly Lazy<Configuration[]> _valid;

    /// <summary>Creates a space.</summary>
    /// <param name="parameters">The parameters, in key order; names must be unique.</param>
    /// <param name="rules">Validity rules; each is compiled against these parameters.</param>
    /// <exception cref="ArgumentException">A name repeats, or a rule names something the space does not have.</exception>
    public ConfigurationSpace(IEnumerable<Parameter> parameters, IEnumerable<ConfigurationRule>? rules = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _parameters = parameters.ToArray();
        if (_parameters.Length == 0)
        {
            throw new ArgumentException("A configuration space needs at least one parameter.", nameof(parameters));
        }

        _indexByName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < _parameters.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(_parameters[i], nameof(parameters));
            if (!_indexByName.TryAdd(_parameters[i].Name, i))
            {
                throw new ArgumentException($"Parameter name '{_parameters[i].Name}' appears twice in the space.", nameof(parameters));
            }
        }

        IsDiscrete = _parameters.All(p => p.IsDiscrete);
        _rules = rules?.ToArray() ?? [];
        _predicates = new ConfigurationPredicate[_rules.Length];
        for (var i = 0; i < _rules.Length; i++)
        {
            _predicates[i] = _rules[i].Compile(this);
        }

        _valid = new Lazy<Configuration[]>(EnumerateValidCore, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The parameters, in key order.</summary>
    public IReadOnlyList<Parameter> Parameters => _parameters;

    /// <summary>The validity rules.</summary>
    public IReadOnlyList<ConfigurationRule> Rules => _rules;

    /// <summary>True when every parameter is discrete, so the space can be enumerated.</summary>
    public bool IsDiscrete { get; }

    /// <summary>The number of combinations before rules (the product of the level counts); 0 for a non-discrete space.</summary>
    public long CombinationCount => IsDiscrete ? _parameters.Aggregate(1L, (product, p) => checked(product * p.LevelCount)) : 0;

    /// <summary>The parameter with the given name.</summary>
    /// <exception cref="KeyNotFoundException">No such parameter; the message lists the ones there are.</exception>
    public Parameter this[string name] => _parameters[IndexOf(name)];

    /// <summary>The position of a parameter.</summary>
    /// <exception cref="KeyNotFoundException">No such parameter; the message lists the ones there are.</exception>
    public int IndexOf(string name) => _indexByName.TryGetValue(name, out var index)
        ? index
        : throw new KeyNotFoundException($"The configuration space has no parameter '{name}'; it has: {string.Join(", ", _parameters.Select(p => p.Name))}.");

    /// <summary>Looks up the position of a parameter.</summary>
    public bool TryGetIndex(string name, out int index) => _indexByName.TryGetValue(name, out index);

    /// <summary>The position of the first parameter with <paramref name="role"/>, or -1.</summary>
    public int IndexOfRole(ParameterRole role) => Array.FindIndex(_parameters, p => p.Role == role);

    /// <summary>The first parameter with <paramref name="role"/>, or null.</summary>
    public Parameter? FindByRole(ParameterRole role) => Array.Find(_parameters, p => p.Role == role);

    /// <summary>Creates a configuration from encoded values in parameter order.</summary>
    /// <exception cref="ArgumentException">A value is outside its parameter's domain, or the count is wrong.</exception>
    public Configuration Create(ReadOnlySpan<double> values)
    {
        if (values.Length != _parameters.Length)
        {
            throw new ArgumentException($"Expected {_parameters.Length} values ({string.Join(", ", _parameters.Select(p => p.Name))}), got {values.Length}.", nameof(values));
        }

        for (var i = 0; i < values.Length; i++)
        {
            if (!_parameters[i].Contains(values[i]))
            {
                throw new ArgumentException($"Value {values[i]} is not in the domain of parameter '{_parameters[i].Name}': {_parameters[i].DescribeDomain()}.", nameof(values));
            }
        }

        return new Configuration(this, values.ToArray());
    }

    /// <summary>Creates a configuration from one label per parameter.</summary>
    /// <exception cref="ArgumentException">A parameter is missing or unknown, or a label is not in its domain.</exception>
    public Configuration Create(IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return TryCreate(labels, out var configuration, out var error)
            ? configuration
            : throw new ArgumentException(error, nameof(labels));
    }

    /// <summary>Creates a configuration from labels; on failure <paramref name="error"/> says what is wrong.</summary>
    public bool TryCreate(IReadOnlyDictionary<string, string> labels, out Configuration configuration, out string error)
    {
        ArgumentNullException.ThrowIfNull(labels);
        configuration = null!;
        foreach (var name in labels.Keys)
        {
            if (!_indexByName.ContainsKey(name))
            {
                error = $"Unknown parameter '{name}'; the space has: {string.Join(", ", _parameters.Select(p => p.Name))}.";
                return false;
            }
        }

        var values = new double[_parameters.Length];
        for (var i = 0; i < _parameters.Length; i++)
        {
            var parameter = _parameters[i];
            if (!labels.TryGetValue(parameter.Name, out var label))
            {
                error = $"No value for parameter '{parameter.Name}'.";
                return false;
            }

            if (!parameter.TryParse(label, out values[i]))
            {
                error = $"'{label}' is not in the domain of parameter '{parameter.Name}': {parameter.DescribeDomain()}.";
                return false;
            }
        }

        configuration = new Configuration(this, values);
        error = string.Empty;
        return true;
    }

    /// <summary>Parses a key written by <see cref="Configuration.Key"/>.</summary>
    /// <exception cref="FormatException">The key is malformed or names values outside the domains.</exception>
    public Configuration ParseKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in key.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            if (equals <= 0 || !labels.TryAdd(pair[..equals].Trim(), pair[(equals + 1)..].Trim()))
            {
                throw new FormatException($"Configuration key '{key}': '{pair}' is not a 'name=value' pair, or the name repeats.");
            }
        }

        return TryCreate(labels, out var configuration, out var error)
            ? configuration
            : throw new FormatException($"Configuration key '{key}': {error}");
    }

    /// <summary>True when every value is in its domain and every rule holds.</summary>
    public bool IsValid(ReadOnlySpan<double> values)
    {
        if (values.Length != _parameters.Length)
        {
            return false;
        }

        for (var i = 0; i < values.Length; i++)
        {
            if (!_parameters[i].Contains(values[i]))
            {
                return false;
            }
        }

        foreach (var predicate in _predicates)
        {
            if (!predicate(values))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when the configuration has this space's parameters and satisfies every rule.</summary>
    public bool IsValid(Configuration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return (ReferenceEquals(configuration.Space, this) || HasSameParameters(configuration.Space)) && IsValid(configuration.Values);
    }

    /// <summary>The first rule the values break, or null when they satisfy all.</summary>
    public ConfigurationRule? FindViolatedRule(ReadOnlySpan<double> values)
    {
        for (var i = 0; i < _predicates.Length; i++)
        {
            if (!_predicates[i](values))
            {
                return _rules[i];
            }
        }

        return null;
    }

    /// <summary>
    /// The index of a discrete configuration in mixed radix over the parameters' levels (first parameter most
    /// significant), or -1 when a value is outside its domain. Unique within the space; stable across runs.
    /// </summary>
    public long GetOrdinal(ReadOnlySpan<double> values)
    {
        if (!IsDiscrete)
        {
            throw new InvalidOperationException("Only discrete spaces have configuration ordinals.");
        }

        long ordinal = 0;
        for (var i = 0; i < _parameters.Length; i++)
        {
            var level = _parameters[i].LevelOf(values[i]);
            if (level < 0)
            {
                return -1;
            }

            ordinal = (ordinal * _parameters[i].LevelCount) + level;
        }

        return ordinal;
    }

    /// <summary>The valid configurations of a discrete space, in ordinal order (computed once, then cached).</summary>
    /// <exception cref="InvalidOperationException">The space has a real-valued parameter.</exception>
    public IReadOnlyList<Configuration> ValidConfigurations => _valid.Value;

    /// <summary>The number of valid configurations of a discrete space.</summary>
    public int CountValid() => _valid.Value.Length;

    /// <summary>A copy of this space with more rules.</summary>
    public ConfigurationSpace WithRules(params ConfigurationRule[] rules) => new(_parameters, _rules.Concat(rules));

    /// <summary>True when both spaces have the same parameters (names, kinds and domains) in the same order.</summary>
    public bool HasSameParameters(ConfigurationSpace other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other._parameters.Length != _parameters.Length)
        {
            return false;
        }

        for (var i = 0; i < _parameters.Length; i++)
        {
            var a = _parameters[i];
            var b = other._parameters[i];
            if (a.Name != b.Name || a.Kind != b.Kind || a.DescribeDomain() != b.DescribeDomain())
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override string ToString() =>
        string.Join("; ", _parameters.Select(p => p.ToString())) +
        (_rules.Length == 0 ? string.Empty : " | " + string.Join("; ", _rules.Select(r => r.Description)));

    private Configuration[] EnumerateValidCore()
    {
        if (!IsDiscrete)
        {
            throw new InvalidOperationException(
                $"The space has real-valued parameters ({string.Join(", ", _parameters.Where(p => !p.IsDiscrete).Select(p => p.Name))}) and cannot be enumerated.");
        }

        var valid = new List<Configuration>();
        var levels = new int[_parameters.Length];
        var values = new double[_parameters.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = _parameters[i].ValueAt(0);
        }

        while (true)
        {
            if (IsValid(values))
            {
                valid.Add(new Configuration(this, (double[])values.Clone()));
            }

            // Advance the mixed-radix counter, last parameter fastest (ordinal order).
            var position = _parameters.Length - 1;
            while (position >= 0)
            {
                levels[position]++;
                if (levels[position] < _parameters[position].LevelCount)
                {
                    values[position] = _parameters[position].ValueAt(levels[position]);
                    break;
                }

                levels[position] = 0;
                values[position] = _parameters[position].ValueAt(0);
                position--;
            }

            if (position < 0)
            {
                return valid.ToArray();
            }
        }
    }
}
