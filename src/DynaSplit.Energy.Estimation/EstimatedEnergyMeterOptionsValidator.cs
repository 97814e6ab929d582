using Microsoft.Extensions.Options;

namespace DynaSplit.Energy.Estimation;

/// <summary>Checks <see cref="EstimatedEnergyMeterOptions"/> at start.</summary>
internal sealed class EstimatedEnergyMeterOptionsValidator : IValidateOptions<EstimatedEnergyMeterOptions>
{
    public ValidateOptionsResult Validate(string? name, EstimatedEnergyMeterOptions options)
    {
        var failures = new List<string>();
        if (!double.IsFinite(options.IdleWatts) || options.IdleWatts < 0 || !double.IsFinite(options.ActiveWatts) || options.ActiveWatts < 0)
        {
            failures.Add($"Estimated meter '{name}': IdleWatts ({options.IdleWatts}) and ActiveWatts ({options.ActiveWatts}) must be finite and 0 or more.");
        }
        else if (options.IdleWatts + options.ActiveWatts <= 0)
        {
            failures.Add($"Estimated meter '{name}': set IdleWatts and ActiveWatts (both are 0, so every estimate would be 0 J); measure idle and full-load power of the host once.");
        }

        if (options.Cores is <= 0)
        {
            failures.Add($"Estimated meter '{name}': Cores {options.Cores} must be positive.");
        }

        if (options.ClockTicksPerSecond is <= 0)
        {
            failures.Add($"Estimated meter '{name}': ClockTicksPerSecond {options.ClockTicksPerSecond} must be positive.");
        }

        if (string.IsNullOrWhiteSpace(options.ProcRoot) || string.IsNullOrWhiteSpace(options.CgroupRoot))
        {
            failures.Add($"Estimated meter '{name}': ProcRoot and CgroupRoot must be set.");
        }

        if (options.PollInterval < TimeSpan.FromMilliseconds(1) || options.PollInterval > TimeSpan.FromHours(1))
        {
            failures.Add($"Estimated meter '{name}': PollInterval {options.PollInterval} must be between 1 ms and 1 h.");
        }

        if (!Enum.IsDefined(options.Scope))
        {
            failures.Add($"Estimated meter '{name}': Scope {options.Scope} is not Process or Cgroup.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
