using ScottPlot;

namespace DynaSplit.Cli.Plotting;

/// <summary>One served request on the timeline.</summary>
/// <param name="Seconds">When it started, s from the start of the run.</param>
/// <param name="Split">The split point it ran with.</param>
/// <param name="LatencyMs">Its latency, ms (switch included).</param>
/// <param name="ThresholdMs">Its latency threshold, ms.</param>
/// <param name="EnergyJ">Its energy, J.</param>
/// <param name="Met">Whether it met its threshold.</param>
internal sealed record TimelinePoint(double Seconds, int Split, double LatencyMs, double ThresholdMs, double EnergyJ, bool Met);

/// <summary>The requests one strategy served.</summary>
internal sealed record TimelineSeries(string Strategy, IReadOnlyList<TimelinePoint> Points);

/// <summary>
/// Requests against time: the link's rate (when a bandwidth trace was replayed), the chosen split point, each request's
/// latency against its threshold (log scale), and its energy, one colour per strategy, stacked on one time axis.
/// </summary>
internal static class TimelinePicture
{
    private static readonly Color[] Others = [Palette.Baseline, Color.FromHex("#1b9e77"), Color.FromHex("#e7298a")];
    private static readonly Color Bandwidth = Color.FromHex("#66a61e");

    /// <summary>The picture on its own.</summary>
    public static Figure Create(string title, IReadOnlyList<(double Seconds, double BitsPerSecond)>? bandwidth, IReadOnlyList<TimelineSeries> series)
    {
        var rows = bandwidth is null ? 3 : 4;
        var figure = new Figure(1400, 300 * rows, rows, columns: 1);
        Draw(figure, 0, title, bandwidth, series);
        return figure;
    }

    /// <summary>The panels from <paramref name="firstRow"/> down (3 rows, 4 with a bandwidth trace) of <paramref name="figure"/>.</summary>
    public static void Draw(Figure figure, int firstRow, string title, IReadOnlyList<(double Seconds, double BitsPerSecond)>? bandwidth, IReadOnlyList<TimelineSeries> series)
    {
        var end = Math.Max(1e-9, series.SelectMany(s => s.Points).Select(p => p.Seconds).DefaultIfEmpty(0).Max());
        var row = firstRow;
        if (bandwidth is not null)
        {
            var link = figure.Add(row++, 0, 1, figure.Columns);
            link.Title(title);
            title = string.Empty;
            var xs = bandwidth.Select(p => p.Seconds).Append(Math.Max(end, bandwidth[^1].Seconds)).ToArray();
            var ys = bandwidth.Select(p => p.BitsPerSecond / 1e6).Append(bandwidth[^1].BitsPerSecond / 1e6).ToArray();
            var line = link.Add.Scatter(xs, ys);
            line.ConnectStyle = ConnectStyle.StepHorizontal;
            line.Color = Bandwidth;
            line.LineWidth = 2;
            line.MarkerSize = 0;
            line.LegendText = "link rate (bandwidth trace)";
            link.Axes.Left.Label.Text = "link (Mbit/s)";
            link.Axes.Bottom.Label.Text = "time (s)";
            link.Axes.SetLimitsX(0, end);
            link.Axes.SetLimitsY(0, ys.Max() * 1.1);
            link.ShowLegend(Alignment.UpperRight);
        }

        var split = figure.Add(row++, 0, 1, figure.Columns);
        if (title.Length > 0)
        {
            split.Title(title);
        }

        var latency = figure.Add(row++, 0, 1, figure.Columns);
        var energy = figure.Add(row, 0, 1, figure.Columns);
        var thresholds = series.Count > 0 ? series[0].Points : [];
        if (thresholds.Count > 0)
        {
            var marks = latency.Add.ScatterPoints(thresholds.Select(p => p.Seconds).ToArray(), LogAxis.Log10(thresholds.Select(p => p.ThresholdMs)));
            marks.Color = Palette.Measured;
            marks.MarkerSize = 3;
            marks.LegendText = "latency threshold of the request";
        }

        for (var i = 0; i < series.Count; i++)
        {
            var s = series[i];
            // DynaSplit in its colour everywhere; the others as in the strategy bars (the first) and then distinct.
            var color = s.Strategy.StartsWith("dynasplit", StringComparison.Ordinal) ? Palette.DynaSplit : Others[i % Others.Length];
            var xs = s.Points.Select(p => p.Seconds).ToArray();
            var splits = split.Add.ScatterPoints(xs, s.Points.Select(p => (double)p.Split + (0.12 * (i - ((series.Count - 1) / 2.0)))).ToArray());
            splits.Color = color;
            splits.MarkerSize = 4;
            splits.LegendText = $"{s.Strategy}: chosen split point";

            var latencies = latency.Add.ScatterPoints(xs, LogAxis.Log10(s.Points.Select(p => Math.Max(p.LatencyMs, 1e-3))));
            latencies.Color = color;
            latencies.MarkerSize = 3;
            var missed = s.Points.Count(p => !p.Met);
            latencies.LegendText = $"{s.Strategy}: latency per request ({missed} of {s.Points.Count} missed their threshold)";

            var joules = energy.Add.ScatterPoints(xs, s.Points.Select(p => p.EnergyJ).ToArray());
            joules.Color = color;
            joules.MarkerSize = 3;
            joules.LegendText = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{s.Strategy}: energy ({s.Points.Sum(p => p.EnergyJ):#,0.###} J in all)");
        }

        split.Axes.Left.Label.Text = "split point";
        LogAxis.Apply(latency.Axes.Left, "latency (ms, log)");
        energy.Axes.Left.Label.Text = "energy (J)";
        foreach (var plot in new[] { split, latency, energy })
        {
            plot.Axes.Bottom.Label.Text = "time (s)";
            plot.Axes.SetLimitsX(0, end);
            plot.ShowLegend(Alignment.UpperRight);
        }
    }
}
