using DynaSplit.Energy.Ina.I2c;

namespace DynaSplit.Energy.Tests.Fixtures;

/// <summary>
/// An INA219 register file in memory. The test sets the analog inputs (shunt and bus voltage); the current and power
/// registers follow the datasheet's equations 4 and 5 from the calibration register, as the chip computes them.
/// </summary>
internal sealed class FakeIna219 : II2cRegisterDevice
{
    private readonly ushort[] _registers = new ushort[6];

    public FakeIna219()
    {
        _registers[Ina219Registers.Configuration] = Ina219Registers.ConfigurationDefault;
    }

    public string Description => "fake i2c-1 0x40";

    public double ShuntVolts { get; set; }

    public double BusVolts { get; set; }

    public bool Disposed { get; private set; }

    public List<(byte Register, ushort Value)> Writes { get; } = [];

    public ushort Peek(byte register) => _registers[register];

    public ushort Read(byte register)
    {
        ObjectDisposedException.ThrowIf(Disposed, this);
        var shuntRaw = (short)Math.Round(ShuntVolts / Ina219Registers.ShuntVoltageLsb);
        var busRaw = (int)Math.Round(BusVolts / Ina219Registers.BusVoltageLsb);
        var cal = _registers[Ina219Registers.Calibration];
        var current = (long)shuntRaw * cal / 4096;                   // equation 4
        var overflow = current is > short.MaxValue or < short.MinValue;
        var power = Math.Abs(current) * busRaw / 5000;               // equation 5
        overflow |= power > ushort.MaxValue;
        return register switch
        {
            Ina219Registers.ShuntVoltage => (ushort)shuntRaw,
            Ina219Registers.BusVoltage => (ushort)((busRaw << 3) | Ina219Registers.ConversionReadyBit | (overflow ? Ina219Registers.OverflowBit : 0)),
            Ina219Registers.Current => (ushort)(short)Math.Clamp(current, short.MinValue, short.MaxValue),
            Ina219Registers.Power => (ushort)Math.Min(power, ushort.MaxValue),
            _ => _registers[register],
        };
    }

    public void Write(byte register, ushort value)
    {
        ObjectDisposedException.ThrowIf(Disposed, this);
        Writes.Add((register, value));
        _registers[register] = register == Ina219Registers.Calibration ? (ushort)(value & 0xFFFE) : value;
    }

    public void Dispose() => Disposed = true;
}
