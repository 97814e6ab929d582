using System.Diagnostics;
using DynaSplit.Energy;
using DynaSplit.Execution;
using DynaSplit.Hardware;
using DynaSplit.Spaces;
using DynaSplit.Trials;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DynaSplit.Testbed;

/// <summary>
/// Measures configurations on real hardware: set the knobs, warm up, then run the trial's inferences inside an
/// energy window, and report the means per inference. If a trial throws or is cancelled, every knob is restored
/// before the error propagates; after the last trial, disposing the testbed restores them too.
/// </summary>
public sealed class HardwareTestbed : ITestbed, IAsyncDisposable
{
    private readonly ISplitExecutor _executor;
    private readonly IEnergyMeter _meter;
    private readonly Func<int, IReadOnlyList<TensorData>> _inputs;
    private readonly HardwareTestbedOptions _options;
    private readonly HardwareScope _hardware;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Creates the testbed.</summary>
    /// <param name="space">The configurations to measure; one parameter must have the SplitPoint role.</param>
    /// <param name="knobs">The knobs, named as the parameters they set.</param>
    /// <param name="executor">Runs one split inference.</param>
    /// <param name="meter">Measures the energy of the measured inferences (edge plus cloud: use a <see cref="CompositeEnergyMeter"/>).</param>
    /// <param name="inputs">The inputs of the i-th inference of a trial (a dataset sample, for instance).</param>
    /// <param name="options">Warm-up and measured inference counts.</param>
    /// <param name="logger">Trial progress.</param>
    public HardwareTestbed(
        ConfigurationSpace space,
        IEnumerable<IHardwareKnob> knobs,
        ISplitExecutor executor,
        IEnergyMeter meter,
        Func<int, IReadOnlyList<TensorData>> inputs,
        HardwareTestbedOptions? options = null,
        ILogger<HardwareTestbed>? logger = null)
    {
        Space = space ?? throw new ArgumentNullException(nameof(space));
        if (space.IndexOfRole(ParameterRole.SplitPoint) < 0)
        {
            throw new ArgumentException("The space has no parameter with role SplitPoint; the testbed cannot tell the executor where to split.", nameof(space));
        }

        _executor = executor ?? throw new ArgumentNullException(nameof(executor));
        _meter = meter ?? throw new ArgumentNullException(nameof(meter));
        if (!meter.Availability.IsAvailable)
        {
            throw new ArgumentException($"Energy meter '{meter.Name}' is not available: {meter.Availability.Reason}", nameof(meter));
        }

        _inputs = inputs ?? throw new ArgumentNullException(nameof(inputs));
        _options = options ?? new HardwareTestbedOptions();
        _options.Validate();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _hardware = new HardwareScope(knobs ?? [], _logger);
    }

    /// <inheritdoc />
    public ConfigurationSpace Space { get; }

    /// <inheritdoc />
    public async ValueTask<TrialMeasurement> EvaluateAsync(Configuration configuration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (!Space.IsValid(configuration))
        {
            throw new ArgumentException($"'{configuration.Key}' is not valid in the testbed's space ({Space.FindViolatedRule(configuration.Values)?.Description ?? "a value is outside its domain"}).", nameof(configuration));
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await MeasureAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // Leave the board as it was found before the error propagates (never cancelled).
            await _hardware.RestoreAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Restores every knob the testbed changed.</summary>
    public async ValueTask DisposeAsync()
    {
        await _hardware.DisposeAsync().ConfigureAwait(false);
        _gate.Dispose();
    }

    private async Task<TrialMeasurement> MeasureAsync(Configuration configuration, CancellationToken cancellationToken)
    {
        await _hardware.ApplyAsync(configuration, cancellationToken).ConfigureAwait(false);
        var split = (int)configuration.GetByRole(ParameterRole.SplitPoint)!.Value;
        for (var i = 0; i < _options.WarmupInferences; i++)
        {
            await _executor.RunAsync(new SplitExecutionRequest(split, _inputs(i), configuration), cancellationToken).ConfigureAwait(false);
        }

        var n = _options.MeasuredInferences;
        TimeSpan head = TimeSpan.Zero, handoff = TimeSpan.Zero, tail = TimeSpan.Zero;
        long bytes = 0;
        var wall = Stopwatch.StartNew();
        var energy = await _meter.MeasureAsync(
            async ct =>
            {
                for (var i = 0; i < n; i++)
                {
                    var result = await _executor.RunAsync(new SplitExecutionRequest(split, _inputs(i), configuration), ct).ConfigureAwait(false);
                    head += result.Timings.Head;
                    handoff += result.Timings.Handoff;
                    tail += result.Timings.Tail;
                    bytes += result.TransferredBytes;
                }
            },
            cancellationToken).ConfigureAwait(false);
        wall.Stop();

        var measurement = new TrialMeasurement
        {
            LatencyMs = wall.Elapsed.TotalMilliseconds / n,
            EnergyJ = energy.Joules / n,
            Latency = new LatencyBreakdown(head.TotalMilliseconds / n, handoff.TotalMilliseconds / n, tail.TotalMilliseconds / n),
            TransferredBytes = bytes / n,
            EnergyKind = energy.Kind,
            Inferences = n,
        };
        _logger.LogInformation(
            "Trial {Configuration}: {Latency:F2} ms, {Energy:F4} J per inference ({Kind}, {Inferences} inferences)",
            configuration.Key, measurement.LatencyMs, measurement.EnergyJ, energy.Kind, n);
        return measurement;
    }
}
