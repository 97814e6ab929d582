namespace DynaSplit.Topology;

/// <summary>One tier of a system that runs stages of a model: a device, an edge node, a cloud server.</summary>
/// <remarks>
/// The capacity and power are optional: DynaSplit measures, so it needs neither; model-based planners (FIN) plan
/// from them. Tiers are ordered from the data source outwards in a <see cref="SystemTopology"/>.
/// </remarks>
public sealed record Tier
{
    /// <summary>Creates a tier.</summary>
    /// <param name="name">The tier's name (see <see cref="TierNames"/>).</param>
    public Tier(string name)
    {
        Name = TierNames.Validate(name, nameof(name));
    }

    /// <summary>The tier's name, unique in its topology.</summary>
    public string Name { get; }

    /// <summary>Compute capacity, operations per second, when known (for model-based planners).</summary>
    public double? OperationsPerSecond { get; init; }

    /// <summary>Power drawn while computing, W, when known (for model-based planners).</summary>
    public double? ActivePowerW { get; init; }

    /// <inheritdoc />
    public override string ToString() => Name;
}
