using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace DynaSplit.Cli.Plotting;

/// <summary>
/// A logarithmic axis in ScottPlot: data are plotted as log10(value), and the ticks are labelled with the values
/// (1, 10, 100, ...) with minor ticks at 2..9 of each decade.
/// </summary>
internal static class LogAxis
{
    public static double[] Log10(IEnumerable<double> values) => values.Select(v => Math.Log10(v)).ToArray();

    public static void Apply(IAxis axis, string label)
    {
        axis.Label.Text = label;
        axis.TickGenerator = new NumericAutomatic
        {
            MinorTickGenerator = new LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = Format,
        };
    }

    /// <summary>
    /// As <see cref="Apply(IAxis, string)"/>, but when <paramref name="values"/> span less than about one decade (where
    /// decade ticks would leave the axis bare) the ticks are placed at 1, 2 and 5 (or every digit) of each decade in
    /// their range.
    /// </summary>
    public static void Apply(IAxis axis, string label, IReadOnlyCollection<double> values)
    {
        Apply(axis, label);
        var positive = values.Where(v => v > 0 && double.IsFinite(v)).ToList();
        if (positive.Count == 0)
        {
            return;
        }

        double low = positive.Min(), high = positive.Max();
        if (Math.Log10(high / low) >= 1.5)
        {
            return;
        }

        var manual = new NumericManual();
        var steps = Math.Log10(high / low) < 0.5 ? new[] { 1.0, 1.5, 2, 3, 4, 5, 6, 7, 8, 9 } : new[] { 1.0, 2, 5 };
        for (var decade = Math.Floor(Math.Log10(low)) - 1; decade <= Math.Ceiling(Math.Log10(high)) + 1; decade++)
        {
            foreach (var step in steps)
            {
                var value = step * Math.Pow(10, decade);
                manual.AddMajor(Math.Log10(value), value.ToString(value >= 10 ? "#,0" : "0.####", CultureInfo.InvariantCulture));
            }
        }

        axis.TickGenerator = manual;
    }

    private static string Format(double exponent)
    {
        var value = Math.Pow(10, exponent);
        return value >= 1 ? value.ToString("#,0", CultureInfo.InvariantCulture) : value.ToString("0.###", CultureInfo.InvariantCulture);
    }
}
