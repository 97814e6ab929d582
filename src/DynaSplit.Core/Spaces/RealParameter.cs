using System.Globalization;

namespace DynaSplit.Spaces;

/// <summary>A real interval <c>[Lower, Upper]</c>. Spaces with real parameters cannot be enumerated.</summary>
public sealed class RealParameter : Parameter
{
    /// <summary>Creates a real-valued parameter.</summary>
    public RealParameter(string name, double lower, double upper, ParameterRole role = ParameterRole.Other)
        : base(name, role)
    {
        if (!double.IsFinite(lower) || !double.IsFinite(upper) || upper < lower)
        {
            throw new ArgumentException($"Parameter '{name}': [{lower}, {upper}] is not a finite interval.", nameof(upper));
        }

        Lower = lower;
        Upper = upper;
    }

    /// <summary>The lower bound.</summary>
    public double Lower { get; }

    /// <summary>The upper bound.</summary>
    public double Upper { get; }

    /// <inheritdoc />
    public override ParameterKind Kind => ParameterKind.Real;

    /// <inheritdoc />
    public override int LevelCount => 0;

    /// <inheritdoc />
    public override double Minimum => Lower;

    /// <inheritdoc />
    public override double Maximum => Upper;

    /// <inheritdoc />
    public override double ValueAt(int level) =>
        throw new NotSupportedException($"Parameter '{Name}' is real-valued and has no levels.");

    /// <inheritdoc />
    public override int LevelOf(double value) => -1;

    /// <inheritdoc />
    public override bool Contains(double value) => value >= Lower && value <= Upper;

    /// <inheritdoc />
    public override string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override bool TryParse(string label, out double value) =>
        double.TryParse(label, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && Contains(value);

    /// <inheritdoc />
    public override string DescribeDomain() =>
        $"[{Lower.ToString("R", CultureInfo.InvariantCulture)}, {Upper.ToString("R", CultureInfo.InvariantCulture)}]";
}
