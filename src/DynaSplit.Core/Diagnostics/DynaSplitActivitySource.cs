using System.Diagnostics;

namespace DynaSplit.Diagnostics;

/// <summary>
/// The spans DynaSplit emits, on the <see cref="ActivitySource"/> named <see cref="Name"/>: <c>request</c> (one served
/// request), <c>schedule</c> (the scheduler's choice), <c>reconfigure</c> (changing knobs) and <c>stage</c> (one stage of
/// an inference on its tier, tagged with its compute and transfer time and the bytes it sent). Add the source to OpenTelemetry's tracer
/// provider builder (<c>AddSource(DynaSplitActivitySource.Name)</c>) to export them.
/// </summary>
public static class DynaSplitActivitySource
{
    /// <summary>The source's name.</summary>
    public const string Name = "DynaSplit";

    /// <summary>The source (an immutable process-wide object, as ActivitySource is designed to be used).</summary>
    public static ActivitySource Source { get; } = new(Name);
}
