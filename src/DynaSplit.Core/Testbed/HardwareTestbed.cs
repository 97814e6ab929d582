using System.Diagnostics;
using DynaSplit.Energy;
using DynaSplit.Execution;
using DynaSplit.Hardware;
using DynaSplit.Scheduling;
using DynaSplit.Spaces;
using DynaSplit.Topology;
using DynaSplit.Trials;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DynaSplit.Testbed;

/// <summary>
/// Measures configurations on real hardware: set the knobs through the host's <see cref="KnobController"/> (only those
/// that change), prepare the trial's inputs, warm up, then run the trial's inferences along the configuration's
/// placement inside the local energy meter's window, and report the means per inference, per stage too. If a trial
/// throws or is cancelled, every knob is restored before the error propagates; the controller's owner restores them at
/// the end.
/// </summary>
/// <remarks>
/// <para>
/// Energy: the local meter measures this machine (the data source's tier) over the whole window, waiting for remote
/// stages included, as the board really draws it; a remote stage adds the energy its tier reported for it (a DynaSplit
/// server sends it with each response). A trial's energy is the local energy plus the remote stages'; its kind is
/// <see cref="EnergyReadingKind.Estimated"/> when any part was estimated. Stages run in this process (in-process
/// transports) are inside the local window and carry no energy of their own.
/// </para>
/// <para>
/// Latency is per request: inferences run one after the other and the mean wall time of one is reported. With
/// <see cref="HardwareTestbedOptions.StreamedLanes"/> above 1 the trial also measures the amortized latency of a
/// streamed batch (several inferences in flight), outside the energy window, as the extra value
/// <see cref="StreamedLatencyName"/>.
/// Inputs are made before the measured window and stopwatch start: at most
/// <see cref="HardwareTestbedOptions.DistinctInputs"/> of them, used in turn, so memory stays bounded however many
/// inferences a trial runs. The testbed measures latency and energy; accuracy only with an accuracy source.
/// </para>
/// </remarks>
public sealed class HardwareTestbed : ITestbed, IAsyncDisposable, IDisposable
{
    private readonly IPipelineExecutor _pipeline;
    private readonly IEnergyMeter _meter;
    private readonly Func<int, IReadOnlyList<TensorData>> _inputs;
    private readonly HardwareTestbedOptions _options;
    private readonly KnobController _knobs;
    private readonly bool _ownsKnobs;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Creates the testbed over a pipeline of stages, sharing the host's knob controller.</summary>
    /// <param name="space">The configurations to measure; its cut-point parameters place the stages on the tiers.</param>
    /// <param name="knobs">The host's knob controller (the online runtime uses the same one).</param>
    /// <param name="pipeline">Runs one inference along a placement (in process, or over the network to other tiers).</param>
    /// <param name="meter">Measures this machine's energy over the measured inferences.</param>
    /// <param name="inputs">The inputs of the i-th inference of a trial (a dataset sample, for instance).</param>
    /// <param name="options">Warm-up and measured inference counts.</param>
    /// <param name="logger">Trial progress.</param>
    /// <param name="binding">What the tables made here are bound to (the model's fingerprint and split points); its tiers are the pipeline's when null.</param>
    public HardwareTestbed(
        ConfigurationSpace space,
        KnobController knobs,
        IPipelineExecutor pipeline,
        IEnergyMeter meter,
        Func<int, IReadOnlyList<TensorData>> inputs,
        HardwareTestbedOptions? options = null,
        ILogger<HardwareTestbed>? logger = null,
        TableBinding? binding = null)
        : this(space, knobs, ownsKnobs: false, pipeline ?? throw new ArgumentNullException(nameof(pipeline)), meter, inputs, options, logger, binding ?? TableBinding.Unknown with { Tiers = pipeline.Tiers })
    {
    }

    /// <summary>Creates the testbed over a two-tier split executor, sharing the host's knob controller.</summary>
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
        : this(space, knobs, ownsKnobs: false, Adapt(executor, binding), meter, inputs, options, logger, binding ?? TableBinding.Unknown)
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
        : this(space, new KnobController(knobs ?? []), ownsKnobs: true, Adapt(executor, null), meter, inputs, options, logger, TableBinding.Unknown)
    {
    }

