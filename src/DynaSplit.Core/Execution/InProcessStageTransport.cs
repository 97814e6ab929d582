using System.Diagnostics;
using DynaSplit.Topology;

namespace DynaSplit.Execution;

/// <summary>
/// The zero-copy handoff to a tier that runs in this process: the stage's input tensors are given to the tier's
/// <see cref="IStageRunner"/> as they are. Transfer time is what the handoff costs beyond the runner's compute time;
/// the bytes are those that would cross a network.
/// </summary>
public sealed class InProcessStageTransport : IStageTransport
{
    private readonly IStageRunner _runner;

    /// <summary>Creates the transport to <paramref name="tier"/>, whose stages <paramref name="runner"/> runs.</summary>
    public InProcessStageTransport(string tier, IStageRunner runner)
    {
        Tier = TierNames.Validate(tier, nameof(tier));
        _runner = runner ?? throw new ArgumentNullException(nameof(runner));
    }

    /// <inheritdoc />
    public string Tier { get; }

    /// <inheritdoc />
    public async ValueTask<StageResult> ExecuteAsync(StageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!string.Equals(request.Stage.Tier, Tier, StringComparison.Ordinal))
        {
            throw new ArgumentException($"{request.Stage} was sent to the in-process transport of tier '{Tier}'.", nameof(request));
        }

        var start = Stopwatch.GetTimestamp();
        var output = await _runner.RunAsync(request, cancellationToken).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(start);
        var handoff = elapsed - output.Compute;
        return new StageResult(
            output.Outputs,
            new StageMeasurement(
                request.Stage.Index,
                Tier,
                output.Compute.TotalMilliseconds,
                Math.Max(0, handoff.TotalMilliseconds),
                TensorData.TotalBytes(request.Inputs),
                TensorData.TotalBytes(output.Outputs)));
    }
}
