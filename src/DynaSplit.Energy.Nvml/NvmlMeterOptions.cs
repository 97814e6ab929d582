namespace DynaSplit.Energy.Nvml;

/// <summary>Options of the NVML meter.</summary>
public sealed class NvmlMeterOptions
{
    /// <summary>The NVML device indices to measure (summed, one part each). Empty: every GPU.</summary>
    public IList<int> DeviceIndices { get; set; } = [];

    /// <summary>Energy counter, power sampling, or the counter where supported (default).</summary>
    public NvmlMeasurementMode Mode { get; set; } = NvmlMeasurementMode.Auto;

    /// <summary>The power sampling interval for GPUs without the counter. Default 20 ms.</summary>
    public TimeSpan PowerSamplingInterval { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>How often the energy counter is read inside a window. Default 1 s.</summary>
    public TimeSpan CounterPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The NVML library to load; null tries libnvidia-ml.so.1 (nvml.dll on Windows).</summary>
    public string? LibraryPath { get; set; }
}
