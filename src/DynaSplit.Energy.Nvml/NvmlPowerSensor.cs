using DynaSplit.Energy.Nvml.Native;

namespace DynaSplit.Energy.Nvml;

/// <summary>nvmlDeviceGetPowerUsage per GPU (mW), for GPUs without the energy counter.</summary>
internal sealed class NvmlPowerSensor : IPowerSensor
{
    private readonly INvmlApi _api;
    private readonly nint[] _devices;
    private readonly NvmlGpu[] _gpus;

    public NvmlPowerSensor(string name, INvmlApi api, IReadOnlyList<(NvmlGpu Gpu, nint Handle)> gpus)
    {
        Name = name;
        _api = api;
        _gpus = gpus.Select(g => g.Gpu).ToArray();
        _devices = gpus.Select(g => g.Handle).ToArray();
        Channels = _gpus.Select(g => g.Label).ToArray();
    }

    public string Name { get; }

    public IReadOnlyList<string> Channels { get; }

    public EnergyReadingKind Kind => EnergyReadingKind.Measured;

    public TimeSpan? UpdateInterval => null;

    public void ReadWatts(Span<double> watts)
    {
        for (var i = 0; i < _devices.Length; i++)
        {
            var code = _api.GetPowerUsage(_devices[i], out var mw);
            if (code != NvmlReturn.Success)
            {
                throw new IOException($"nvmlDeviceGetPowerUsage on GPU {_gpus[i].Index} ({_gpus[i].Name}) failed: {_api.ErrorString(code)}.");
            }

            watts[i] = mw * 1e-3;
        }
    }
}
