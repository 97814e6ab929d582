using System.Globalization;
using DynaSplit.Simulation.Csv;

namespace DynaSplit.Simulation.Workload;

/// <summary>Latency thresholds (QoS) of a sequence of requests, in milliseconds.</summary>
public static class QosWorkload
{
    /// <summary>The most requests a generated workload may have: 10 million (80 MB of thresholds).</summary>
    public const int MaxCount = 10_000_000;

    /// <summary>
    /// The paper's workload: <paramref name="count"/> samples of Weibull(shape <paramref name="shape"/>, scale 1),
    /// linearly rescaled so that the smallest sample maps to <paramref name="minMs"/> and the largest to
    /// <paramref name="maxMs"/>. Seeded.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is not 1 to <see cref="MaxCount"/>, or the shape is not positive.</exception>
    public static double[] Weibull(int count, double minMs, double maxMs, int seed, double shape = 1.0)
    {
        if (count < 1 || count > MaxCount)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"The number of requests must be 1 to {MaxCount:N0}; got {count:N0}.");
        }

        if (!double.IsFinite(minMs) || !double.IsFinite(maxMs) || minMs < 0 || maxMs < minMs)
        {
            throw new ArgumentException($"The QoS bounds must satisfy 0 <= min <= max; got min {minMs} ms, max {maxMs} ms.");
        }

        if (!(shape > 0) || !double.IsFinite(shape))
        {
            throw new ArgumentOutOfRangeException(nameof(shape), shape, "The Weibull shape must be positive.");
        }

        var random = new Random(seed);
        var samples = new double[count];
        for (var i = 0; i < count; i++)
        {
            // Inverse CDF: x = (-ln(1 - u))^(1/k), u in [0, 1).
            samples[i] = Math.Pow(-Math.Log(1.0 - random.NextDouble()), 1.0 / shape);
        }

        return Rescale(samples, minMs, maxMs);
    }

    /// <summary>Maps the smallest value to <paramref name="min"/> and the largest to <paramref name="max"/> linearly.</summary>
    public static double[] Rescale(IReadOnlyList<double> samples, double min, double max)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count == 0)
        {
            return [];
        }

        var low = samples.Min();
        var high = samples.Max();
        var result = new double[samples.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = high > low ? min + ((samples[i] - low) / (high - low) * (max - min)) : min;
        }

        return result;
    }

    /// <summary>
    /// Reads thresholds from a CSV file: one threshold in ms per row, in the first column; a header row is allowed
    /// (a first row whose first field starts with a letter; one starting with a digit, sign or point is data).
    /// </summary>
    /// <exception cref="InvalidDataException">A row is not a non-negative number, or there are none; the message names the file and line.</exception>
    public static double[] ReadCsv(string path) => TextFiles.Read(path, "QoS trace", ReadCsv);

    /// <summary>Reads thresholds from CSV text; <paramref name="source"/> names it in errors.</summary>
    public static double[] ReadCsv(TextReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var thresholds = new List<double>();
        var first = true;
        IEnumerable<(int Line, string[] Fields)> records;
        try
        {
            records = CsvReader.Read(reader).ToList();
        }
        catch (FormatException ex)
        {
            throw new InvalidDataException($"{source}: {ex.Message}", ex);
        }

        foreach (var (line, fields) in records)
        {
            var text = fields[0].Trim();
            var isNumber = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value);
            if (first && !isNumber && LooksLikeHeader(text))
            {
                first = false;
                continue; // header row
            }

            first = false;
            if (!isNumber || !double.IsFinite(value) || value < 0)
            {
                throw new InvalidDataException($"{source}:{line}, column 1: '{fields[0]}' is not a latency threshold (a non-negative number of milliseconds).");
            }

            thresholds.Add(value);
        }

        return thresholds.Count > 0
            ? thresholds.ToArray()
            : throw new InvalidDataException($"{source}: no thresholds; expected one number of milliseconds per row.");
    }

    private static bool LooksLikeHeader(string text) =>
        text.Length > 0 && !char.IsAsciiDigit(text[0]) && text[0] is not ('+' or '-' or '.');
}
