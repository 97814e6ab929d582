using System.Globalization;
using DynaSplit.Simulation.Comparison;
using DynaSplit.Simulation.Strategies;
using ScottPlot;

namespace DynaSplit.Cli.Plotting;

/// <summary>Two bar panels over the strategies: mean energy per request, and the share of requests that met their threshold.</summary>
internal static class StrategyPanels
{
    public static void Draw(Plot energy, Plot qos, IReadOnlyList<StrategyOutcome> outcomes)
    {
        Bars(energy, outcomes, o => o.MeanEnergyJ, v => v.ToString("F1", CultureInfo.InvariantCulture) + " J");
        energy.Title("Energy per request");
        energy.Axes.Bottom.Label.Text = "mean energy per request (J)";

        Bars(qos, outcomes, o => 100 * o.QosMet, v => v.ToString("F1", CultureInfo.InvariantCulture) + " %");
        qos.Title("QoS met");
        qos.Axes.Bottom.Label.Text = "requests that met their latency threshold (%)";
        qos.Axes.SetLimitsX(0, 115);
    }

    private static void Bars(Plot plot, IReadOnlyList<StrategyOutcome> outcomes, Func<StrategyOutcome, double> value, Func<double, string> label)
    {
        var bars = outcomes.Select((o, i) => new Bar
        {
            Position = outcomes.Count - 1 - i,
            Value = value(o),
            FillColor = ColorOf(o.Strategy),
            Label = label(value(o)),
            Size = 0.7,
        }).ToList();
        var plottable = plot.Add.Bars(bars);
        plottable.Horizontal = true;
        plottable.ValueLabelStyle.FontSize = 12;
        plot.Axes.Left.SetTicks(bars.Select(b => b.Position).ToArray(), outcomes.Select(o => o.Strategy).ToArray());
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.Margins(left: 0, right: 0.2);
        plot.Grid.YAxisStyle.IsVisible = false;
    }

    private static Color ColorOf(string strategy) => strategy switch
    {
        Baselines.DynaSplit => Palette.DynaSplit,
        Baselines.Oracle => Palette.Oracle,
        _ => Palette.Baseline,
    };
}
