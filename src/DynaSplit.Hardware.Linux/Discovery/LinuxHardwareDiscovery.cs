using System.Globalization;
using DynaSplit.Hardware.Linux.Knobs;
using DynaSplit.Hardware.Linux.Platform;
using DynaSplit.Hardware.Linux.Processes;
using DynaSplit.Hardware.Linux.Sysfs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DynaSplit.Hardware.Linux.Discovery;

/// <summary>
/// Looks at the board (device tree, cpufreq, CPU hotplug, devfreq, nvpmodel, USB) and creates a knob for every
/// interface it finds. Nothing is written.
/// </summary>
public static class LinuxHardwareDiscovery
{
    /// <summary>Discovers the knobs this board offers.</summary>
    /// <exception cref="OptionsValidationException">The options are invalid.</exception>
    public static LinuxHardwareInventory Discover(LinuxHardwareOptions options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = LinuxHardwareOptionsValidator.Check(options);
        if (failures.Count > 0)
        {
            throw new OptionsValidationException(Microsoft.Extensions.Options.Options.DefaultName, typeof(LinuxHardwareOptions), failures);
        }

        var logger = new LateBoundLogger();
        var sysfs = options.FileSystem ?? new PhysicalSysfs(options.SysfsRoot);
        var runner = options.ProcessRunner ?? new SystemProcessRunner();
        var platform = PlatformDetector.Detect(options.ProcRoot, sysfs);
        var knobs = new List<LinuxHardwareKnob>();
        var notFound = new List<string>();

        void TryAdd(string what, Func<LinuxHardwareKnob> create)
        {
            try
            {
                knobs.Add(create());
            }
            catch (Exception ex) when (ex is ArgumentException or SysfsException or FormatException)
            {
                notFound.Add($"{what}: {ex.Message}");
            }
        }

        if (platform.Family == BoardFamily.Unknown && !options.EnableOnUnrecognisedBoard)
        {
            notFound.Add($"every hardware knob: this machine is not a recognised Raspberry Pi or Jetson (device-tree model '{platform.Model}'), so no hardware setting is changed; set LinuxHardwareOptions.EnableOnUnrecognisedBoard (configuration key LinuxHardware:EnableOnUnrecognisedBoard) to use the interfaces it has");
            var unrecognised = new LinuxHardwareInventory(platform, [], notFound, logger);
            unrecognised.Announce(loggerFactory);
            return unrecognised;
        }

        if (options.EnableCpuFrequency || options.EnableCpuGovernor)
        {
            const string cpufreq = "devices/system/cpu/cpufreq";
            var policies = sysfs.ListDirectories(cpufreq)
                .Where(d => d.StartsWith("policy", StringComparison.Ordinal) && int.TryParse(d.AsSpan(6), NumberStyles.None, CultureInfo.InvariantCulture, out _))
                .OrderBy(d => int.Parse(d.AsSpan(6), CultureInfo.InvariantCulture))
                .ToList();
            if (policies.Count == 0)
            {
                notFound.Add($"CPU frequency: no cpufreq policy under {sysfs.GetFullPath(cpufreq)}");
            }

            for (var i = 0; i < policies.Count; i++)
            {
                var policy = policies[i];
                var suffix = i == 0 ? string.Empty : "." + policy;
                if (options.EnableCpuFrequency)
                {
                    // With a governor knob, the governor belongs to it: the frequency is set by pinning the limits.
                    var strategy = options.EnableCpuGovernor ? CpuFrequencyStrategy.PinLimits : options.CpuFrequencyStrategy;
                    TryAdd($"CPU frequency ({policy})", () => new CpuFrequencyKnob(sysfs, policy, options.CpuFrequencyName + suffix, strategy, options, logger));
                }

                if (options.EnableCpuGovernor)
                {
                    TryAdd($"CPU governor ({policy})", () => new CpuGovernorKnob(sysfs, policy, options.CpuGovernorName + suffix, options, logger));
                }
            }
        }

        if (options.EnableOnlineCores)
        {
            TryAdd("online cores", () => new OnlineCoresKnob(sysfs, options.OnlineCoresName, options, logger));
        }

        if (options.EnableGpuFrequency)
        {
            const string devfreq = "class/devfreq";
            var entries = sysfs.ListDirectories(devfreq);
            var gpu = entries.FirstOrDefault(e => IsGpu(e, options.GpuDevfreqNames)
                || (sysfs.FileExists($"{devfreq}/{e}/name") && IsGpu(sysfs.Read($"{devfreq}/{e}/name"), options.GpuDevfreqNames)));
            if (gpu is null)
            {
                notFound.Add($"GPU frequency: no devfreq device named {string.Join("/", options.GpuDevfreqNames)} under {sysfs.GetFullPath(devfreq)} ({(entries.Count == 0 ? "no devfreq devices" : "devices: " + string.Join(", ", entries))})");
            }
            else
            {
                TryAdd("GPU frequency", () => new DevfreqFrequencyKnob(sysfs, gpu, options.GpuFrequencyName, Spaces.ParameterRole.EdgeGpuFrequency, options, logger));
            }
        }

        if (options.EnablePowerMode)
        {
            if (!platform.IsJetson)
            {
                notFound.Add("power mode: not a Jetson (nvpmodel is Jetson-only)");
            }
            else if (!File.Exists(options.NvpmodelConfigPath))
            {
                notFound.Add($"power mode: {options.NvpmodelConfigPath} does not exist (install nvpmodel, or set LinuxHardwareOptions.NvpmodelConfigPath)");
            }
            else if (!runner.CanRun(options.NvpmodelPath))
            {
                notFound.Add($"power mode: the nvpmodel tool '{options.NvpmodelPath}' is not installed (set LinuxHardwareOptions.NvpmodelPath)");
            }
            else
            {
                TryAdd("power mode", () => new NvpmodelPowerModeKnob(runner, options.NvpmodelPath, File.ReadAllText(options.NvpmodelConfigPath), options.PowerModeName, options, logger));
            }
        }

        if (options.EnableUsbAccelerator && options.UsbDeviceIds.Count > 0)
        {
            var ids = options.UsbDeviceIds.Select(t => UsbDeviceId.TryParse(t, out var id) ? id!.Value : default).ToList();
            var location = UsbPortLocation.Find(sysfs, ids, out var reason);
            if (location is null)
            {
                notFound.Add($"USB accelerator: {reason}");
            }
            else
            {
                TryAdd("USB accelerator", () => new UsbPortPowerKnob(sysfs, location, options.UsbAcceleratorName, options, logger));
            }
        }

        var inventory = new LinuxHardwareInventory(platform, knobs, notFound, logger);
        inventory.Announce(loggerFactory);
        return inventory;
    }

    private static bool IsGpu(string name, IEnumerable<string> gpuNames) =>
        gpuNames.Any(g => string.Equals(name, g, StringComparison.Ordinal) || name.EndsWith("." + g, StringComparison.Ordinal));
}
