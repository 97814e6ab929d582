using ScottPlot;

namespace DynaSplit.Cli.Plotting;

/// <summary>
/// The latency x energy plane on log axes: every measured configuration (grey), the exhaustive Pareto front
/// (a black staircase), and the configurations an offline phase found, as in its lookup table (orange rings).
/// </summary>
internal static class ParetoPanel
{
    public static void Draw(Plot plot, string title, IReadOnlyList<PlotPoint> measured, IReadOnlyList<PlotPoint> exhaustive, IReadOnlyList<PlotPoint> found, string foundLabel, Alignment legend = Alignment.LowerLeft)
    {
        plot.Title(title);
        if (measured.Count > 0)
        {
            var cloud = plot.Add.ScatterPoints(LogAxis.Log10(measured.Select(p => p.LatencyMs)), LogAxis.Log10(measured.Select(p => p.EnergyJ)));
            cloud.Color = Palette.Measured;
            cloud.MarkerSize = 4;
            cloud.LegendText = $"measured configurations, mean ({measured.Count})";
        }

        if (exhaustive.Count > 0)
        {
            var front = exhaustive.OrderBy(p => p.LatencyMs).ToArray();
            var line = plot.Add.Scatter(LogAxis.Log10(front.Select(p => p.LatencyMs)), LogAxis.Log10(front.Select(p => p.EnergyJ)));
            line.ConnectStyle = ConnectStyle.StepHorizontal;
            line.Color = Palette.Exhaustive;
            line.LineWidth = 1.5f;
            line.MarkerSize = 5;
            line.LegendText = $"exhaustive Pareto front ({front.Length})";
        }

        if (found.Count > 0)
        {
            var table = plot.Add.ScatterPoints(LogAxis.Log10(found.Select(p => p.LatencyMs)), LogAxis.Log10(found.Select(p => p.EnergyJ)));
            table.Color = Palette.Found;
            table.MarkerShape = MarkerShape.OpenCircle;
            table.MarkerSize = 12;
            table.MarkerLineWidth = 2;
            table.LegendText = $"{foundLabel} ({found.Count})";
        }

        var all = measured.Concat(exhaustive).Concat(found).ToList();
        LogAxis.Apply(plot.Axes.Bottom, "latency per inference (ms, log scale)", all.Select(p => p.LatencyMs).ToList());
        LogAxis.Apply(plot.Axes.Left, "energy per inference (J, log scale)", all.Select(p => p.EnergyJ).ToList());
        plot.Axes.Margins(0.08, 0.12);
        plot.ShowLegend(legend);
    }
}
