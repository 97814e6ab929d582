using DynaSplit.Hardware.Linux.Knobs;
using DynaSplit.Hardware.Linux.Processes;
using DynaSplit.Hardware.Linux.Sysfs;

namespace DynaSplit.Hardware.Linux;

/// <summary>Where the Linux hardware interfaces are, which knobs to look for and how long to wait for values to settle.</summary>
public sealed class LinuxHardwareOptions
{
    /// <summary>The directory that stands for <c>/sys</c> (default <c>/sys</c>; a recorded tree for tests and dry runs).</summary>
    public string SysfsRoot { get; set; } = "/sys";

    /// <summary>
    /// Make knobs that change hardware (CPU frequency, online cores, GPU frequency, power mode, USB port power) even when
    /// the machine is not a recognised Raspberry Pi or Jetson (a VM, a laptop, a container, an unknown board). Off by
    /// default: on such a machine DynaSplit changes no hardware setting unless the host enables it here.
    /// </summary>
    public bool EnableOnUnrecognisedBoard { get; set; }

    /// <summary>The directory that stands for <c>/proc</c> (default <c>/proc</c>); the board model is read from <c>device-tree/model</c> under it.</summary>
    public string ProcRoot { get; set; } = "/proc";

    /// <summary>The Jetson power-model configuration that lists the power modes (default <c>/etc/nvpmodel.conf</c>).</summary>
    public string NvpmodelConfigPath { get; set; } = "/etc/nvpmodel.conf";

    /// <summary>The <c>nvpmodel</c> tool (default <c>/usr/sbin/nvpmodel</c>; a bare name is looked up on PATH).</summary>
    public string NvpmodelPath { get; set; } = "/usr/sbin/nvpmodel";

    /// <summary>Look for a CPU frequency knob per cpufreq policy (default true).</summary>
    public bool EnableCpuFrequency { get; set; } = true;

    /// <summary>How the CPU frequency is set (default <see cref="CpuFrequencyStrategy.Auto"/>).</summary>
    public CpuFrequencyStrategy CpuFrequencyStrategy { get; set; } = CpuFrequencyStrategy.Auto;

    /// <summary>The parameter name of the first cpufreq policy's frequency; other policies get <c>{name}.policyN</c>.</summary>
    public string CpuFrequencyName { get; set; } = "cpu_freq";

    /// <summary>Also register a governor knob per policy (default false; when true the frequency knobs pin limits and leave the governor to it).</summary>
    public bool EnableCpuGovernor { get; set; }

    /// <summary>The parameter name of the first policy's governor; other policies get <c>{name}.policyN</c>.</summary>
    public string CpuGovernorName { get; set; } = "cpu_governor";

    /// <summary>Look for the online-cores knob (cpuN/online; cpu0 is never touched) (default true).</summary>
    public bool EnableOnlineCores { get; set; } = true;

    /// <summary>The parameter name of the online-cores knob.</summary>
    public string OnlineCoresName { get; set; } = "cpu_cores";

    /// <summary>Look for a GPU under /sys/class/devfreq (default true).</summary>
    public bool EnableGpuFrequency { get; set; } = true;

    /// <summary>The parameter name of the GPU frequency knob.</summary>
    public string GpuFrequencyName { get; set; } = "gpu_freq";

    /// <summary>
    /// Device names that identify a GPU under /sys/class/devfreq: an entry matches when its name (or its <c>name</c>
    /// attribute) equals one of these or ends with '.' and one of these (17000000.ga10b, 57000000.gpu).
    /// </summary>
    public IList<string> GpuDevfreqNames { get; set; } = ["gv11b", "ga10b", "gp10b", "gm20b", "gk20a", "gpu"];

    /// <summary>Look for the Jetson power-mode knob through nvpmodel (default true; only on a Jetson).</summary>
    public bool EnablePowerMode { get; set; } = true;

    /// <summary>The parameter name of the power-mode knob.</summary>
    public string PowerModeName { get; set; } = "power_mode";

    /// <summary>Look for a USB accelerator whose port power can be switched (default true).</summary>
    public bool EnableUsbAccelerator { get; set; } = true;

    /// <summary>The parameter name of the USB accelerator power knob.</summary>
    public string UsbAcceleratorName { get; set; } = "usb_accelerator";

    /// <summary>USB devices to switch, as <c>vvvv:pppp</c> hexadecimal ids (default: the Coral USB Edge TPU before and after its firmware is loaded).</summary>
    public IList<string> UsbDeviceIds { get; set; } = ["1a6e:089a", "18d1:9302"];

    /// <summary>How long a change may take to show (current frequency reaching the target, a USB device coming back); default 2 s.</summary>
    public TimeSpan SettleTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often a settling value is read again (default 10 ms).</summary>
    public TimeSpan SettlePollInterval { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// When true (default) a value that does not settle within <see cref="SettleTimeout"/> fails the apply; when false
    /// it is logged as a warning (useful where firmware throttling moves the current frequency).
    /// </summary>
    public bool RequireSettled { get; set; } = true;

    /// <summary>Replaces the file access to <see cref="SysfsRoot"/> (an emulated tree in tests); null uses the real file system.</summary>
    public ISysfs? FileSystem { get; set; }

    /// <summary>Replaces how tools are started (a fake nvpmodel in tests); null starts real processes.</summary>
    public IProcessRunner? ProcessRunner { get; set; }
}
