using DynaSplit.Diagnostics;
using DynaSplit.Execution;
using DynaSplit.Hardware;
using DynaSplit.Scheduling;
using DynaSplit.Spaces;
using Microsoft.Extensions.Logging;

namespace DynaSplit.Online;

/// <summary>
/// The online phase on the live system: a <see cref="ServingLoop{TInput}"/> whose backend sets the hardware through
/// the host's <see cref="KnobController"/> (only the knobs that change) and runs the inference along the configuration's
/// placement. The knobs are restored when the controller's owner disposes it (host shutdown).
/// </summary>
public sealed class DynaSplitRuntime : IAsyncDisposable, IDisposable
{
    private readonly ServingLoop<IReadOnlyList<TensorData>> _loop;
    private readonly KnobController? _ownedKnobs;

    /// <summary>Creates the runtime over a pipeline of stages, sharing the host's knob controller.</summary>
    /// <param name="scheduler">Chooses each request's configuration.</param>
    /// <param name="pipeline">Runs the stages of a configuration's placement.</param>
    /// <param name="knobs">The host's knob controller.</param>
    /// <param name="metrics">Where served requests are recorded, if anywhere.</param>
    /// <param name="linkEstimator">Learns the link from each request's transfers and gives the scheduler its estimate; none when null.</param>
    public DynaSplitRuntime(IScheduler scheduler, IPipelineExecutor pipeline, KnobController knobs, DynaSplitMetrics? metrics = null, LinkEstimator? linkEstimator = null)
        : this(scheduler, new LiveServingBackend(knobs ?? throw new ArgumentNullException(nameof(knobs)), pipeline ?? throw new ArgumentNullException(nameof(pipeline))), knobs, metrics, owned: false, linkEstimator)
    {
    }

    /// <summary>Creates the runtime over a two-tier split executor, sharing the host's knob controller.</summary>
    public DynaSplitRuntime(IScheduler scheduler, ISplitExecutor executor, KnobController knobs, DynaSplitMetrics? metrics = null)
        : this(scheduler, new LiveServingBackend(knobs ?? throw new ArgumentNullException(nameof(knobs)), executor ?? throw new ArgumentNullException(nameof(executor))), knobs, metrics, owned: false, linkEstimator: null)
    {
    }

    /// <summary>Creates the runtime with a knob controller of its own over <paramref name="knobs"/>, restored when the runtime is disposed.</summary>
    public DynaSplitRuntime(IScheduler scheduler, ISplitExecutor executor, IEnumerable<IHardwareKnob> knobs, DynaSplitMetrics? metrics = null, ILogger<KnobController>? logger = null)
        : this(scheduler, executor, new KnobController(knobs, logger), metrics, owned: true)
    {
    }

    private DynaSplitRuntime(IScheduler scheduler, ISplitExecutor executor, KnobController knobs, DynaSplitMetrics? metrics, bool owned)
        : this(scheduler, new LiveServingBackend(knobs, executor ?? throw new ArgumentNullException(nameof(executor))), knobs, metrics, owned, linkEstimator: null)
    {
    }

    private DynaSplitRuntime(IScheduler scheduler, LiveServingBackend backend, KnobController knobs, DynaSplitMetrics? metrics, bool owned, LinkEstimator? linkEstimator)
    {
        _loop = new ServingLoop<IReadOnlyList<TensorData>>(scheduler, backend, switchCosts: knobs.SwitchCosts, metrics: metrics, linkEstimator: linkEstimator);
        _ownedKnobs = owned ? knobs : null;
    }

    /// <summary>The configuration the system is set to, or null before the first request.</summary>
    public Configuration? Current => _loop.Current;

    /// <summary>The link estimate the next request is scheduled with (null without a link estimator, or before it learnt anything and without a prior).</summary>
    public LinkEstimate? Link => _loop.Link;

    /// <summary>Serves one request. Requests are served one at a time: the hardware has one state.</summary>
    public Task<ServedRequest> RunAsync(InferenceRequest request, IReadOnlyList<TensorData> inputs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return _loop.ServeAsync(request, inputs, cancellationToken).AsTask();
    }

    /// <summary>Releases the loop; restores the knobs when the runtime owns its controller.</summary>
    public async ValueTask DisposeAsync()
    {
        _loop.Dispose();
        if (_ownedKnobs is not null)
        {
            await _ownedKnobs.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc cref="DisposeAsync"/>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
