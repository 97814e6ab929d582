using Microsoft.Extensions.Options;

namespace DynaSplit.Energy.Nvml;

/// <summary>Checks <see cref="NvmlMeterOptions"/> at start.</summary>
internal sealed class NvmlMeterOptionsValidator : IValidateOptions<NvmlMeterOptions>
{
    public ValidateOptionsResult Validate(string? name, NvmlMeterOptions options)
    {
        var failures = new List<string>();
        if (options.DeviceIndices is null || options.DeviceIndices.Any(i => i < 0))
        {
            failures.Add($"NVML meter '{name}': DeviceIndices must be a list of indices 0 or more (empty = every GPU).");
        }
        else if (options.DeviceIndices.Distinct().Count() != options.DeviceIndices.Count)
        {
            failures.Add($"NVML meter '{name}': DeviceIndices lists a GPU twice ({string.Join(", ", options.DeviceIndices)}).");
        }

        if (options.PowerSamplingInterval < TimeSpan.FromMilliseconds(1) || options.PowerSamplingInterval > TimeSpan.FromMinutes(1))
        {
            failures.Add($"NVML meter '{name}': PowerSamplingInterval {options.PowerSamplingInterval} must be between 1 ms and 1 min.");
        }

        if (options.CounterPollInterval < TimeSpan.FromMilliseconds(1) || options.CounterPollInterval > TimeSpan.FromHours(1))
        {
            failures.Add($"NVML meter '{name}': CounterPollInterval {options.CounterPollInterval} must be between 1 ms and 1 h.");
        }

        if (!Enum.IsDefined(options.Mode))
        {
            failures.Add($"NVML meter '{name}': Mode {options.Mode} is not one of Auto, EnergyCounter, PowerSampling.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
