using System.Globalization;
using DynaSplit.Simulation.Replay;
using DynaSplit.Simulation.Serving;

namespace DynaSplit.Cli.Commands;

/// <summary>`simulate --switch-cost-file FILE`: the per-knob switch costs, checked against the pool's knobs before the run.</summary>
internal static class SwitchCostFileSupport
{
    /// <summary>Reads the file and checks every rule against the pool's parameters and values.</summary>
    public static KnobSwitchCosts Load(string path, MeasurementPool pool)
    {
        var costs = KnobSwitchCosts.Load(path);
        costs.Validate(pool.Space);
        return costs;
    }

    /// <summary>The line `simulate` prints above its table.</summary>
    public static string Describe(KnobSwitchCosts costs)
    {
        var rules = costs.Rules.Where(r => r.Knob != KnobSwitchCostRule.PerSwitch).ToList();
        var inv = CultureInfo.InvariantCulture;
        return string.Create(inv,
            $"reconfiguration: from {Path.GetFileName(costs.Source)}: {costs.PerSwitchMs:G4} ms per change of hardware settings{(rules.Count == 0 ? string.Empty : $" + per knob: {string.Join("; ", rules.Select(r => $"{r.Knob} {r.From}->{r.To} {r.Milliseconds:G4} ms"))}")}, added to the request's latency (no energy charged)");
    }
}
