namespace DynaSplit.Topology;

/// <summary>The names of the tiers of the usual topologies. Any other name works too.</summary>
public static class TierNames
{
    /// <summary>The mobile device, where the data is produced (FIN's D).</summary>
    public const string Device = "device";

    /// <summary>The edge device or edge server (the DynaSplit paper's Raspberry Pi).</summary>
    public const string Edge = "edge";

    /// <summary>The cloud server (the DynaSplit paper's GPU node).</summary>
    public const string Cloud = "cloud";

    /// <summary>Checks that <paramref name="name"/> is usable as a tier name: letters, digits, '-', '_' or '.'.</summary>
    /// <exception cref="ArgumentException">The name is empty or has another character.</exception>
    public static string Validate(string name, string? paramName = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name, paramName ?? nameof(name));
        foreach (var ch in name)
        {
            if (!(char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.'))
            {
                throw new ArgumentException($"Tier name '{name}' contains '{ch}'. Use ASCII letters, digits, '-', '_' or '.'.", paramName ?? nameof(name));
            }
        }

        return name;
    }
}
