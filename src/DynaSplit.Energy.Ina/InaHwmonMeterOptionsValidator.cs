using Microsoft.Extensions.Options;

namespace DynaSplit.Energy.Ina;

/// <summary>Checks <see cref="InaHwmonMeterOptions"/> at start.</summary>
internal sealed class InaHwmonMeterOptionsValidator : IValidateOptions<InaHwmonMeterOptions>
{
    public ValidateOptionsResult Validate(string? name, InaHwmonMeterOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.SysfsRoot))
        {
            failures.Add($"INA meter '{name}': SysfsRoot must be set (normally /sys).");
        }

        if (options.SamplingInterval is { } i && (i < TimeSpan.FromMilliseconds(1) || i > TimeSpan.FromMinutes(1)))
        {
            failures.Add($"INA meter '{name}': SamplingInterval {i} must be between 1 ms and 1 min.");
        }

        if (options.Channels is null || options.Channels.Any(string.IsNullOrWhiteSpace))
        {
            failures.Add($"INA meter '{name}': Channels must be a list of non-empty labels (empty list = all channels).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
