using DynaSplit.Energy.Nvml.Native;

namespace DynaSplit.Energy.Tests.Fixtures;

/// <summary>Stands in for libnvidia-ml: GPUs with a settable energy counter (mJ) and power (mW).</summary>
internal sealed class FakeNvml(params (string Name, bool HasEnergyCounter)[] gpus) : INvmlApi
{
    public ulong[] EnergyMillijoules { get; } = new ulong[gpus.Length];

    public uint[] PowerMilliwatts { get; } = new uint[gpus.Length];

    public bool Lost { get; set; }

    public int Initialized { get; private set; }

    public bool Disposed { get; private set; }

    public string Description => "fake nvml";

    public int Init()
    {
        Initialized++;
        return NvmlReturn.Success;
    }

    public int Shutdown()
    {
        Initialized--;
        return NvmlReturn.Success;
    }

    public int GetDeviceCount(out uint count)
    {
        count = (uint)gpus.Length;
        return NvmlReturn.Success;
    }

    public int GetHandleByIndex(uint index, out nint device)
    {
        device = (nint)(index + 100);
        return index < gpus.Length ? NvmlReturn.Success : NvmlReturn.InvalidArgument;
    }

    public int GetName(nint device, out string name)
    {
        name = gpus[device - 100].Name;
        return NvmlReturn.Success;
    }

    public int GetTotalEnergyConsumption(nint device, out ulong millijoules)
    {
        millijoules = EnergyMillijoules[device - 100];
        return Lost ? NvmlReturn.GpuIsLost : gpus[device - 100].HasEnergyCounter ? NvmlReturn.Success : NvmlReturn.NotSupported;
    }

    public int GetPowerUsage(nint device, out uint milliwatts)
    {
        milliwatts = PowerMilliwatts[device - 100];
        return Lost ? NvmlReturn.GpuIsLost : NvmlReturn.Success;
    }

    public string ErrorString(int code) => code switch
    {
        NvmlReturn.NotSupported => "Not Supported",
        NvmlReturn.GpuIsLost => "GPU is lost",
        _ => $"error {code}",
    };

    public void Dispose() => Disposed = true;
}
