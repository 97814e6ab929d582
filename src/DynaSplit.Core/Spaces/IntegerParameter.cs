using System.Globalization;

namespace DynaSplit.Spaces;

/// <summary>An integer range <c>[Min, Max]</c> with a step, such as a split index.</summary>
public sealed class IntegerParameter : Parameter
{
    /// <summary>Creates an integer parameter.</summary>
    public IntegerParameter(string name, int min, int max, int step = 1, ParameterRole role = ParameterRole.Other)
        : base(name, role)
    {
        if (max < min)
        {
            throw new ArgumentException($"Parameter '{name}': max {max} is below min {min}.", nameof(max));
        }

        if (step <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, $"Parameter '{name}': the step must be positive.");
        }

        Min = min;
        Max = max;
        Step = step;
        LevelCount = ((max - min) / step) + 1;
    }

    /// <summary>The smallest value.</summary>
    public int Min { get; }

    /// <summary>The largest value reachable is <c>Min + k * Step &lt;= Max</c>.</summary>
    public int Max { get; }

    /// <summary>The distance between consecutive values.</summary>
    public int Step { get; }

    /// <inheritdoc />
    public override ParameterKind Kind => ParameterKind.Integer;

    /// <inheritdoc />
    public override int LevelCount { get; }

    /// <inheritdoc />
    public override double Minimum => Min;

    /// <inheritdoc />
    public override double Maximum => Min + ((LevelCount - 1) * Step);

    /// <inheritdoc />
    public override double ValueAt(int level)
    {
        if ((uint)level >= (uint)LevelCount)
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, $"Parameter '{Name}' has {LevelCount} levels.");
        }

        return Min + (level * Step);
    }

    /// <inheritdoc />
    public override int LevelOf(double value)
    {
        if (double.IsNaN(value) || value != Math.Floor(value) || value < Min || value > Maximum)
        {
            return -1;
        }

        var offset = (long)value - Min;
        return offset % Step == 0 ? (int)(offset / Step) : -1;
    }

    /// <inheritdoc />
    public override string Format(double value) => ((long)value).ToString(CultureInfo.InvariantCulture);

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
    public override string DescribeDomain() => Step == 1
        ? $"integers {Min}..{Maximum}"
        : $"integers {Min}..{Maximum} step {Step}";
}
