using System.Globalization;

namespace DynaSplit.Spaces;

/// <summary>Ordered numeric levels, such as the CPU frequencies (MHz) a board offers.</summary>
public sealed class OrdinalParameter : Parameter
{
    private readonly double[] _levels;

    /// <summary>Creates an ordinal parameter; the levels are sorted ascending and must be distinct and finite.</summary>
    public OrdinalParameter(string name, IEnumerable<double> levels, ParameterRole role = ParameterRole.Other, string? unit = null)
        : base(name, role)
    {
        ArgumentNullException.ThrowIfNull(levels);
        _levels = levels.ToArray();
        if (_levels.Length == 0)
        {
            throw new ArgumentException($"Parameter '{name}' needs at least one level.", nameof(levels));
        }

        Array.Sort(_levels);
        for (var i = 0; i < _levels.Length; i++)
        {
            if (!double.IsFinite(_levels[i]))
            {
                throw new ArgumentException($"Parameter '{name}': level {_levels[i]} is not a finite number.", nameof(levels));
            }

            if (i > 0 && _levels[i] == _levels[i - 1])
            {
                throw new ArgumentException($"Parameter '{name}': level {_levels[i].ToString(CultureInfo.InvariantCulture)} appears twice.", nameof(levels));
            }
        }

        Unit = unit;
    }

    /// <summary>The levels, ascending.</summary>
    public IReadOnlyList<double> Levels => _levels;

    /// <summary>The unit of the levels (for example MHz), if known.</summary>
    public override string? Unit { get; }

    /// <inheritdoc />
    public override ParameterKind Kind => ParameterKind.Ordinal;

    /// <inheritdoc />
    public override int LevelCount => _levels.Length;

    /// <inheritdoc />
    public override double Minimum => _levels[0];

    /// <inheritdoc />
    public override double Maximum => _levels[^1];

    /// <inheritdoc />
    public override double ValueAt(int level)
    {
        if ((uint)level >= (uint)_levels.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, $"Parameter '{Name}' has {_levels.Length} levels.");
        }

        return _levels[level];
    }

    /// <inheritdoc />
    public override int LevelOf(double value)
    {
        var index = Array.BinarySearch(_levels, value);
        return index >= 0 ? index : -1;
    }

    /// <inheritdoc />
    public override string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override bool TryParse(string label, out double value)
    {
        if (double.TryParse(label, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && LevelOf(value) >= 0)
        {
            return true;
        }

        value = double.NaN;
        return false;
    }

    /// <inheritdoc />
    public override string DescribeDomain() =>
        "{" + string.Join(", ", _levels.Select(l => l.ToString("R", CultureInfo.InvariantCulture))) + "}" + (Unit is null ? string.Empty : " " + Unit);
}
