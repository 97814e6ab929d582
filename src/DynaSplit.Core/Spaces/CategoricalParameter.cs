namespace DynaSplit.Spaces;

/// <summary>Named choices, such as an accelerator mode. The encoded value is the index of the choice.</summary>
public sealed class CategoricalParameter : Parameter
{
    private readonly string[] _choices;

    /// <summary>Creates a categorical parameter; the order of <paramref name="choices"/> is kept.</summary>
    public CategoricalParameter(string name, IEnumerable<string> choices, ParameterRole role = ParameterRole.Other)
        : base(name, role)
    {
        ArgumentNullException.ThrowIfNull(choices);
        _choices = choices.ToArray();
        if (_choices.Length == 0)
        {
            throw new ArgumentException($"Parameter '{name}' needs at least one choice.", nameof(choices));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var choice in _choices)
        {
            if (string.IsNullOrEmpty(choice) || choice.Contains('=') || choice.Contains(';'))
            {
                throw new ArgumentException($"Parameter '{name}': choice '{choice}' is empty or contains '=' or ';'.", nameof(choices));
            }

            if (!seen.Add(choice))
            {
                throw new ArgumentException($"Parameter '{name}': choice '{choice}' appears twice.", nameof(choices));
            }
        }
    }

    /// <summary>The choices, in the domain's order.</summary>
    public IReadOnlyList<string> Choices => _choices;

    /// <inheritdoc />
    public override ParameterKind Kind => ParameterKind.Categorical;

    /// <inheritdoc />
    public override int LevelCount => _choices.Length;

    /// <inheritdoc />
    public override double Minimum => 0;

    /// <inheritdoc />
    public override double Maximum => _choices.Length - 1;

    /// <summary>The encoded value of a choice.</summary>
    /// <exception cref="ArgumentException">The choice is not in the domain.</exception>
    public double ValueOf(string choice)
    {
        var index = IndexOfChoice(choice);
        return index >= 0
            ? index
            : throw new ArgumentException($"Parameter '{Name}' has no choice '{choice}'; it has {DescribeDomain()}.", nameof(choice));
    }

    /// <inheritdoc />
    public override double ValueAt(int level)
    {
        if ((uint)level >= (uint)_choices.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, $"Parameter '{Name}' has {_choices.Length} choices.");
        }

        return level;
    }

    /// <inheritdoc />
    public override int LevelOf(double value) =>
        value >= 0 && value < _choices.Length && value == Math.Floor(value) ? (int)value : -1;

    /// <inheritdoc />
    public override string Format(double value)
    {
        var level = LevelOf(value);
        return level >= 0 ? _choices[level] : throw new ArgumentOutOfRangeException(nameof(value), value, $"Not a choice index of parameter '{Name}'.");
    }

    /// <inheritdoc />
    public override bool TryParse(string label, out double value)
    {
        var index = IndexOfChoice(label);
        value = index;
        return index >= 0;
    }

    /// <inheritdoc />
    public override string DescribeDomain() => "{" + string.Join(", ", _choices) + "}";

    private int IndexOfChoice(string choice)
    {
        var index = Array.IndexOf(_choices, choice);
        if (index < 0)
        {
            index = Array.FindIndex(_choices, c => string.Equals(c, choice, StringComparison.OrdinalIgnoreCase));
        }

        return index;
    }
}
