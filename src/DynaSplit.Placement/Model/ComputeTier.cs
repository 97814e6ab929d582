namespace DynaSplit.Placements.Model;

/// <summary>A tier that runs blocks of a model: its compute capacity and the power it draws while computing.</summary>
/// <remarks>
/// A block of <c>o</c> operations takes <c>o / OperationsPerSecond</c> seconds on the tier and costs
/// <c>ActivePowerW</c> times that in joules. The names follow the multi-tier core's <c>DynaSplit.Topology.Tier</c>.
/// </remarks>
public sealed record ComputeTier
{
    /// <summary>Creates a tier.</summary>
    /// <param name="name">The tier's name, unique in its topology.</param>
    /// <param name="operationsPerSecond">Compute capacity, operations per second (positive, finite).</param>
    /// <param name="activePowerW">Power drawn while computing, W (non-negative, finite).</param>
    /// <exception cref="ArgumentException">The name is empty or a number is out of range.</exception>
    public ComputeTier(string name, double operationsPerSecond, double activePowerW)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!(double.IsFinite(operationsPerSecond) && operationsPerSecond > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(operationsPerSecond), operationsPerSecond, $"Tier '{name}': the compute capacity must be a positive number of operations per second.");
        }

        if (!(double.IsFinite(activePowerW) && activePowerW >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(activePowerW), activePowerW, $"Tier '{name}': the active power must be a non-negative number of watts.");
        }

        Name = name;
        OperationsPerSecond = operationsPerSecond;
        ActivePowerW = activePowerW;
    }

    /// <summary>The tier's name.</summary>
    public string Name { get; }

    /// <summary>Compute capacity, operations per second.</summary>
    public double OperationsPerSecond { get; }

    /// <summary>Power drawn while computing, W.</summary>
    public double ActivePowerW { get; }

    /// <inheritdoc />
    public override string ToString() => Name;
}
