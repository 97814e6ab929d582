using DynaSplit.Spaces;

namespace DynaSplit.Hardware;

/// <summary>The values a knob accepts, as discovered from the device.</summary>
public sealed class KnobDomain
{
    private readonly KnobValue[] _values;

    /// <summary>Creates a domain.</summary>
    /// <param name="values">The accepted values; numeric ones are sorted ascending.</param>
    /// <param name="unit">The unit of numeric values (for example kHz), or empty.</param>
    public KnobDomain(IEnumerable<KnobValue> values, string unit = "")
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = values.Distinct().ToArray();
        if (_values.Length == 0)
        {
            throw new ArgumentException("A knob domain needs at least one value.", nameof(values));
        }

        IsNumeric = Array.TrueForAll(_values, v => v.IsNumeric);
        if (IsNumeric)
        {
            Array.Sort(_values, (a, b) => a.Number!.Value.CompareTo(b.Number!.Value));
        }

        Unit = unit;
    }

    /// <summary>The values, ascending when numeric.</summary>
    public IReadOnlyList<KnobValue> Values => _values;

    /// <summary>True when every value is numeric (an ordered domain).</summary>
    public bool IsNumeric { get; }

    /// <summary>The unit of numeric values.</summary>
    public string Unit { get; }

    /// <summary>True when the domain holds <paramref name="value"/> (numbers compare by value, words by ordinal text).</summary>
    public bool Contains(KnobValue value) => value.Number is { } number
        ? Array.Exists(_values, v => v.Number == number)
        : Array.Exists(_values, v => string.Equals(v.Text, value.Text, StringComparison.Ordinal));

    /// <summary>
    /// A configuration parameter over this domain, so that a space can be built from what the board offers:
    /// an ordinal parameter for numeric domains, a categorical one otherwise.
    /// </summary>
    public Parameter ToParameter(string name, ParameterRole role) => IsNumeric
        ? new OrdinalParameter(name, _values.Select(v => v.Number!.Value), role, Unit.Length == 0 ? null : Unit)
        : new CategoricalParameter(name, _values.Select(v => v.Text), role);

    /// <inheritdoc />
    public override string ToString() => "{" + string.Join(", ", _values.Select(v => v.Text)) + "}" + (Unit.Length == 0 ? string.Empty : " " + Unit);
}
