namespace DynaSplit.Energy.Nvml;

/// <summary>How the NVML meter measures a GPU.</summary>
public enum NvmlMeasurementMode
{
    /// <summary>The total energy counter where the GPU has one (Volta and later), power sampling otherwise.</summary>
    Auto,

    /// <summary>Only the total energy counter (nvmlDeviceGetTotalEnergyConsumption, mJ); a GPU without it makes the meter unavailable.</summary>
    EnergyCounter,

    /// <summary>Only power sampling (nvmlDeviceGetPowerUsage, mW) integrated with the trapezoidal rule.</summary>
    PowerSampling,
}
