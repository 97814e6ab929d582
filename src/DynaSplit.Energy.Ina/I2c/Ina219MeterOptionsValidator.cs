using Microsoft.Extensions.Options;

namespace DynaSplit.Energy.Ina.I2c;

/// <summary>Checks <see cref="Ina219MeterOptions"/> at start, including that the calibration arithmetic works out.</summary>
internal sealed class Ina219MeterOptionsValidator : IValidateOptions<Ina219MeterOptions>
{
    public ValidateOptionsResult Validate(string? name, Ina219MeterOptions options)
    {
        var failures = new List<string>();
        if (options.BusId < 0)
        {
            failures.Add($"INA219 meter '{name}': BusId {options.BusId} must be 0 or more (/dev/i2c-N).");
        }

        if (options.Address is < 0x40 or > 0x4F)
        {
            failures.Add($"INA219 meter '{name}': Address 0x{options.Address:x2} is not an INA219 address (0x40-0x4F, set by A0/A1).");
        }

        try
        {
            Ina219Calibration.Compute(options.ShuntOhms, options.MaxExpectedAmps, options.RoundCurrentLsb);
        }
        catch (ArgumentOutOfRangeException ex)
        {
            failures.Add($"INA219 meter '{name}': {ex.Message}");
        }

        if (options.SamplingInterval is { } i && (i < TimeSpan.FromMilliseconds(1) || i > TimeSpan.FromMinutes(1)))
        {
            failures.Add($"INA219 meter '{name}': SamplingInterval {i} must be between 1 ms and 1 min.");
        }

        if (!Enum.IsDefined(options.Adc) || !Enum.IsDefined(options.BusRange))
        {
            failures.Add($"INA219 meter '{name}': Adc {options.Adc} or BusRange {options.BusRange} is not a valid setting.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
