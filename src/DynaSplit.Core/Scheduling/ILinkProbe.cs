namespace DynaSplit.Scheduling;

/// <summary>
/// Sends traffic across the link to the next tier only to measure it (see <see cref="LinkProber"/>): something the
/// far tier answers without side effects on its models, for example <see cref="StageTransportProbe"/>.
/// </summary>
public interface ILinkProbe
{
    /// <summary>Sends one probe and says how many bytes crossed the link and how long the crossing took.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    ValueTask<LinkProbeSample> ProbeAsync(CancellationToken cancellationToken);
}
