namespace DynaSplit.Simulation.Replay;

/// <summary>Limits on a measurement pool read by <see cref="MeasurementPoolCsv"/>: pools are files from elsewhere, and a wrong or crafted one must fail fast with a clear message instead of taking all memory or time.</summary>
public sealed class MeasurementPoolCsvOptions
{
    /// <summary>The default of <see cref="MaxFileBytes"/>: 64 MiB.</summary>
    public const long DefaultMaxFileBytes = 64L << 20;

    /// <summary>The default of <see cref="MaxSplitIndex"/>: 100,000.</summary>
    public const int DefaultMaxSplitIndex = 100_000;

    /// <summary>The most bytes the file may have. Default 64 MiB.</summary>
    public long MaxFileBytes { get; set; } = DefaultMaxFileBytes;

    /// <summary>
    /// The largest split index a row may name. The split point parameter ranges over every index from 0 to the
    /// largest, so a crafted index of 10^8 would make every strategy walk 10^8 values. Default 100,000 (models have
    /// at most a few thousand split points).
    /// </summary>
    public int MaxSplitIndex { get; set; } = DefaultMaxSplitIndex;

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A limit is not positive.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxFileBytes, 1, nameof(MaxFileBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxSplitIndex, 1, nameof(MaxSplitIndex));
    }
}
