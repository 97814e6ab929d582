using System.Diagnostics;
using DynaSplit.Execution;

namespace DynaSplit.OnnxRuntime.Execution;

/// <summary>
/// A transport that packs a stage's inputs into one contiguous buffer and unpacks them (<see cref="CutTensorSerializer"/>,
/// the remote path's format) before handing them to the inner transport; the packing time counts as transfer time.
/// </summary>
internal sealed class SerializingStageTransport(IStageTransport inner) : IStageTransport
{
    public string Tier => inner.Tier;

    public async ValueTask<StageResult> ExecuteAsync(StageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var start = Stopwatch.GetTimestamp();
        var packed = CutTensorSerializer.Serialize(request.Inputs);
        var unpacked = CutTensorSerializer.Deserialize(packed);
        var packing = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        var result = await inner.ExecuteAsync(request with { Inputs = unpacked }, cancellationToken).ConfigureAwait(false);
        return result with { Measurement = result.Measurement with { TransferMs = result.Measurement.TransferMs + packing } };
    }
}
