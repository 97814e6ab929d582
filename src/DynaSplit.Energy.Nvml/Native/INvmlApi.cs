namespace DynaSplit.Energy.Nvml.Native;

/// <summary>The NVML calls the meter makes (an indirection so tests can stand in for the library). Return codes are nvmlReturn_t.</summary>
internal interface INvmlApi : IDisposable
{
    /// <summary>Where the library came from, for messages.</summary>
    string Description { get; }

    int Init();

    int Shutdown();

    int GetDeviceCount(out uint count);

    int GetHandleByIndex(uint index, out nint device);

    int GetName(nint device, out string name);

    /// <summary>nvmlDeviceGetTotalEnergyConsumption: mJ since the driver was loaded (Volta and later).</summary>
    int GetTotalEnergyConsumption(nint device, out ulong millijoules);

    /// <summary>nvmlDeviceGetPowerUsage: mW.</summary>
    int GetPowerUsage(nint device, out uint milliwatts);

    string ErrorString(int code);
}
