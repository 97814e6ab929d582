using System.Buffers.Binary;
using System.Device.I2c;

namespace DynaSplit.Energy.Ina.I2c;

/// <summary>16-bit big-endian registers over <see cref="I2cDevice"/> (System.Device.I2c, /dev/i2c-N on Linux).</summary>
public sealed class I2cRegisterDevice : II2cRegisterDevice
{
    private readonly I2cDevice _device;

    /// <summary>Wraps an open I2C device; disposing this disposes it.</summary>
    public I2cRegisterDevice(I2cDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        _device = device;
        Description = $"i2c-{device.ConnectionSettings.BusId} 0x{device.ConnectionSettings.DeviceAddress:x2}";
    }

    /// <summary>Opens the device at <paramref name="address"/> on bus <paramref name="busId"/>.</summary>
    public static I2cRegisterDevice Open(int busId, int address) => new(I2cDevice.Create(new I2cConnectionSettings(busId, address)));

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public ushort Read(byte register)
    {
        Span<byte> write = [register];
        Span<byte> read = stackalloc byte[2];
        try
        {
            _device.WriteRead(write, read);
        }
        catch (Exception ex) when (ex is not IOException)
        {
            throw new IOException($"Reading register 0x{register:x2} of {Description} failed: {ex.Message}", ex);
        }

        return BinaryPrimitives.ReadUInt16BigEndian(read);
    }

    /// <inheritdoc />
    public void Write(byte register, ushort value)
    {
        Span<byte> data = [register, (byte)(value >> 8), (byte)value];
        try
        {
            _device.Write(data);
        }
        catch (Exception ex) when (ex is not IOException)
        {
            throw new IOException($"Writing register 0x{register:x2} of {Description} failed: {ex.Message}", ex);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _device.Dispose();
}
