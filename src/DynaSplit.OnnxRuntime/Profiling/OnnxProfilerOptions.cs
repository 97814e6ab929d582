using DynaSplit.OnnxRuntime.Execution;

namespace DynaSplit.OnnxRuntime.Profiling;

/// <summary>How <see cref="OnnxSplitProfiler"/> measures.</summary>
public sealed class OnnxProfilerOptions
{
    /// <summary>Unmeasured runs per split point before measuring (session creation is never measured).</summary>
    public int WarmupRuns { get; set; } = 2;

    /// <summary>Measured runs per split point; the profile keeps the medians.</summary>
    public int Repetitions { get; set; } = 10;

    /// <summary>The split points to profile; null for all.</summary>
    public IReadOnlyList<int>? Indices { get; set; }

    /// <summary>The seed of the random inputs.</summary>
    public int Seed { get; set; }

    /// <summary>Sizes of the inputs' dynamic dimensions by name; others are 1.</summary>
    public IDictionary<string, long> Dimensions { get; set; } = new Dictionary<string, long>(StringComparer.Ordinal);

    /// <summary>The session settings.</summary>
    public OnnxRuntimeSessionSettings Settings { get; set; } = new();
}
