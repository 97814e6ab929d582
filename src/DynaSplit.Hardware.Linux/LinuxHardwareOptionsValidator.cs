using Microsoft.Extensions.Options;

namespace DynaSplit.Hardware.Linux;

/// <summary>Checks <see cref="LinuxHardwareOptions"/> at start.</summary>
internal sealed class LinuxHardwareOptionsValidator : IValidateOptions<LinuxHardwareOptions>
{
    public ValidateOptionsResult Validate(string? name, LinuxHardwareOptions options)
    {
        var failures = Check(options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public static List<string> Check(LinuxHardwareOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.SysfsRoot) || !Path.IsPathRooted(options.SysfsRoot))
        {
            failures.Add($"LinuxHardware:SysfsRoot must be an absolute directory (it is '{options.SysfsRoot}').");
        }

        if (string.IsNullOrWhiteSpace(options.ProcRoot) || !Path.IsPathRooted(options.ProcRoot))
        {
            failures.Add($"LinuxHardware:ProcRoot must be an absolute directory (it is '{options.ProcRoot}').");
        }

        if (string.IsNullOrWhiteSpace(options.NvpmodelConfigPath))
        {
            failures.Add("LinuxHardware:NvpmodelConfigPath must be set.");
        }

        if (string.IsNullOrWhiteSpace(options.NvpmodelPath))
        {
            failures.Add("LinuxHardware:NvpmodelPath must be set.");
        }

        if (options.SettleTimeout <= TimeSpan.Zero || options.SettleTimeout > TimeSpan.FromMinutes(5))
        {
            failures.Add($"LinuxHardware:SettleTimeout must be above zero and at most 5 minutes (it is {options.SettleTimeout}).");
        }

        if (options.SettlePollInterval <= TimeSpan.Zero || options.SettlePollInterval > options.SettleTimeout)
        {
            failures.Add($"LinuxHardware:SettlePollInterval must be above zero and at most SettleTimeout (it is {options.SettlePollInterval}).");
        }

        foreach (var (label, value) in new[]
                 {
                     ("CpuFrequencyName", options.CpuFrequencyName), ("CpuGovernorName", options.CpuGovernorName),
                     ("OnlineCoresName", options.OnlineCoresName), ("GpuFrequencyName", options.GpuFrequencyName),
                     ("PowerModeName", options.PowerModeName), ("UsbAcceleratorName", options.UsbAcceleratorName),
                 })
        {
            if (string.IsNullOrWhiteSpace(value) || value.Any(ch => !(char.IsLetterOrDigit(ch) || ch is '-' or '_' or '.' or ':')))
            {
                failures.Add($"LinuxHardware:{label} '{value}' must be a parameter name of letters, digits, '-', '_', '.' or ':'.");
            }
        }

        if (options.GpuDevfreqNames is null || options.GpuDevfreqNames.Any(string.IsNullOrWhiteSpace))
        {
            failures.Add("LinuxHardware:GpuDevfreqNames must be a list of non-empty device names.");
        }

        if (options.UsbDeviceIds is null)
        {
            failures.Add("LinuxHardware:UsbDeviceIds must be a list (it may be empty).");
        }
        else
        {
            foreach (var id in options.UsbDeviceIds)
            {
                if (!UsbDeviceId.TryParse(id, out _))
                {
                    failures.Add($"LinuxHardware:UsbDeviceIds entry '{id}' is not a 'vvvv:pppp' pair of 4-digit hexadecimal ids (for example 18d1:9302).");
                }
            }
        }

        return failures;
    }
}
