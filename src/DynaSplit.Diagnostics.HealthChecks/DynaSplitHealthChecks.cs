namespace DynaSplit.Diagnostics.HealthChecks;

/// <summary>The names and the tag under which <c>AddDynaSplitChecks()</c> registers DynaSplit's health checks.</summary>
public static class DynaSplitHealthChecks
{
    /// <summary>The tag every DynaSplit check carries (filter a health endpoint with it).</summary>
    public const string Tag = "dynasplit";

    /// <summary>The lookup table's check: loaded, not empty, bound to the served model and to the registered knobs.</summary>
    public const string LookupTable = "dynasplit-lookup-table";

    /// <summary>The hardware knobs' check: each knob's domain discovered and its value readable.</summary>
    public const string Knobs = "dynasplit-knobs";

    /// <summary>The energy meters' check: each meter available and a measurement window readable.</summary>
    public const string EnergyMeters = "dynasplit-energy-meters";
}
