namespace DynaSplit.Simulation.Serving;

/// <summary>
/// One line of a switch-cost file: changing <see cref="Knob"/> from <see cref="From"/> to <see cref="To"/> costs
/// <see cref="Milliseconds"/>. <c>*</c> matches any knob or value. The knob <see cref="PerSwitch"/> is charged once per
/// reconfiguration that changes any hardware setting, on top of the knobs' own costs (a controller's fixed overhead).
/// </summary>
/// <param name="Knob">A parameter name, <c>*</c>, or <see cref="PerSwitch"/>.</param>
/// <param name="From">The value before, as the parameter writes it (for example 1800, max, True), or <c>*</c>.</param>
/// <param name="To">The value after, or <c>*</c>.</param>
/// <param name="Milliseconds">The cost, ms (finite, not negative).</param>
/// <param name="Source">Where the rule was read (file and line), for error messages.</param>
public sealed record KnobSwitchCostRule(string Knob, string From, string To, double Milliseconds, string Source)
{
    /// <summary>The wildcard.</summary>
    public const string Any = "*";

    /// <summary>The pseudo-knob charged once per reconfiguration that changes any hardware setting.</summary>
    public const string PerSwitch = "@switch";

    /// <summary>How many of knob, from and to are given rather than <c>*</c>: the most specific matching rule wins.</summary>
    public int Specificity => (Knob == Any ? 0 : 4) + (From == Any ? 0 : 1) + (To == Any ? 0 : 1);
}
