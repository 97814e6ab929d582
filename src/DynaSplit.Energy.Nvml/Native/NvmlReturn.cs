namespace DynaSplit.Energy.Nvml.Native;

/// <summary>The nvmlReturn_t values the meter distinguishes (nvml.h).</summary>
internal static class NvmlReturn
{
    public const int Success = 0;
    public const int Uninitialized = 1;
    public const int InvalidArgument = 2;
    public const int NotSupported = 3;
    public const int NoPermission = 4;
    public const int NotFound = 6;
    public const int DriverNotLoaded = 9;
    public const int GpuIsLost = 15;
    public const int Unknown = 999;
}
