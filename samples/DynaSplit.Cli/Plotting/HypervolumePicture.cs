using System.Globalization;
using ScottPlot;

namespace DynaSplit.Cli.Plotting;

/// <summary>The hypervolume ratio of each seed's Pareto set to the exhaustive one, with the median.</summary>
internal static class HypervolumePicture
{
    public static Figure Create(string title, IReadOnlyList<double> ratios)
    {
        var figure = new Figure(1000, 600, rows: 1, columns: 1);
        var plot = figure.Add(0, 0);
        plot.Title(title);
        var seeds = Enumerable.Range(0, ratios.Count).Select(i => (double)i).ToArray();
        var points = plot.Add.ScatterPoints(seeds, ratios.ToArray());
        points.Color = Palette.Found;
        points.MarkerSize = 9;
        points.LegendText = "one offline phase (seed)";

        var sorted = ratios.Order().ToArray();
        var median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : 0.5 * (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]);
        var line = plot.Add.HorizontalLine(median);
        line.Color = Palette.Exhaustive;
        line.LinePattern = LinePattern.Dashed;
        line.LegendText = "median " + median.ToString("F4", CultureInfo.InvariantCulture);

        var exhaustive = plot.Add.HorizontalLine(1.0);
        exhaustive.Color = Palette.Oracle;
        exhaustive.LegendText = "exhaustive Pareto set (1.0)";

        plot.Axes.Bottom.Label.Text = "offline phase seed";
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.Axes.Left.Label.Text = "hypervolume ratio (1 = the exhaustive set's)";
        plot.Axes.SetLimitsX(-0.5, Math.Max(ratios.Count - 0.5, 0.5));
        var low = Math.Min(sorted.Length > 0 ? sorted[0] : 1.0, 1.0);
        var pad = Math.Max(0.15 * (1.0 - low), 0.0002);
        plot.Axes.SetLimitsY(low - pad, 1.0 + pad);
        plot.ShowLegend(Alignment.LowerRight);
        return figure;
    }
}
