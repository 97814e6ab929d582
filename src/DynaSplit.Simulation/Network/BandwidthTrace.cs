using System.Globalization;
using DynaSplit.Simulation.Csv;

namespace DynaSplit.Simulation.Network;

/// <summary>
/// The link's bandwidth over time, piecewise constant: each point's rate holds from its time until the next point's
/// (the last one holds for ever; the first one also holds before its time). Read from a CSV of
/// <c>time in seconds, Mbit/s</c> rows.
/// </summary>
public sealed class BandwidthTrace
{
    private readonly double[] _seconds;
    private readonly double[] _bitsPerSecond;

    /// <summary>Creates a trace from (time s, bits/s) points with strictly increasing times and positive rates.</summary>
    /// <exception cref="ArgumentException">No points, a time out of order, or a rate that is not positive.</exception>
    public BandwidthTrace(IEnumerable<(double Seconds, double BitsPerSecond)> points, string source = "bandwidth trace")
    {
        ArgumentNullException.ThrowIfNull(points);
        var list = points.ToArray();
        if (list.Length == 0)
        {
            throw new ArgumentException($"{source}: no points; expected rows of 'time in seconds, Mbit/s'.", nameof(points));
        }

        for (var i = 0; i < list.Length; i++)
        {
            var (t, rate) = list[i];
            if (!double.IsFinite(t) || t < 0 || (i > 0 && t <= list[i - 1].Seconds))
            {
                throw new ArgumentException($"{source}: point {i + 1} has time {t.ToString(CultureInfo.InvariantCulture)} s; times must be finite, non-negative and strictly increasing.", nameof(points));
            }

            if (!(rate > 0) || !double.IsFinite(rate))
            {
                throw new ArgumentException($"{source}: point {i + 1} has rate {rate.ToString(CultureInfo.InvariantCulture)} bit/s; rates must be positive and finite.", nameof(points));
            }
        }

        Source = source;
        _seconds = list.Select(p => p.Seconds).ToArray();
        _bitsPerSecond = list.Select(p => p.BitsPerSecond).ToArray();
    }

    /// <summary>Where the trace came from (a path, or a description).</summary>
    public string Source { get; }

    /// <summary>The points: time, s, and the rate from then on, bits/s.</summary>
    public IReadOnlyList<(double Seconds, double BitsPerSecond)> Points => _seconds.Zip(_bitsPerSecond).ToArray();

    /// <summary>A link that never changes.</summary>
    public static BandwidthTrace Constant(double bitsPerSecond) => new([(0, bitsPerSecond)], $"constant {bitsPerSecond / 1e6:G4} Mbit/s");

    /// <summary>The rate at <paramref name="seconds"/>, bits/s.</summary>
    public double RateAt(double seconds) => _bitsPerSecond[SegmentAt(seconds)];

    /// <summary>
    /// The time to send <paramref name="bytes"/> starting at <paramref name="startSeconds"/>, ms: the bits are sent at
    /// each segment's rate in turn, so a transfer that spans a change is charged both rates.
    /// </summary>
    public double SerializationMs(long bytes, double startSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        var bits = bytes * 8.0;
        var t = startSeconds;
        var segment = SegmentAt(t);
        while (true)
        {
            var rate = _bitsPerSecond[segment];
            if (segment + 1 >= _seconds.Length)
            {
                return (t + (bits / rate) - startSeconds) * 1000.0;
            }

            var capacity = (_seconds[segment + 1] - t) * rate;
            if (bits <= capacity)
            {
                return (t + (bits / rate) - startSeconds) * 1000.0;
            }

            bits -= capacity;
            t = _seconds[segment + 1];
            segment++;
        }
    }

    /// <summary>Reads a trace from a CSV file: rows of time in seconds and Mbit/s; a header row is allowed.</summary>
    /// <exception cref="InvalidDataException">A row is not two numbers, or the points are not a trace; the message names the file and line.</exception>
    public static BandwidthTrace ReadCsv(string path) => TextFiles.Read(path, "bandwidth trace", ReadCsv);

    /// <summary>Reads a trace from CSV text; <paramref name="source"/> names it in errors.</summary>
    public static BandwidthTrace ReadCsv(TextReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        List<(int Line, string[] Fields)> records;
        try
        {
            records = CsvReader.Read(reader).ToList();
        }
        catch (FormatException ex)
        {
            throw new InvalidDataException($"{source}: {ex.Message}", ex);
        }

        var points = new List<(double, double)>();
        var first = true;
        foreach (var (line, fields) in records)
        {
            if (fields.Length == 1 && string.IsNullOrWhiteSpace(fields[0]))
            {
                continue; // blank line
            }

            var timeOk = double.TryParse(fields[0].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds);
            if (first && !timeOk)
            {
                first = false;
                continue; // header row
            }

            first = false;
            if (fields.Length < 2)
            {
                throw new InvalidDataException($"{source}:{line}: expected 'time in seconds, Mbit/s'; the row has {fields.Length} column(s).");
            }

            if (!timeOk || !double.IsFinite(seconds) || seconds < 0)
            {
                throw new InvalidDataException($"{source}:{line}, column 1: '{fields[0]}' is not a time (a non-negative number of seconds).");
            }

            if (!double.TryParse(fields[1].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var mbps) || !(mbps > 0) || !double.IsFinite(mbps))
            {
                throw new InvalidDataException($"{source}:{line}, column 2: '{fields[1]}' is not a rate (a positive number of Mbit/s).");
            }

            if (points.Count > 0 && seconds <= points[^1].Item1)
            {
                throw new InvalidDataException($"{source}:{line}: time {seconds.ToString(CultureInfo.InvariantCulture)} s is not after the previous row's; sort the rows by time.");
            }

            points.Add((seconds, mbps * 1e6));
        }

        return points.Count > 0
            ? new BandwidthTrace(points, source)
            : throw new InvalidDataException($"{source}: no rows; expected rows of 'time in seconds, Mbit/s'.");
    }

    private int SegmentAt(double seconds)
    {
        var i = Array.BinarySearch(_seconds, seconds);
        return i >= 0 ? i : Math.Max(0, ~i - 1);
    }
}
