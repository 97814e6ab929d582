using System.Globalization;

namespace DynaSplit.Hardware;

/// <summary>
/// A hardware knob's value: a number (a frequency in kHz, a thread count, 0/1 for a switch) or a word
/// (a governor, an execution provider, a power-mode name). <see cref="Text"/> is always set: it is the
/// canonical text the knob reads and writes.
/// </summary>
public readonly record struct KnobValue
{
    private KnobValue(string text, double? number)
    {
        Text = text;
        Number = number;
    }

    /// <summary>The canonical text (for a number, its invariant-culture form).</summary>
    public string Text { get; }

    /// <summary>The numeric value, when the knob is numeric.</summary>
    public double? Number { get; }

    /// <summary>True for a numeric value.</summary>
    public bool IsNumeric => Number.HasValue;

    /// <summary>A numeric value.</summary>
    public static KnobValue FromNumber(double number)
    {
        if (!double.IsFinite(number))
        {
            throw new ArgumentOutOfRangeException(nameof(number), number, "A knob value must be a finite number.");
        }

        return new KnobValue(number.ToString("R", CultureInfo.InvariantCulture), number);
    }

    /// <summary>A textual value.</summary>
    public static KnobValue FromText(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        return new KnobValue(text.Trim(), null);
    }

    /// <inheritdoc />
    public override string ToString() => Text;
}
