using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DynaSplit.Scheduling;

/// <summary>
/// Keeps the link estimate fresh while the runtime does not use the link: when no bandwidth sample reached the
/// <see cref="LinkEstimator"/> for <see cref="LinkProbeOptions.Interval"/> (the scheduler chose edge-only or small
/// cuts, or no requests came), it sends one probe (<see cref="ILinkProbe"/>) and feeds what it measured to the
/// estimator; while requests' transfers keep teaching the estimator, it sends nothing. Off unless added
/// (<c>AddLinkProbe</c>); runs as a hosted service.
/// </summary>
/// <remarks>
/// The idle time is the estimator's own (<see cref="LinkEstimator.SinceLastBandwidthSample"/>) and the prober waits on
/// the same <see cref="TimeProvider"/>, so a probe happens only after a full interval without traffic, and at most one
/// per interval even when a probe teaches nothing (too small, or dominated by the round trip). A probe that fails or
/// times out is logged and the next one waits a full interval. Stopping cancels a probe in flight and waits for it.
/// </remarks>
public sealed partial class LinkProber : IHostedService, IAsyncDisposable, IDisposable
{
    private readonly LinkEstimator _estimator;
    private readonly ILinkProbe _probe;
    private readonly LinkProbeOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private CancellationTokenSource? _stopping;
    private Task? _loop;
    private long _lastProbe;

    /// <summary>Creates the prober.</summary>
    /// <param name="estimator">The estimator to keep fresh.</param>
    /// <param name="probe">Sends one probe.</param>
    /// <param name="options">The interval and timeout; the defaults when null.</param>
    /// <param name="timeProvider">The clock to wait on (the estimator's); the system clock when null.</param>
    /// <param name="logger">Probe failures.</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public LinkProber(LinkEstimator estimator, ILinkProbe probe, LinkProbeOptions? options = null, TimeProvider? timeProvider = null, ILogger<LinkProber>? logger = null)
    {
        _estimator = estimator ?? throw new ArgumentNullException(nameof(estimator));
        _probe = probe ?? throw new ArgumentNullException(nameof(probe));
        _options = options ?? new LinkProbeOptions();
        _options.Validate();
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Probes sent so far (answered or not).</summary>
    public int ProbesSent => Volatile.Read(ref _probesSent);

    private int _probesSent;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_loop is not null)
        {
            return Task.CompletedTask;
        }

        _stopping = new CancellationTokenSource();
        _lastProbe = _time.GetTimestamp();
        _loop = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_loop is not { } loop)
        {
            return;
        }

        await _stopping!.CancelAsync().ConfigureAwait(false);
        try
        {
            await loop.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (loop.IsCompleted || cancellationToken.IsCancellationRequested)
        {
            // The loop ends by cancellation; the host gave up waiting otherwise.
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        _stopping?.Dispose();
    }

    /// <summary>Cancels the loop without waiting for it (a probe in flight sees the cancellation).</summary>
    public void Dispose()
    {
        if (_stopping is { } stopping && !stopping.IsCancellationRequested)
        {
            stopping.Cancel();
        }
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        var interval = _options.Interval;
        while (!stopping.IsCancellationRequested)
        {
            // Idle = since the later of the last bandwidth sample and the last probe (or the start).
            var sinceProbe = _time.GetElapsedTime(_lastProbe);
            var idle = _estimator.SinceLastBandwidthSample is { } sinceSample && sinceSample < sinceProbe ? sinceSample : sinceProbe;
            if (idle < interval)
            {
                try
                {
                    await Task.Delay(interval - idle, _time, stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                {
                    return;
                }

                continue;
            }

            _lastProbe = _time.GetTimestamp();
            Interlocked.Increment(ref _probesSent);
            using var timer = new CancellationTokenSource(_options.Timeout, _time);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping, timer.Token);
            try
            {
                var sample = await _probe.ProbeAsync(timeout.Token).ConfigureAwait(false);
                _estimator.Observe(sample.Bytes, sample.TransferMs);
                LogProbed(_logger, sample.Bytes, sample.TransferMs);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogProbeFailed(_logger, ex, interval.TotalSeconds);
            }
        }
    }

    [LoggerMessage(EventId = 1401, EventName = "LinkProbed", Level = LogLevel.Debug, Message = "Link probe: {Bytes} bytes in {Milliseconds:F1} ms")]
    private static partial void LogProbed(ILogger logger, long bytes, double milliseconds);

    [LoggerMessage(EventId = 1402, EventName = "LinkProbeFailed", Level = LogLevel.Warning, Message = "Link probe failed or timed out; the next one in {Seconds:F1} s")]
    private static partial void LogProbeFailed(ILogger logger, Exception exception, double seconds);
}
