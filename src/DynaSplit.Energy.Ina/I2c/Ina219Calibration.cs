namespace DynaSplit.Energy.Ina.I2c;

/// <summary>
/// The INA219 calibration arithmetic (TI INA219 datasheet section 8.5.1, equations 1-3):
/// Current_LSB = Maximum Expected Current / 2^15, Cal = trunc(0.04096 / (Current_LSB × R_SHUNT)),
/// Power_LSB = 20 × Current_LSB. The chip then computes Current = Shunt × Cal / 4096 and
/// Power = Current × Bus / 5000 (equations 4 and 5).
/// </summary>
/// <param name="ShuntOhms">The shunt resistance, Ω.</param>
/// <param name="MaxExpectedAmps">The largest current expected, A.</param>
/// <param name="CurrentLsb">Amperes per bit of the current register.</param>
/// <param name="Calibration">The calibration register value (bit 0 cleared, as the chip ignores it).</param>
/// <param name="PowerLsb">Watts per bit of the power register.</param>
/// <param name="Gain">The smallest PGA range that holds MaxExpectedAmps × ShuntOhms.</param>
public sealed record Ina219Calibration(double ShuntOhms, double MaxExpectedAmps, double CurrentLsb, ushort Calibration, double PowerLsb, Ina219Gain Gain)
{
    /// <summary>The constant of datasheet equation 1: 0.04096, an internal fixed value that sets the scaling.</summary>
    public const double CalibrationConstant = 0.04096;

    /// <summary>The largest current the current register holds before it overflows (Current_LSB × 32767), A.</summary>
    public double MaxCurrentBeforeOverflow => CurrentLsb * short.MaxValue;

    /// <summary>The largest current the selected PGA range can measure across the shunt, A.</summary>
    public double MaxPossibleAmps => Ina219Configuration.FullScaleShuntVolts(Gain) / ShuntOhms;

    /// <summary>
    /// Computes the calibration for a shunt and an expected maximum current. With <paramref name="roundCurrentLsb"/>
    /// the Current_LSB is rounded up from the minimum (Max Expected / 2^15) to the next 1-2-5 value, as the datasheet
    /// recommends for round register values; without it the minimum is used for the finest resolution.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The current cannot be measured with that shunt (more than 320 mV across it), or the calibration does not fit the register.</exception>
    public static Ina219Calibration Compute(double shuntOhms, double maxExpectedAmps, bool roundCurrentLsb = true)
    {
        if (!(shuntOhms > 0) || !double.IsFinite(shuntOhms))
        {
            throw new ArgumentOutOfRangeException(nameof(shuntOhms), shuntOhms, "The shunt resistance must be a positive number of ohms (0.1 on most INA219 breakout boards).");
        }

        if (!(maxExpectedAmps > 0) || !double.IsFinite(maxExpectedAmps))
        {
            throw new ArgumentOutOfRangeException(nameof(maxExpectedAmps), maxExpectedAmps, "The maximum expected current must be a positive number of amperes.");
        }

        // The tolerance keeps 0.8 A x 0.1 ohm (0.08000000000000002 in binary) inside the 80 mV range.
        var shuntVolts = maxExpectedAmps * shuntOhms * (1 - 1e-12);
        var gain = shuntVolts <= 0.04 ? Ina219Gain.Range40mV
            : shuntVolts <= 0.08 ? Ina219Gain.Range80mV
            : shuntVolts <= 0.16 ? Ina219Gain.Range160mV
            : shuntVolts <= 0.32 ? Ina219Gain.Range320mV
            : throw new ArgumentOutOfRangeException(nameof(maxExpectedAmps), maxExpectedAmps,
                $"{maxExpectedAmps} A across {shuntOhms} Ω is {shuntVolts * 1000:0.#} mV; the INA219 measures at most 320 mV, so at most {0.32 / shuntOhms:0.###} A with this shunt. Use a smaller shunt.");

        var minimumLsb = maxExpectedAmps / 32768.0;
        var currentLsb = roundCurrentLsb ? RoundUp125(minimumLsb) : minimumLsb;
        var cal = Math.Truncate(CalibrationConstant / (currentLsb * shuntOhms));
        if (cal < 2 || cal > 0xFFFE)
        {
            throw new ArgumentOutOfRangeException(nameof(shuntOhms), shuntOhms,
                $"The calibration value {cal} for {shuntOhms} Ω and {maxExpectedAmps} A does not fit the 16-bit register (2..65534); choose another expected current.");
        }

        return new Ina219Calibration(shuntOhms, maxExpectedAmps, currentLsb, (ushort)((ushort)cal & 0xFFFE), 20 * currentLsb, gain);
    }

    private static double RoundUp125(double value)
    {
        var decade = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var step in (ReadOnlySpan<double>)[1, 2, 5, 10])
        {
            // The tolerance keeps an exact 1-2-5 value (such as 100 µA) from rounding up to the next step.
            if (step * decade >= value * (1 - 1e-12))
            {
                return step * decade;
            }
        }

        return 10 * decade;
    }
}
