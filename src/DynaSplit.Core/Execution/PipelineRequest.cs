using DynaSplit.Spaces;
using DynaSplit.Topology;

namespace DynaSplit.Execution;

/// <summary>One inference to run along a placement.</summary>
/// <param name="Placement">Where each stage runs.</param>
/// <param name="Inputs">The model's inputs.</param>
/// <param name="Configuration">The configuration the stages' settings come from (execution provider, threads, codec per tier), if any.</param>
public sealed record PipelineRequest(Placement Placement, IReadOnlyList<TensorData> Inputs, Configuration? Configuration = null)
{
    /// <summary>When the inference must be answered, if any (remote stages use it as their call deadline).</summary>
    public DateTimeOffset? Deadline { get; init; }
}
