namespace DynaSplit.Energy.Ina.Sysfs;

/// <summary>Reads sysfs attribute files (an indirection so tests can drive a signal as a function of time).</summary>
internal interface ISysfsReader
{
    /// <summary>Reads an integer attribute.</summary>
    /// <exception cref="IOException">The file cannot be read or does not hold an integer; the message names the path.</exception>
    long ReadInt64(string path);

    /// <summary>Reads a text attribute, trimmed; null when the file does not exist.</summary>
    string? TryReadText(string path);
}
