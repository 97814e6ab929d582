using System.Runtime.InteropServices;

namespace DynaSplit.Cli.Commands;

/// <summary>
/// Turns off ONNX Runtime's usage telemetry for this process unless the user chose otherwise. Its Linux and macOS
/// builds (1.31) upload usage events by default and leave a session file (<c>$TMPDIR/.ses</c>) and a device id
/// (<c>~/.cache/Microsoft/DeveloperTools/.onnxruntime/deviceid</c>) behind; <c>ORT_DISABLE_TELEMETRY=1</c>, read when
/// the native library starts, turns all of it off. It must be in the native environment: on Unix,
/// <see cref="Environment.SetEnvironmentVariable(string, string)"/> changes only .NET's copy, hence <c>setenv</c>.
/// </summary>
internal static class OnnxRuntimeTelemetry
{
    private const string Variable = "ORT_DISABLE_TELEMETRY";

    /// <summary>Sets ORT_DISABLE_TELEMETRY=1 unless it is set already; call before ONNX Runtime is first used.</summary>
    public static void DisableUnlessSet()
    {
        if (Environment.GetEnvironmentVariable(Variable) is not null || !(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()))
        {
            return; // Windows builds use the platform's own telemetry settings
        }

        _ = SetEnv(Variable, "1", overwrite: 0);
    }

    [DllImport("libc", EntryPoint = "setenv")]
    private static extern int SetEnv([MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int overwrite);
}
