using DynaSplit.Energy.Nvml.Native;

namespace DynaSplit.Energy.Nvml;

/// <summary>nvmlDeviceGetTotalEnergyConsumption per GPU (mJ since the driver loaded; 64 bits, never wraps in practice).</summary>
internal sealed class NvmlEnergyCounter : IEnergyCounter
{
    private readonly INvmlApi _api;
    private readonly nint[] _devices;
    private readonly NvmlGpu[] _gpus;

    public NvmlEnergyCounter(string name, INvmlApi api, IReadOnlyList<(NvmlGpu Gpu, nint Handle)> gpus)
    {
        Name = name;
        _api = api;
        _gpus = gpus.Select(g => g.Gpu).ToArray();
        _devices = gpus.Select(g => g.Handle).ToArray();
        Channels = _gpus.Select(g => g.Label).ToArray();
        WrapJoules = new double[_gpus.Length];
    }

    public string Name { get; }

    public IReadOnlyList<string> Channels { get; }

    public EnergyReadingKind Kind => EnergyReadingKind.Measured;

    public IReadOnlyList<double> WrapJoules { get; }

    public void ReadJoules(Span<double> joules)
    {
        for (var i = 0; i < _devices.Length; i++)
        {
            var code = _api.GetTotalEnergyConsumption(_devices[i], out var mj);
            if (code != NvmlReturn.Success)
            {
                throw new IOException($"nvmlDeviceGetTotalEnergyConsumption on GPU {_gpus[i].Index} ({_gpus[i].Name}) failed: {_api.ErrorString(code)}.");
            }

            joules[i] = mj * 1e-3;
        }
    }
}
