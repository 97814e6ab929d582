namespace DynaSplit.Simulation.Csv;

/// <summary>Opens text files for the readers, turning I/O failures into errors that name the file.</summary>
internal static class TextFiles
{
    /// <summary>Reads <paramref name="path"/> with <paramref name="read"/>, which gets the reader and the path to name in its errors.</summary>
    /// <exception cref="InvalidDataException">The file cannot be read (the message names it and what it was for).</exception>
    public static T Read<T>(string path, string what, Func<TextReader, string, T> read)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        try
        {
            using var reader = new StreamReader(path);
            return read(reader, path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"Cannot read {what} '{path}': {ex.Message}", ex);
        }
    }
}
