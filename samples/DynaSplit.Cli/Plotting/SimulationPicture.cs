using DynaSplit.Simulation.Comparison;

namespace DynaSplit.Cli.Plotting;

/// <summary>
/// The main job's picture: the Pareto front the offline phase found against the exhaustive one (top), and the
/// strategies' energy and QoS share (bottom).
/// </summary>
internal static class SimulationPicture
{
    public static Figure Create(string title, IReadOnlyList<PlotPoint> measured, IReadOnlyList<PlotPoint> exhaustive, IReadOnlyList<PlotPoint> found, string foundLabel, IReadOnlyList<StrategyOutcome> outcomes)
    {
        var figure = new Figure(1400, 1100, rows: 5, columns: 2);
        ParetoPanel.Draw(figure.Add(0, 0, rowSpan: 3, columnSpan: 2), title, measured, exhaustive, found, foundLabel);
        StrategyPanels.Draw(figure.Add(3, 0, rowSpan: 2), figure.Add(3, 1, rowSpan: 2), outcomes);
        return figure;
    }

    /// <summary>The front alone (a lookup table drawn without a simulation).</summary>
    public static Figure CreateFront(string title, IReadOnlyList<PlotPoint> measured, IReadOnlyList<PlotPoint> exhaustive, IReadOnlyList<PlotPoint> found, string foundLabel, ScottPlot.Alignment legend = ScottPlot.Alignment.LowerLeft)
    {
        var figure = new Figure(1400, 700, rows: 1, columns: 1);
        ParetoPanel.Draw(figure.Add(0, 0), title, measured, exhaustive, found, foundLabel, legend);
        return figure;
    }
}
