using Microsoft.Extensions.Options;

namespace DynaSplit.Energy.Rapl;

/// <summary>Checks <see cref="RaplMeterOptions"/> at start.</summary>
internal sealed class RaplMeterOptionsValidator : IValidateOptions<RaplMeterOptions>
{
    public ValidateOptionsResult Validate(string? name, RaplMeterOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.SysfsRoot))
        {
            failures.Add($"RAPL meter '{name}': SysfsRoot must be set (normally /sys).");
        }

        if (options.PollInterval < TimeSpan.FromMilliseconds(1) || options.PollInterval > TimeSpan.FromMinutes(1))
        {
            failures.Add($"RAPL meter '{name}': PollInterval {options.PollInterval} must be between 1 ms and 1 min (shorter than the counter's wrap time).");
        }

        if (options.Zones is null || options.Zones.Any(string.IsNullOrWhiteSpace))
        {
            failures.Add($"RAPL meter '{name}': Zones must be a list of zone names (empty = the package zones).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
