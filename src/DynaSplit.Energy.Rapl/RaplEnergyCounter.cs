using System.Buffers.Text;
using Microsoft.Win32.SafeHandles;

namespace DynaSplit.Energy.Rapl;

/// <summary>Reads energy_uj of RAPL zones (µJ, cumulative, wrapping at max_energy_range_uj).</summary>
public sealed class RaplEnergyCounter : IEnergyCounter
{
    private readonly RaplZone[] _zones;

    /// <summary>Creates the counter over <paramref name="zones"/>.</summary>
    public RaplEnergyCounter(string name, IReadOnlyList<RaplZone> zones)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(zones);
        if (zones.Count == 0)
        {
            throw new ArgumentException("A RAPL counter needs at least one zone.", nameof(zones));
        }

        Name = name;
        _zones = zones.ToArray();
        Channels = _zones.Select(z => z.Name).ToArray();
        WrapJoules = _zones.Select(z => z.MaxEnergyRangeMicrojoules * 1e-6).ToArray();
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public IReadOnlyList<string> Channels { get; }

    /// <summary>The zones read.</summary>
    public IReadOnlyList<RaplZone> Zones => _zones;

    /// <inheritdoc />
    public EnergyReadingKind Kind => EnergyReadingKind.Measured;

    /// <inheritdoc />
    public IReadOnlyList<double> WrapJoules { get; }

    /// <inheritdoc />
    public void ReadJoules(Span<double> joules)
    {
        for (var i = 0; i < _zones.Length; i++)
        {
            joules[i] = ReadMicrojoules(_zones[i].EnergyPath) * 1e-6;
        }
    }

    /// <summary>Reads one energy_uj file.</summary>
    /// <exception cref="IOException">The file is gone or unreadable, or does not hold an integer.</exception>
    /// <exception cref="UnauthorizedAccessException">energy_uj is root-only (Linux 5.10 and later).</exception>
    internal static long ReadMicrojoules(string path)
    {
        Span<byte> buffer = stackalloc byte[32];
        int read;
        try
        {
            using SafeFileHandle handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            read = RandomAccess.Read(handle, buffer, 0);
        }
        catch (IOException ex)
        {
            throw new IOException($"Cannot read RAPL counter '{path}': {ex.Message}", ex);
        }

        var text = buffer[..read].TrimEnd("\n\r\t "u8);
        if (!Utf8Parser.TryParse(text, out long value, out var consumed) || consumed != text.Length || value < 0)
        {
            throw new IOException($"RAPL counter '{path}' holds '{System.Text.Encoding.ASCII.GetString(buffer[..read]).Trim()}', not a non-negative integer.");
        }

        return value;
    }
}
