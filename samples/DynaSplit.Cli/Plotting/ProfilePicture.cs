using ScottPlot;

namespace DynaSplit.Cli.Plotting;

/// <summary>
/// The per-split profile: head, hand-off and tail time stacked per split point (top), and the cut's size per
/// sample on a log scale (bottom).
/// </summary>
internal static class ProfilePicture
{
    /// <summary>One split point's medians.</summary>
    public sealed record Point(int Index, double HeadMs, double HandoffMs, double TailMs, long CutBytes);

    public static Figure Create(string title, IReadOnlyList<Point> points)
    {
        var figure = new Figure(1200, 900, rows: 5, columns: 1);
        var time = figure.Add(0, 0, rowSpan: 3);
        var bytes = figure.Add(3, 0, rowSpan: 2);

        time.Title(title);
        var bars = new List<Bar>();
        foreach (var p in points)
        {
            bars.Add(new Bar { Position = p.Index, ValueBase = 0, Value = p.HeadMs, FillColor = Palette.Head, Size = 0.8 });
            bars.Add(new Bar { Position = p.Index, ValueBase = p.HeadMs, Value = p.HeadMs + p.HandoffMs, FillColor = Palette.Transfer, Size = 0.8 });
            bars.Add(new Bar { Position = p.Index, ValueBase = p.HeadMs + p.HandoffMs, Value = p.HeadMs + p.HandoffMs + p.TailMs, FillColor = Palette.Tail, Size = 0.8 });
        }

        time.Add.Bars(bars);
        time.Legend.ManualItems.Add(new LegendItem { LabelText = "head (edge part)", FillColor = Palette.Head });
        time.Legend.ManualItems.Add(new LegendItem { LabelText = "hand-off of the cut tensors", FillColor = Palette.Transfer });
        time.Legend.ManualItems.Add(new LegendItem { LabelText = "tail (cloud part)", FillColor = Palette.Tail });
        time.ShowLegend(Alignment.UpperRight);
        time.Axes.Left.Label.Text = "time per inference on this host (ms, median)";
        time.Axes.Bottom.Label.Text = "split point (0 = all in the cloud)";
        time.Axes.Margins(bottom: 0);

        var positive = points.Where(p => p.CutBytes > 0).ToArray();
        var line = bytes.Add.Scatter(positive.Select(p => (double)p.Index).ToArray(), LogAxis.Log10(positive.Select(p => p.CutBytes / 1024.0)));
        line.Color = Palette.Bytes;
        line.MarkerSize = 6;
        line.LegendText = "cut size per sample";
        LogAxis.Apply(bytes.Axes.Left, "cut size per sample (KiB, log scale)");
        bytes.Axes.Bottom.Label.Text = "split point (0 = all in the cloud)";
        bytes.ShowLegend(Alignment.UpperRight);
        if (points.Count > 0)
        {
            var (min, max) = (points.Min(p => p.Index) - 0.6, points.Max(p => p.Index) + 0.6);
            time.Axes.SetLimitsX(min, max);
            time.Axes.SetLimitsY(0, 1.12 * Math.Max(points.Max(p => p.HeadMs + p.HandoffMs + p.TailMs), 1e-3));
            bytes.Axes.SetLimitsX(min, max);
        }

        return figure;
    }
}
