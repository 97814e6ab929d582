using System.Diagnostics;
using DynaSplit.Energy;
using DynaSplit.Execution;
using DynaSplit.Hardware;
using DynaSplit.Scheduling;
using DynaSplit.Spaces;
using DynaSplit.Trials;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DynaSplit.Testbed;

/// <summary>
/// Measures configurations on real hardware: set the knobs through the host's <see cref="KnobController"/> (only those
/// that change), prepare the trial's inputs, warm up, then run the trial's inferences inside an energy window, and
/// report the means per inference, per stage too. If a trial throws or is cancelled, every knob is restored before the
/// error propagates; the controller's owner restores them at the end.
/// </summary>
/// <remarks>
/// Inputs are made before the measured window and stopwatch start: at most
/// <see cref="HardwareTestbedOptions.DistinctInputs"/> of them, used in turn, so memory stays bounded however many
/// inferences a trial runs. The testbed measures latency and energy; accuracy only with an accuracy source.
/// </remarks>
public sealed class HardwareTestbed : ITestbed, IAsyncDisposable, IDisposable
{
    private readonly ISplitExecutor _executor;
    private readonly IEnergyMeter _meter;
    private readonly Func<int, IReadOnlyList<TensorData>> _inputs;
    private readonly HardwareTestbedOptions _options;
    private readonly KnobController _knobs;
    private readonly bool _ownsKnobs;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Creates the testbed, sharing the host's knob controller.</summary>
    /// <param name="space">The configurations to measure; one parameter must be a cut point.</param>
    /// <param name="knobs">The host's knob controller (the online runtime uses the same one).</param>
    /// <param name="executor">Runs one split inference.</param>
    /// <param name="meter">Measures the energy of the measured inferences (edge plus cloud: use a <see cref="CompositeEnergyMeter"/>).</param>
    /// <param name="inputs">The inputs of the i-th inference of a trial (a dataset sample, for instance).</param>
    /// <param name="options">Warm-up and measured inference counts.</param>
    /// <param name="logger">Trial progress.</param>
    /// <param name="binding">What the tables made here are bound to (the model's fingerprint and split points, the tiers).</param>
    public HardwareTestbed(
        ConfigurationSpace space,
        KnobController knobs,
        ISplitExecutor executor,
        IEnergyMeter meter,
        Func<int, IReadOnlyList<TensorData>> inputs,
        HardwareTestbedOptions? options = null,
        ILogger<HardwareTestbed>? logger = null,
        TableBinding? binding = null)
        : this(space, knobs, ownsKnobs: false, executor, meter, inputs, options, logger, binding)
    {
    }

    /// <summary>Creates the testbed with a knob controller of its own over <paramref name="knobs"/>, restored when the testbed is disposed.</summary>
    public HardwareTestbed(
        ConfigurationSpace space,
        IEnumerable<IHardwareKnob> knobs,
        ISplitExecutor executor,
        IEnergyMeter meter,
        Func<int, IReadOnlyList<TensorData>> inputs,
        HardwareTestbedOptions? options = null,
        ILogger<HardwareTestbed>? logger = null)
        : this(space, new KnobController(knobs ?? []), ownsKnobs: true, executor, meter, inputs, options, logger, binding: null)
    {
    }

    private HardwareTestbed(
        ConfigurationSpace space,
        KnobController knobs,
        bool ownsKnobs,
        ISplitExecutor executor,
        IEnergyMeter meter,
        Func<int, IReadOnlyList<TensorData>> inputs,
        HardwareTestbedOptions? options,
        ILogger<HardwareTestbed>? logger,
        TableBinding? binding)
    {
        Space = space ?? throw new ArgumentNullException(nameof(space));
        if (space.IndexOfRole(ParameterRole.SplitPoint) < 0)
        {
            throw new ArgumentException("The space has no cut-point parameter; the testbed cannot tell the executor where to split.", nameof(space));
        }

        _knobs = knobs ?? throw new ArgumentNullException(nameof(knobs));
        _ownsKnobs = ownsKnobs;
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
        Binding = binding ?? TableBinding.Unknown;
    }

    /// <inheritdoc />
    public ConfigurationSpace Space { get; }

    /// <inheritdoc />
    public TableBinding Binding { get; }

    /// <inheritdoc />
    public bool CanMeasure(string objective) => objective is "latency" or "energy";

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
            await _knobs.RestoreAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Restores every knob the testbed changed, when it owns its knob controller.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_ownsKnobs)
        {
            await _knobs.DisposeAsync().ConfigureAwait(false);
        }

        _gate.Dispose();
    }

    /// <inheritdoc cref="DisposeAsync"/>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task<TrialMeasurement> MeasureAsync(Configuration configuration, CancellationToken cancellationToken)
    {
        await _knobs.ApplyAsync(configuration, cancellationToken).ConfigureAwait(false);
        var split = (int)configuration.GetByRole(ParameterRole.SplitPoint)!.Value;
        var n = _options.MeasuredInferences;
        var prepared = new IReadOnlyList<TensorData>[Math.Min(n, _options.DistinctInputs)];
        for (var i = 0; i < prepared.Length; i++)
        {
            prepared[i] = _inputs(i);
        }

        for (var i = 0; i < _options.WarmupInferences; i++)
        {
            await _executor.RunAsync(new SplitExecutionRequest(split, prepared[i % prepared.Length], configuration), cancellationToken).ConfigureAwait(false);
        }

        TimeSpan head = TimeSpan.Zero, handoff = TimeSpan.Zero, tail = TimeSpan.Zero;
        long bytes = 0;
        var wall = Stopwatch.StartNew();
        var energy = await _meter.MeasureAsync(
            async ct =>
            {
                for (var i = 0; i < n; i++)
                {
                    var result = await _executor.RunAsync(new SplitExecutionRequest(split, prepared[i % prepared.Length], configuration), ct).ConfigureAwait(false);
                    head += result.Timings.Head;
                    handoff += result.Timings.Handoff;
                    tail += result.Timings.Tail;
                    bytes += result.TransferredBytes;
                }
            },
            cancellationToken).ConfigureAwait(false);
        wall.Stop();

        var binding = Binding.Tiers;
        var measurement = new TrialMeasurement
        {
            LatencyMs = wall.Elapsed.TotalMilliseconds / n,
            EnergyJ = energy.Joules / n,
            Latency = new LatencyBreakdown(head.TotalMilliseconds / n, handoff.TotalMilliseconds / n, tail.TotalMilliseconds / n),
            TransferredBytes = bytes / n,
            Stages =
            [
                new StageMeasurement(0, binding[0], head.TotalMilliseconds / n, 0, 0, bytes / n),
                new StageMeasurement(1, binding[^1], tail.TotalMilliseconds / n, handoff.TotalMilliseconds / n, bytes / n, 0),
            ],
            EnergyKind = energy.Kind,
            Inferences = n,
        };
        _logger.LogInformation(
            new EventId(1301, "TrialMeasured"),
            "Trial {Configuration}: {Latency:F2} ms, {Energy:F4} J per inference ({Kind}, {Inferences} inferences)",
            configuration.Key, measurement.LatencyMs, measurement.EnergyJ, energy.Kind, n);
        return measurement;
    }
}
