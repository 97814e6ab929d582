using System.Diagnostics;
using DynaSplit.Diagnostics;
using DynaSplit.Scheduling;
using DynaSplit.Spaces;

namespace DynaSplit.Online;

/// <summary>
/// The online phase's loop, the same for the live runtime and the simulator: for each request, build the
/// <see cref="SchedulingContext"/> (request, current configuration, clock, link estimate, switch costs), let the
/// scheduler choose, reconfigure only when the choice differs from the current configuration, run the inference, and
/// report latency = reconfiguration + inference against the threshold.
/// </summary>
/// <remarks>
/// Requests are served one at a time: the system has one hardware state. If reconfiguring fails, the current
/// configuration becomes unknown (null), so the next request reconfigures every knob again.
/// </remarks>
/// <typeparam name="TInput">What a request carries to the backend.</typeparam>
public sealed class ServingLoop<TInput> : IDisposable
{
    private readonly IScheduler _scheduler;
    private readonly IServingBackend<TInput> _backend;
    private readonly TimeProvider _clock;
    private readonly long _start;
    private readonly DynaSplitMetrics? _metrics;
    private readonly LinkEstimator? _estimator;
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Creates the loop.</summary>
    /// <param name="scheduler">Chooses each request's configuration.</param>
    /// <param name="backend">Reconfigures the system and runs inferences.</param>
    /// <param name="clock">The serving clock (a virtual one in a simulation); the system clock when null.</param>
    /// <param name="switchCosts">The cost of switching, given to the scheduler.</param>
    /// <param name="metrics">Where served requests are recorded, if anywhere.</param>
    /// <param name="linkEstimator">
    /// Learns the link from every served request's stage transfers; its estimate is the <see cref="SchedulingContext.Link"/>
    /// of the next request (and <see cref="Link"/> is then read-only in effect). Null: <see cref="Link"/> is whatever its
    /// owner sets.
    /// </param>
    public ServingLoop(IScheduler scheduler, IServingBackend<TInput> backend, TimeProvider? clock = null, ISwitchCostModel? switchCosts = null, DynaSplitMetrics? metrics = null, LinkEstimator? linkEstimator = null)
    {
        _scheduler = scheduler ?? throw new ArgumentNullException(nameof(scheduler));
        _backend = backend ?? throw new ArgumentNullException(nameof(backend));
        _clock = clock ?? TimeProvider.System;
        _start = _clock.GetTimestamp();
        SwitchCosts = switchCosts;
        _metrics = metrics;
        _estimator = linkEstimator;
    }

    /// <summary>The configuration the system is set to, or null before the first request and after a failed reconfiguration.</summary>
    public Configuration? Current { get; private set; }

    /// <summary>
    /// The link estimate given to the scheduler: the loop's own <see cref="LinkEstimator"/>'s when it has one (setting it
    /// then has no effect), else what whoever learns the link set (null when none is kept).
    /// </summary>
    public LinkEstimate? Link
    {
        get => _estimator is null ? _link : _estimator.Current;
        set => _link = value;
    }

    private LinkEstimate? _link;

    /// <summary>The switch costs given to the scheduler.</summary>
    public ISwitchCostModel? SwitchCosts { get; }

    /// <summary>The scheduler's name.</summary>
    public string Strategy => _scheduler.Name;

    /// <summary>Serves one request.</summary>
    public async ValueTask<ServedRequest> ServeAsync(InferenceRequest request, TInput input, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var activity = DynaSplitActivitySource.Source.StartActivity("request");
            activity?.SetTag("dynasplit.threshold_ms", request.LatencyThresholdMs);
            var context = new SchedulingContext(request, Current, _clock.GetElapsedTime(_start), Link, SwitchCosts);
            Configuration configuration;
            using (DynaSplitActivitySource.Source.StartActivity("schedule"))
            {
                configuration = _scheduler.Select(context);
            }

            activity?.SetTag("dynasplit.configuration", configuration.Key);
            var switchMs = 0.0;
            if (!configuration.Equals(Current))
            {
                using var reconfigure = DynaSplitActivitySource.Source.StartActivity("reconfigure");
                var previous = Current;
                Current = null;
                var spent = await _backend.ReconfigureAsync(previous, configuration, cancellationToken).ConfigureAwait(false);
                Current = configuration;
                switchMs = spent.TotalMilliseconds;
                _metrics?.RecordReconfiguration(spent);
            }

            var execution = await _backend.ExecuteAsync(configuration, input, request, cancellationToken).ConfigureAwait(false);
            var latencyMs = switchMs + execution.LatencyMs;
            var met = latencyMs <= request.LatencyThresholdMs;
            activity?.SetTag("dynasplit.latency_ms", latencyMs);
            activity?.SetTag("dynasplit.met_threshold", met);
            _metrics?.RecordRequest(latencyMs, met, _scheduler.Name, execution);
            if (_estimator is not null && execution.Stages.Count > 1)
            {
                _estimator.Observe(execution.Stages);
                if (_estimator.Current is { } link)
                {
                    _metrics?.RecordLink(link);
                }
            }

            return new ServedRequest(configuration, switchMs, execution, latencyMs, met);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();
}
