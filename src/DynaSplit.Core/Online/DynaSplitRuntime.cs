using System.Diagnostics;
using DynaSplit.Diagnostics;
using DynaSplit.Execution;
using DynaSplit.Hardware;
using DynaSplit.Scheduling;
using DynaSplit.Spaces;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DynaSplit.Online;

/// <summary>
/// The online phase: for each request the scheduler picks a configuration, the hardware knobs are set to it
/// (only those that change), and the executor runs the inference split at the configuration's split point.
/// Every knob it touched is restored when the runtime is disposed (host shutdown).
/// </summary>
public sealed class DynaSplitRuntime : IAsyncDisposable
{
    private readonly IScheduler _scheduler;
    private readonly ISplitExecutor _executor;
    private readonly HardwareScope _hardware;
    private readonly DynaSplitMetrics? _metrics;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Configuration? _current;

    /// <summary>Creates the runtime.</summary>
    public DynaSplitRuntime(
        IScheduler scheduler,
        ISplitExecutor executor,
        IEnumerable<IHardwareKnob> knobs,
        DynaSplitMetrics? metrics = null,
        ILogger<DynaSplitRuntime>? logger = null)
    {
        _scheduler = scheduler ?? throw new ArgumentNullException(nameof(scheduler));
        _executor = executor ?? throw new ArgumentNullException(nameof(executor));
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _hardware = new HardwareScope(knobs ?? [], _logger);
        _metrics = metrics;
    }

    /// <summary>The configuration the system is set to, or null before the first request.</summary>
    public Configuration? Current => _current;

    /// <summary>Serves one request. Requests are served one at a time: the hardware has one state.</summary>
    public async Task<OnlineResult> RunAsync(InferenceRequest request, IReadOnlyList<TensorData> inputs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var stopwatch = Stopwatch.StartNew();
            var configuration = _scheduler.Select(request);
            if (!configuration.Equals(_current))
            {
                _logger.LogDebug("Switching to {Configuration}", configuration.Key);
                _current = null;
                await _hardware.ApplyAsync(configuration, cancellationToken).ConfigureAwait(false);
                _current = configuration;
            }

            var split = configuration.GetByRole(ParameterRole.SplitPoint)
                ?? throw new InvalidOperationException($"Configuration '{configuration.Key}' has no parameter with role SplitPoint; the executor needs one.");
            var execution = await _executor.RunAsync(new SplitExecutionRequest((int)split, inputs, configuration), cancellationToken).ConfigureAwait(false);
            var latencyMs = stopwatch.Elapsed.TotalMilliseconds;
            var met = latencyMs <= request.LatencyThresholdMs;
            _metrics?.RecordRequest(latencyMs, met, _scheduler.Name);
            return new OnlineResult(configuration, execution, latencyMs, met);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Restores every knob the runtime changed.</summary>
    public async ValueTask DisposeAsync()
    {
        await _hardware.DisposeAsync().ConfigureAwait(false);
        _gate.Dispose();
    }
}
