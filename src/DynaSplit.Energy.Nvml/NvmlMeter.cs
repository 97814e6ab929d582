using DynaSplit.Energy.Nvml.Native;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using DynaSplit.Energy.Nvml.Logging;

namespace DynaSplit.Energy.Nvml;

/// <summary>
/// Energy of NVIDIA GPUs through NVML: the total energy counter (mJ) read at both ends of a window on GPUs that
/// have it (Volta and later), power (mW) sampled and integrated on the others. NVML is loaded at run time; where it
/// is absent, or initialisation fails, the meter is unavailable with the reason and never throws on creation.
/// Disposing it shuts NVML down.
/// </summary>
public sealed class NvmlMeter : IEnergyMeter, IDisposable
{
    private readonly INvmlApi? _api;
    private readonly IEnergyMeter? _inner;
    private bool _initialized;

    /// <summary>Loads NVML (<see cref="NvmlMeterOptions.LibraryPath"/> or libnvidia-ml.so.1) and probes the GPUs.</summary>
    public NvmlMeter(string name, NvmlMeterOptions options, ILogger<NvmlMeter>? logger = null)
        : this(name, options, LoadNative(options), null, logger)
    {
    }

    internal NvmlMeter(string name, NvmlMeterOptions options, (INvmlApi? Api, string? Reason) library, TimeProvider? clock, ILogger? logger)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(options);
        Name = name;
        logger ??= NullLogger.Instance;
        if (library.Api is not { } api)
        {
            Availability = EnergyMeterAvailability.Unavailable(library.Reason ?? "NVML could not be loaded.");
            logger.LibraryNotLoaded(name, Availability.Reason);
            return;
        }

        _api = api;
        try
        {
            Availability = Probe(options, api, clock, out _inner, out var gpus);
            Gpus = gpus;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Availability = EnergyMeterAvailability.Unavailable($"Probing NVML ({api.Description}) failed: {ex.Message}");
        }

        if (Availability.IsAvailable)
        {
            foreach (var gpu in Gpus)
            {
                logger.GpuMeasured(name, gpu.Index, gpu.Name, gpu.Mode);
            }
        }
        else
        {
            logger.MeterUnavailable(name, Availability.Reason);
        }
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public EnergyMeterAvailability Availability { get; }

    /// <summary>The GPUs measured and how.</summary>
    public IReadOnlyList<NvmlGpu> Gpus { get; } = [];

    /// <inheritdoc />
    public ValueTask<IEnergyWindow> StartAsync(CancellationToken cancellationToken) =>
        _inner?.StartAsync(cancellationToken) ?? throw new InvalidOperationException($"Energy meter '{Name}' is unavailable: {Availability.Reason}");

    /// <summary>Shuts NVML down and unloads it.</summary>
    public void Dispose()
    {
        if (_api is null)
        {
            return;
        }

        if (_initialized)
        {
            _initialized = false;
            _api.Shutdown();
        }

        _api.Dispose();
    }

    private static (INvmlApi? Api, string? Reason) LoadNative(NvmlMeterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var api = NativeNvml.TryLoad(options.LibraryPath, out var reason);
        return (api, reason);
    }

    private EnergyMeterAvailability Probe(NvmlMeterOptions options, INvmlApi api, TimeProvider? clock, out IEnergyMeter? inner, out IReadOnlyList<NvmlGpu> gpus)
    {
        inner = null;
        gpus = [];
        var code = api.Init();
        if (code != NvmlReturn.Success)
        {
            return EnergyMeterAvailability.Unavailable($"nvmlInit_v2 failed: {api.ErrorString(code)}. Check that the NVIDIA driver is loaded (nvidia-smi).");
        }

        _initialized = true;
        code = api.GetDeviceCount(out var count);
        if (code != NvmlReturn.Success)
        {
            return EnergyMeterAvailability.Unavailable($"nvmlDeviceGetCount_v2 failed: {api.ErrorString(code)}.");
        }

        if (count == 0)
        {
            return EnergyMeterAvailability.Unavailable("NVML reports no GPU.");
        }

        var indices = options.DeviceIndices.Count > 0 ? options.DeviceIndices.ToArray() : Enumerable.Range(0, (int)count).ToArray();
        var counterGpus = new List<(NvmlGpu, nint)>();
        var powerGpus = new List<(NvmlGpu, nint)>();
        foreach (var index in indices)
        {
            if (index >= count)
            {
                return EnergyMeterAvailability.Unavailable($"GPU {index} does not exist: NVML reports {count} GPU(s) (indices 0-{count - 1}). Fix NvmlMeterOptions.DeviceIndices.");
            }

            code = api.GetHandleByIndex((uint)index, out var handle);
            if (code != NvmlReturn.Success)
            {
                return EnergyMeterAvailability.Unavailable($"nvmlDeviceGetHandleByIndex_v2({index}) failed: {api.ErrorString(code)}.");
            }

            if (api.GetName(handle, out var gpuName) != NvmlReturn.Success)
            {
                gpuName = $"GPU {index}";
            }

            var energyCode = options.Mode == NvmlMeasurementMode.PowerSampling ? NvmlReturn.NotSupported : api.GetTotalEnergyConsumption(handle, out _);
            if (energyCode == NvmlReturn.Success)
            {
                counterGpus.Add((new NvmlGpu(index, gpuName, NvmlMeasurementMode.EnergyCounter), handle));
                continue;
            }

            if (options.Mode == NvmlMeasurementMode.EnergyCounter)
            {
                return EnergyMeterAvailability.Unavailable($"GPU {index} ({gpuName}) has no total energy counter: {api.ErrorString(energyCode)} (it needs Volta or later). Use Mode = Auto or PowerSampling.");
            }

            var powerCode = api.GetPowerUsage(handle, out _);
            if (powerCode != NvmlReturn.Success)
            {
                return EnergyMeterAvailability.Unavailable($"GPU {index} ({gpuName}) reports neither energy nor power: {api.ErrorString(powerCode)}.");
            }

            powerGpus.Add((new NvmlGpu(index, gpuName, NvmlMeasurementMode.PowerSampling), handle));
        }

        var meters = new List<IEnergyMeter>();
        if (counterGpus.Count > 0)
        {
            meters.Add(new CounterEnergyMeter(Name, new NvmlEnergyCounter(Name, api, counterGpus), options.CounterPollInterval, clock));
        }

        if (powerGpus.Count > 0)
        {
            meters.Add(new SampledEnergyMeter(Name, new NvmlPowerSensor(Name, api, powerGpus), options.PowerSamplingInterval, clock));
        }

        inner = meters.Count == 1 ? meters[0] : new CompositeEnergyMeter(Name, meters);
        gpus = counterGpus.Concat(powerGpus).Select(g => g.Item1).OrderBy(g => g.Index).ToArray();
        return EnergyMeterAvailability.Available;
    }
}
