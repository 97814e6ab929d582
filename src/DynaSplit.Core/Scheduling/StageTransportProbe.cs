using DynaSplit.Execution;

namespace DynaSplit.Scheduling;

/// <summary>
/// A probe that runs a configured stage through the far tier's <see cref="IStageTransport"/> and reports the bytes and
/// transfer time the transport measured. Choose a stage that is cheap and stateless on the far tier (a model's tail
/// after its last large layer, with a zero tensor of at least <see cref="LinkEstimatorOptions.MinBandwidthSampleBytes"/>):
/// inference leaves no state behind, so the probe has no side effect beyond the far tier's compute.
/// </summary>
public sealed class StageTransportProbe : ILinkProbe
{
    private readonly IStageTransport _transport;
    private readonly Func<StageRequest> _request;

    /// <summary>Creates the probe.</summary>
    /// <param name="transport">The transport to the far tier.</param>
    /// <param name="request">Makes the probe's stage request (called once per probe).</param>
    public StageTransportProbe(IStageTransport transport, Func<StageRequest> request)
    {
        _transport = transport ?? throw new ArgumentNullException(nameof(transport));
        _request = request ?? throw new ArgumentNullException(nameof(request));
    }

    /// <inheritdoc />
    public async ValueTask<LinkProbeSample> ProbeAsync(CancellationToken cancellationToken)
    {
        var result = await _transport.ExecuteAsync(_request(), cancellationToken).ConfigureAwait(false);
        var measured = result.Measurement;
        return new LinkProbeSample(measured.BytesSent + measured.BytesReceived, measured.TransferMs);
    }
}
