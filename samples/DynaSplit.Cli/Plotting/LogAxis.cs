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

    private static string Format(double exponent)
    {
        var value = Math.Pow(10, exponent);
        return value >= 1 ? value.ToString("#,0", CultureInfo.InvariantCulture) : value.ToString("0.###", CultureInfo.InvariantCulture);
    }
}
