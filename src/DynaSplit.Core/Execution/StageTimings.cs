namespace DynaSplit.Execution;

/// <summary>How long each stage of one split inference took.</summary>
/// <param name="Head">The head (edge part).</param>
/// <param name="Handoff">Handing the cut tensors to the tail (in process: the handoff; remote: the transfer).</param>
/// <param name="Tail">The tail (cloud part).</param>
public readonly record struct StageTimings(TimeSpan Head, TimeSpan Handoff, TimeSpan Tail)
{
    /// <summary>The sum of the stages.</summary>
    public TimeSpan Total => Head + Handoff + Tail;
}
