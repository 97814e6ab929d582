using DynaSplit.Energy.Ina.I2c;
using DynaSplit.Energy.Tests.Fixtures;

namespace DynaSplit.Energy.Tests;

public sealed class Ina219Tests
{
    [Test]
    public void Calibration_matches_the_datasheet_worked_example()
    {
        // 0.1 ohm shunt, 2 A expected: minimum LSB 2/32768 = 61 uA, rounded to 100 uA;
        // Cal = trunc(0.04096 / (0.0001 * 0.1)) = 4096; Power_LSB = 20 * 100 uA = 2 mW; PGA /8 (200 mV needed).
        var cal = Ina219Calibration.Compute(0.1, 2.0);
        Assert.That(cal.CurrentLsb, Is.EqualTo(100e-6).Within(1e-12));
        Assert.That(cal.Calibration, Is.EqualTo(4096));
        Assert.That(cal.PowerLsb, Is.EqualTo(2e-3).Within(1e-12));
        Assert.That(cal.Gain, Is.EqualTo(Ina219Gain.Range320mV));
        Assert.That(cal.MaxCurrentBeforeOverflow, Is.EqualTo(3.2767).Within(1e-9));
        Assert.That(cal.MaxPossibleAmps, Is.EqualTo(3.2).Within(1e-9));
    }

    [TestCase(0.1, 2.0, 6710)]   // Current_LSB = 2/2^15: trunc(6710.886)
    [TestCase(0.1, 1.0, 13420)]  // trunc(13421.77) = 13421, bit 0 not used by the chip
    [TestCase(0.01, 8.0, 16776)] // trunc(16777.216) = 16777 -> 16776
    public void Calibration_with_the_finest_lsb_follows_equation_1(double ohms, double amps, int expected)
    {
        var cal = Ina219Calibration.Compute(ohms, amps, roundCurrentLsb: false);
        Assert.That(cal.CurrentLsb, Is.EqualTo(amps / 32768).Within(1e-15));
        Assert.That(cal.Calibration, Is.EqualTo(expected));
        Assert.That(cal.PowerLsb, Is.EqualTo(20 * amps / 32768).Within(1e-15));
    }

    [Test]
    public void Calibration_picks_the_smallest_pga_range_and_refuses_more_than_320_mV()
    {
        Assert.That(Ina219Calibration.Compute(0.1, 0.35).Gain, Is.EqualTo(Ina219Gain.Range40mV));
        Assert.That(Ina219Calibration.Compute(0.1, 0.8).Gain, Is.EqualTo(Ina219Gain.Range80mV));
        Assert.That(Ina219Calibration.Compute(0.1, 1.5).Gain, Is.EqualTo(Ina219Gain.Range160mV));
        Assert.That(() => Ina219Calibration.Compute(0.1, 4.0), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("at most 3.2 A"));
    }

    [Test]
    public void Configuration_register_round_trips_and_decodes_the_power_on_default()
    {
        var power_on = Ina219Configuration.FromRegister(Ina219Registers.ConfigurationDefault);
        Assert.That(power_on, Is.EqualTo(new Ina219Configuration(Ina219BusRange.Range32V, Ina219Gain.Range320mV, Ina219Adc.Bits12, Ina219Adc.Bits12, 7)));
        Assert.That(power_on.ToRegister(), Is.EqualTo(0x399F));
        var custom = new Ina219Configuration(Ina219BusRange.Range16V, Ina219Gain.Range80mV, Ina219Adc.Samples128, Ina219Adc.Bits9, 3);
        Assert.That(custom.ToRegister(), Is.EqualTo((1 << 11) | (0xF << 7) | 3));
        Assert.That(Ina219Configuration.FromRegister(custom.ToRegister()), Is.EqualTo(custom));
        Assert.That(power_on.ConversionTime, Is.EqualTo(TimeSpan.FromMicroseconds(1064)));
    }

