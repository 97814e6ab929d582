using DynaSplit.Spaces;

namespace DynaSplit.Simulation.Replay;

/// <summary>The column names of the DynaSplit artifact's measurement pools (hpc-tuwien/SPLINTER, data/simulation pool).</summary>
public static class PoolColumns
{
    /// <summary>Top-1 accuracy on the run's images (optional).</summary>
    public const string Accuracy = "accuracy";

    /// <summary>Mean end-to-end latency per inference, ms (required).</summary>
    public const string Latency = "latency";

    /// <summary>Mean energy per inference, edge plus cloud, J (required).</summary>
    public const string Energy = "energy";

    /// <summary>Edge energy per inference, J.</summary>
    public const string EdgeEnergy = "avg energy edge (J)";

    /// <summary>Cloud energy per inference, J.</summary>
    public const string CloudEnergy = "avg energy cloud (J)";

    /// <summary>Edge latency per inference, ms.</summary>
    public const string EdgeLatency = "avg latency edge (ms)";

    /// <summary>Cloud latency per inference, ms.</summary>
    public const string CloudLatency = "avg latency cloud (ms)";

    /// <summary>Transfer latency per inference, ms.</summary>
    public const string TransferLatency = "avg latency transfer (ms)";

    /// <summary>The parameter columns and their roles, in the order they enter a space.</summary>
    public static IReadOnlyList<(string Column, ParameterRole Role)> Parameters { get; } =
    [
        (SplitComputingSpace.CpuFrequencyParameter, ParameterRole.EdgeCpuFrequency),
        (SplitComputingSpace.SplitParameter, ParameterRole.SplitPoint),
        (SplitComputingSpace.EdgeAcceleratorParameter, ParameterRole.EdgeAccelerator),
        (SplitComputingSpace.CloudAcceleratorParameter, ParameterRole.CloudAccelerator),
    ];
}