    private HardwareTestbed(
        ConfigurationSpace space,
        KnobController knobs,
        bool ownsKnobs,
        IPipelineExecutor pipeline,
        IEnergyMeter meter,
        Func<int, IReadOnlyList<TensorData>> inputs,
        HardwareTestbedOptions? options,
        ILogger<HardwareTestbed>? logger,
        TableBinding binding)
    {
        Space = space ?? throw new ArgumentNullException(nameof(space));
        if (!space.Parameters.Any(p => p.Setting == SettingKind.CutPoint))
        {
            throw new ArgumentException("The space has no cut-point parameter; the testbed cannot tell where to split.", nameof(space));
        }

        _knobs = knobs ?? throw new ArgumentNullException(nameof(knobs));
        _ownsKnobs = ownsKnobs;
        _pipeline = pipeline;
        _meter = meter ?? throw new ArgumentNullException(nameof(meter));
        if (!meter.Availability.IsAvailable)
        {
            throw new ArgumentException($"Energy meter '{meter.Name}' is not available: {meter.Availability.Reason}", nameof(meter));
        }

        _inputs = inputs ?? throw new ArgumentNullException(nameof(inputs));
        _options = options ?? new HardwareTestbedOptions();
        _options.Validate();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        Binding = binding;
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

    /// <summary>
    /// The name of the amortized latency of a streamed batch in <see cref="TrialMeasurement.Extra"/>, ms per inference
    /// (when <see cref="HardwareTestbedOptions.StreamedLanes"/> is above 1).
    /// </summary>
    public const string StreamedLatencyName = "latency_streamed";

    /// <summary>
    /// Runs the trial's inferences again as a streamed batch: <see cref="HardwareTestbedOptions.StreamedLanes"/> in
    /// flight at once, so the head of the next inference runs while the tail of the previous one is remote. Returns
    /// the wall time per inference, ms (the paper's batch figure; latency per request is the sequential mean).
    /// </summary>
    private async Task<double> StreamAsync(Placement placement, IReadOnlyList<TensorData>[] prepared, Configuration configuration, int n, CancellationToken cancellationToken)
    {
        var next = -1;
        var wall = Stopwatch.StartNew();
        var lanes = new Task[Math.Min(_options.StreamedLanes, n)];
        for (var lane = 0; lane < lanes.Length; lane++)
        {
            lanes[lane] = Task.Run(
                async () =>
                {
                    int i;
                    while ((i = Interlocked.Increment(ref next)) < n)
                    {
                        await _pipeline.RunAsync(new PipelineRequest(placement, prepared[i % prepared.Length], configuration), cancellationToken).ConfigureAwait(false);
                    }
                },
                cancellationToken);
        }

        await Task.WhenAll(lanes).ConfigureAwait(false);
        return wall.Elapsed.TotalMilliseconds / n;
    }

    private static SplitExecutorPipeline Adapt(ISplitExecutor executor, TableBinding? binding) =>
        new(executor ?? throw new ArgumentNullException(nameof(executor)), binding?.Tiers);

    private async Task<TrialMeasurement> MeasureAsync(Configuration configuration, CancellationToken cancellationToken)
    {
        await _knobs.ApplyAsync(configuration, cancellationToken).ConfigureAwait(false);
        var placement = ConfigurationPlacement.Resolve(configuration, Binding.Tiers);
        var n = _options.MeasuredInferences;
        var prepared = new IReadOnlyList<TensorData>[Math.Min(n, _options.DistinctInputs)];
        for (var i = 0; i < prepared.Length; i++)
        {
            prepared[i] = _inputs(i);
        }

        for (var i = 0; i < _options.WarmupInferences; i++)
        {
            await _pipeline.RunAsync(new PipelineRequest(placement, prepared[i % prepared.Length], configuration), cancellationToken).ConfigureAwait(false);
        }

        var stages = new StageTotals(placement.Stages.Count);
        var wall = Stopwatch.StartNew();
        var local = await _meter.MeasureAsync(
            async ct =>
            {
                for (var i = 0; i < n; i++)
                {
                    var result = await _pipeline.RunAsync(new PipelineRequest(placement, prepared[i % prepared.Length], configuration), ct).ConfigureAwait(false);
                    stages.Add(result.Stages);
                }
            },
            cancellationToken).ConfigureAwait(false);
        wall.Stop();

        var measurement = stages.ToMeasurement(wall.Elapsed.TotalMilliseconds / n, local, n);
        if (_options.StreamedLanes > 1)
        {
            measurement = measurement with
            {
                Extra = new Dictionary<string, double>(measurement.Extra) { [StreamedLatencyName] = await StreamAsync(placement, prepared, configuration, n, cancellationToken).ConfigureAwait(false) },
            };
        }

        Diagnostics.CoreLog.TrialMeasured(_logger, configuration.Key, measurement.LatencyMs, measurement.EnergyJ, measurement.EnergyKind, n);
        return measurement;
    }
}
