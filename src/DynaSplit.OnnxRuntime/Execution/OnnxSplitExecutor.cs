using DynaSplit.Execution;
using DynaSplit.OnnxRuntime.Planning;
using DynaSplit.Spaces;
using DynaSplit.Topology;

namespace DynaSplit.OnnxRuntime.Execution;

/// <summary>
/// Runs a model split at one split point, the head on the edge tier and the tail on the cloud tier, both in this
/// process: the two-tier placement (<see cref="Placement.TwoTier"/>) run by a <see cref="PipelineExecutor"/> over
/// in-process transports and an <see cref="OnnxStageRunner"/>, so it shares the stage runner's code path and bounded
/// session cache. Each stage's execution provider and threads come from the request's configuration (the parameters
/// of the edge and cloud tiers), else from the options.
/// </summary>
/// <remarks>Kept for the hosts that still use <see cref="ISplitExecutor"/>; new code runs placements with a <see cref="IPipelineExecutor"/>.</remarks>
public sealed class OnnxSplitExecutor : ISplitExecutor, IDisposable
{
    private readonly OnnxStageRunner _runner;
    private readonly bool _ownsRunner;
    private readonly bool _serializeHandoff;
    private readonly PipelineExecutor _pipeline;
    private bool _disposed;

    /// <summary>Creates an executor over a planned model, with its own stage runner.</summary>
    public OnnxSplitExecutor(OnnxSplitModel model, OnnxRuntimeOptions? options = null)
        : this(new OnnxStageRunner(model, options), options?.SerializeHandoff ?? false, ownsRunner: true)
    {
    }

    /// <summary>Creates an executor over <paramref name="runner"/> (shared, not disposed with the executor).</summary>
    public OnnxSplitExecutor(OnnxStageRunner runner, bool serializeHandoff = false)
        : this(runner, serializeHandoff, ownsRunner: false)
    {
    }

    private OnnxSplitExecutor(OnnxStageRunner runner, bool serializeHandoff, bool ownsRunner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        _runner = runner;
        _ownsRunner = ownsRunner;
        _serializeHandoff = serializeHandoff;
        _pipeline = CreatePipeline(runner);
    }

    /// <summary>The model and its split plan.</summary>
    public OnnxSplitModel Model => _runner.Model;

    /// <summary>The stage runner the head and tail run on.</summary>
    public OnnxStageRunner Runner => _runner;

    /// <inheritdoc />
    public async ValueTask<SplitExecutionResult> RunAsync(SplitExecutionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var placement = TwoTier(request.SplitIndex);
        var result = await _pipeline.RunAsync(new PipelineRequest(placement, request.Inputs, request.Configuration), cancellationToken).ConfigureAwait(false);
        return ToSplitResult(placement, result);
    }

    /// <summary>The session settings the stage on <paramref name="tier"/> (edge = head, cloud = tail) runs with under <paramref name="configuration"/>.</summary>
    public OnnxRuntimeSessionSettings ResolveSettings(Configuration? configuration, string tier) =>
        _runner.ResolveSettings(StageSettings.FromConfiguration(configuration, tier));

    /// <summary>Creates (and caches) the head and tail sessions of <paramref name="index"/>, so the first inference does not pay for it.</summary>
    public void Warm(int index, OnnxRuntimeSessionSettings settings)
    {
        var placement = TwoTier(index);
        foreach (var stage in placement.Stages)
        {
            _runner.Warm(stage.FromCut, stage.ToCut, settings);
        }
    }

    /// <summary>Disposes the cached sessions of <paramref name="index"/>'s head and tail (for every settings).</summary>
    public void Release(int index) => _runner.Release(index);

    /// <summary>Runs one inference split at <paramref name="index"/>, head and tail with <paramref name="settings"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is not a split point of the model.</exception>
    /// <exception cref="ArgumentException">An input is missing, unknown or of the wrong type.</exception>
    public SplitExecutionResult Run(int index, IReadOnlyList<TensorData> inputs, OnnxRuntimeSessionSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(settings);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var pipeline = CreatePipeline(new FixedSettingsStageRunner(_runner, settings));
        var placement = TwoTier(index);
        var run = pipeline.RunAsync(new PipelineRequest(placement, inputs), cancellationToken);

        // Every stage runs in process and completes synchronously.
        return ToSplitResult(placement, run.IsCompletedSuccessfully ? run.Result : run.AsTask().GetAwaiter().GetResult());
    }

    /// <summary>Disposes the stage runner's sessions when the executor owns the runner.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_ownsRunner)
        {
            _runner.Dispose();
        }
    }

    private Placement TwoTier(int index)
    {
        Model.GetSplitPoint(index);
        return Placement.TwoTier(index, Model.Plan.EdgeOnlyIndex);
    }

    private PipelineExecutor CreatePipeline(IStageRunner runner)
    {
        IStageTransport cloud = new InProcessStageTransport(TierNames.Cloud, runner);
        if (_serializeHandoff)
        {
            cloud = new SerializingStageTransport(cloud);
        }

        return new PipelineExecutor([new InProcessStageTransport(TierNames.Edge, runner), cloud]);
    }

    private static SplitExecutionResult ToSplitResult(Placement placement, PipelineResult result)
    {
        var head = result.Stages[0];
        var tail = result.Stages[1];

        // The cut tensors: the tail's inputs, or at the edge-only split (empty tail) the head's outputs.
        var transferred = placement.Stages[1].IsEmpty ? head.BytesReceived : tail.BytesSent;
        var timings = new StageTimings(
            TimeSpan.FromMilliseconds(head.ComputeMs),
            TimeSpan.FromMilliseconds(head.TransferMs + tail.TransferMs),
            TimeSpan.FromMilliseconds(tail.ComputeMs));
        return new SplitExecutionResult(result.Outputs, timings, transferred);
    }
}
