namespace DynaSplit.Simulation.Csv;

/// <summary>
/// Opens text files for the readers, turning I/O failures into errors that name the file, refusing folders, and
/// reading at most a bounded number of bytes (a path such as /dev/zero or a file of gigabytes without a line break
/// must not take all memory).
/// </summary>
internal static class TextFiles
{
    /// <summary>The default limit on a file's size: 64 MiB (the VGG16 pool of the DynaSplit artifact is 0.2 MiB).</summary>
    public const long DefaultMaxBytes = 64L << 20;

    /// <summary>Reads <paramref name="path"/> with <paramref name="read"/>, which gets the reader and the path to name in its errors.</summary>
    /// <exception cref="InvalidDataException">The file cannot be read, is a folder, or is larger than <paramref name="maxBytes"/> (the message names it and what it was for).</exception>
    public static T Read<T>(string path, string what, Func<TextReader, string, T> read, long maxBytes = DefaultMaxBytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Directory.Exists(path))
        {
            throw new InvalidDataException($"Cannot read {what} '{path}': it is a folder; give the path of a file inside it.");
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            using var limited = new LimitedStream(stream, maxBytes, () => $"{what} '{path}' is larger than the limit of {maxBytes:N0} bytes; is it the right file?");
            using var reader = new StreamReader(limited);
            return read(reader, path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"Cannot read {what} '{path}': {ex.Message}", ex);
        }
    }
}
