namespace DynaSplit.Energy.Nvml;

/// <summary>A GPU the NVML meter measures.</summary>
/// <param name="Index">The NVML device index.</param>
/// <param name="Name">The product name (for example "NVIDIA H100 80GB HBM3").</param>
/// <param name="Mode">How it is measured: <see cref="NvmlMeasurementMode.EnergyCounter"/> or <see cref="NvmlMeasurementMode.PowerSampling"/>.</param>
public sealed record NvmlGpu(int Index, string Name, NvmlMeasurementMode Mode)
{
    /// <summary>The channel label in readings: "gpu{Index}".</summary>
    public string Label => $"gpu{Index}";
}
