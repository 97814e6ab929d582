namespace DynaSplit.Energy.Ina.I2c;

/// <summary>Options of an INA219 read directly over I2C (no kernel driver).</summary>
public sealed class Ina219MeterOptions
{
    /// <summary>The I2C bus number (/dev/i2c-N). Default 1 (the Raspberry Pi header).</summary>
    public int BusId { get; set; } = 1;

    /// <summary>The chip's 7-bit address, 0x40-0x4F. Default 0x40.</summary>
    public int Address { get; set; } = 0x40;

    /// <summary>The shunt resistance, Ω. Default 0.1 (most breakout boards and Pi HATs).</summary>
    public double ShuntOhms { get; set; } = 0.1;

    /// <summary>The largest current expected, A: sets the PGA range and the calibration. Default 2.</summary>
    public double MaxExpectedAmps { get; set; } = 2.0;

    /// <summary>Round Current_LSB up to a 1-2-5 value (datasheet advice) rather than use the finest. Default true.</summary>
    public bool RoundCurrentLsb { get; set; } = true;

    /// <summary>Bus voltage full scale. Default 32 V.</summary>
    public Ina219BusRange BusRange { get; set; } = Ina219BusRange.Range32V;

    /// <summary>ADC resolution or averaging for both ADCs. Default 12 bit (a new value every 1.06 ms).</summary>
    public Ina219Adc Adc { get; set; } = Ina219Adc.Bits12;

    /// <summary>The channel label in readings. Default "ina219@i2c-{BusId}-0x{Address}".</summary>
    public string? Label { get; set; }

    /// <summary>The sampling interval; null takes the conversion time (at least 1 ms).</summary>
    public TimeSpan? SamplingInterval { get; set; }
}