    [Test]
    public void Bus_voltage_register_decodes_voltage_and_flags()
    {
        var value = Ina219BusVoltage.FromRegister((ushort)((3000 << 3) | 0b11));
        Assert.That(value.Volts, Is.EqualTo(12.0).Within(1e-9));
        Assert.That(value.ConversionReady, Is.True);
        Assert.That(value.Overflow, Is.True);
        Assert.That(Ina219BusVoltage.FromRegister(3000 << 3).Overflow, Is.False);
    }

    [Test]
    public void Chip_reads_current_and_power_through_the_calibration_and_restores_its_registers()
    {
        var fake = new FakeIna219 { ShuntVolts = 0.15, BusVolts = 12.0 }; // 1.5 A across 0.1 ohm
        fake.Write(Ina219Registers.Calibration, 1234);
        fake.Writes.Clear();
        using (var chip = new Ina219(fake))
        {
            var config = chip.Configure(Ina219Calibration.Compute(0.1, 2.0));
            Assert.That(config.ToRegister(), Is.EqualTo(0x399F));
            Assert.That(fake.Peek(Ina219Registers.Calibration), Is.EqualTo(4096));
            Assert.That(chip.ReadShuntVoltage(), Is.EqualTo(0.15).Within(1e-9));
            Assert.That(chip.ReadCurrent(), Is.EqualTo(1.5).Within(1e-9));
            Assert.That(chip.ReadPower(), Is.EqualTo(18.0).Within(0.002));
            Assert.That(chip.ReadBusVoltage().Volts, Is.EqualTo(12.0).Within(1e-9));
        }

        Assert.That(fake.Peek(Ina219Registers.Calibration), Is.EqualTo(1234), "calibration restored");
        Assert.That(fake.Peek(Ina219Registers.Configuration), Is.EqualTo(Ina219Registers.ConfigurationDefault));
        Assert.That(fake.Disposed, Is.True);
    }

    [Test]
    public void Overflow_flag_fails_the_read()
    {
        var fake = new FakeIna219 { ShuntVolts = 0.32, BusVolts = 30 };
        var chip = new Ina219(fake);
        chip.Configure(Ina219Calibration.Compute(0.1, 0.35, roundCurrentLsb: false) with { Gain = Ina219Gain.Range320mV });
        var sensor = new Ina219PowerSensor("ina219", "rail", chip, TimeSpan.FromMilliseconds(1));
        Assert.That(() => sensor.ReadWatts(new double[1]), Throws.InvalidOperationException.With.Message.Contains("overflow"));
    }

    [Test]
    public async Task Meter_over_the_register_file_integrates_constant_power()
    {
        var fake = new FakeIna219 { ShuntVolts = 0.1, BusVolts = 5.0 }; // 1 A at 5 V
        var options = new Ina219MeterOptions { ShuntOhms = 0.1, MaxExpectedAmps = 2.0, SamplingInterval = TimeSpan.FromMilliseconds(2) };
        using var meter = new Ina219Meter("ina219", options, () => fake);
        Assert.That(meter.Availability.IsAvailable, Is.True);

        var reading = await meter.MeasureAsync(ct => new ValueTask(Task.Delay(200, ct)), CancellationToken.None);

        Assert.That(reading.MeanWatts, Is.EqualTo(5.0).Within(0.002));
        Assert.That(reading.Joules, Is.EqualTo(5.0 * reading.Duration.TotalSeconds).Within(1e-3));
        Assert.That(reading.SampleCount, Is.GreaterThan(10));
        Assert.That(meter.Calibration!.Calibration, Is.EqualTo(4096));
    }

    [Test]
    public void Meter_without_a_bus_is_unavailable_and_does_not_throw()
    {
        var meter = new Ina219Meter("ina219", new Ina219MeterOptions { BusId = 97 });
        Assert.That(meter.Availability.IsAvailable, Is.False);
        Assert.That(meter.Availability.Reason, Does.Contain("i2c-97"));
        meter.Dispose();
    }
}
