using System.Runtime.InteropServices;

namespace DynaSplit.Energy.Nvml.Native;

/// <summary>
/// NVML loaded at run time with <see cref="NativeLibrary"/> (libnvidia-ml.so.1, or nvml.dll on Windows) and called
/// through function pointers, so nothing fails at load time on a machine without an NVIDIA driver.
/// </summary>
internal sealed unsafe class NativeNvml : INvmlApi
{
    private readonly nint _library;
    private readonly delegate* unmanaged[Cdecl]<int> _init;
    private readonly delegate* unmanaged[Cdecl]<int> _shutdown;
    private readonly delegate* unmanaged[Cdecl]<uint*, int> _getCount;
    private readonly delegate* unmanaged[Cdecl]<uint, nint*, int> _getHandle;
    private readonly delegate* unmanaged[Cdecl]<nint, byte*, uint, int> _getName;
    private readonly delegate* unmanaged[Cdecl]<nint, ulong*, int> _getEnergy;
    private readonly delegate* unmanaged[Cdecl]<nint, uint*, int> _getPower;
    private readonly delegate* unmanaged[Cdecl]<int, byte*> _errorString;

    private NativeNvml(nint library, string description)
    {
        _library = library;
        Description = description;
        _init = (delegate* unmanaged[Cdecl]<int>)Export("nvmlInit_v2");
        _shutdown = (delegate* unmanaged[Cdecl]<int>)Export("nvmlShutdown");
        _getCount = (delegate* unmanaged[Cdecl]<uint*, int>)Export("nvmlDeviceGetCount_v2");
        _getHandle = (delegate* unmanaged[Cdecl]<uint, nint*, int>)Export("nvmlDeviceGetHandleByIndex_v2");
        _getName = (delegate* unmanaged[Cdecl]<nint, byte*, uint, int>)Export("nvmlDeviceGetName");
        _getEnergy = (delegate* unmanaged[Cdecl]<nint, ulong*, int>)Export("nvmlDeviceGetTotalEnergyConsumption");
        _getPower = (delegate* unmanaged[Cdecl]<nint, uint*, int>)Export("nvmlDeviceGetPowerUsage");
        _errorString = (delegate* unmanaged[Cdecl]<int, byte*>)Export("nvmlErrorString");
    }

    public string Description { get; }

    /// <summary>The library names tried when none is given.</summary>
    public static IReadOnlyList<string> DefaultLibraryNames { get; } = OperatingSystem.IsWindows() ? ["nvml.dll"] : ["libnvidia-ml.so.1", "libnvidia-ml.so"];

    /// <summary>Loads NVML; null with the reason when it is absent or lacks a function.</summary>
    public static NativeNvml? TryLoad(string? libraryPath, out string? reason)
    {
        var names = libraryPath is null ? DefaultLibraryNames : [libraryPath];
        foreach (var name in names)
        {
            if (NativeLibrary.TryLoad(name, out var handle))
            {
                try
                {
                    reason = null;
                    return new NativeNvml(handle, name);
                }
                catch (EntryPointNotFoundException ex)
                {
                    NativeLibrary.Free(handle);
                    reason = $"{name} lacks {ex.Message}: the NVIDIA driver is too old for the energy API (needs R418 or later).";
                    return null;
                }
            }
        }

        reason = $"NVML not found ({string.Join(", ", names)} could not be loaded): no NVIDIA driver on this machine, or the container was started without the GPU (docker --gpus).";
        return null;
    }

    public int Init() => _init();

    public int Shutdown() => _shutdown();

    public int GetDeviceCount(out uint count)
    {
        uint value;
        var code = _getCount(&value);
        count = value;
        return code;
    }

    public int GetHandleByIndex(uint index, out nint device)
    {
        nint value;
        var code = _getHandle(index, &value);
        device = value;
        return code;
    }

    public int GetName(nint device, out string name)
    {
        var buffer = stackalloc byte[96]; // NVML_DEVICE_NAME_V2_BUFFER_SIZE
        var code = _getName(device, buffer, 96);
        name = code == NvmlReturn.Success ? Marshal.PtrToStringUTF8((nint)buffer) ?? string.Empty : string.Empty;
        return code;
    }

    public int GetTotalEnergyConsumption(nint device, out ulong millijoules)
    {
        ulong value;
        var code = _getEnergy(device, &value);
        millijoules = value;
        return code;
    }

    public int GetPowerUsage(nint device, out uint milliwatts)
    {
        uint value;
        var code = _getPower(device, &value);
        milliwatts = value;
        return code;
    }

    public string ErrorString(int code)
    {
        var text = _errorString(code);
        return text is null ? $"NVML error {code}" : $"{Marshal.PtrToStringUTF8((nint)text)} (NVML error {code})";
    }

    public void Dispose() => NativeLibrary.Free(_library);

    private nint Export(string name) =>
        NativeLibrary.TryGetExport(_library, name, out var address) ? address : throw new EntryPointNotFoundException(name);
}
