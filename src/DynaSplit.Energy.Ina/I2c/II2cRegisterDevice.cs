namespace DynaSplit.Energy.Ina.I2c;

/// <summary>
/// A device with 16-bit registers on an I2C bus (an indirection so the INA219 logic can be tested against a register
/// file in memory). Registers are big-endian on the wire, as the INA219 sends them.
/// </summary>
public interface II2cRegisterDevice : IDisposable
{
    /// <summary>Where the device is (for messages), for example "i2c-1 0x40".</summary>
    string Description { get; }

    /// <summary>Reads a 16-bit register.</summary>
    /// <exception cref="IOException">The bus transfer failed.</exception>
    ushort Read(byte register);

    /// <summary>Writes a 16-bit register.</summary>
    /// <exception cref="IOException">The bus transfer failed.</exception>
    void Write(byte register, ushort value);
}
