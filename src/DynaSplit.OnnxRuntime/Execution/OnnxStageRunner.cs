using System.Buffers;
using System.Diagnostics;
using DynaSplit.Execution;
using DynaSplit.OnnxRuntime.Planning;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;
using OrtElementType = Microsoft.ML.OnnxRuntime.Tensors.TensorElementType;

namespace DynaSplit.OnnxRuntime.Execution;

/// <summary>
/// Runs one stage of a placement, the segment of a model between two cuts, with ONNX Runtime. A session is created
/// once per (segment, execution provider, thread count) and reused; the runner keeps the
/// <see cref="OnnxRuntimeOptions.SessionCacheCapacity"/> most recently used ones and disposes the others, so memory
/// stays bounded while a study walks through every cut.
/// </summary>
/// <remarks>
/// The stage's settings come only from the request's <see cref="StageSettings"/>; the options give the defaults of
/// settings it leaves unset. The inputs are handed to ONNX Runtime without copying (pinned); the outputs are copied
/// out once. Tensors that cross both of the stage's cuts (a skip connection) pass through as they are.
/// Safe for concurrent use.
/// </remarks>
public sealed partial class OnnxStageRunner : IStageRunner, IDisposable
{
    private readonly OnnxSplitModel _model;
    private readonly OnnxRuntimeOptions _options;
    private readonly ILogger _logger;
    private readonly SegmentSessionCache _sessions;

    /// <summary>Creates a runner over a planned model.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The session cache capacity is below 1, or a thread count is negative.</exception>
    public OnnxStageRunner(OnnxSplitModel model, OnnxRuntimeOptions? options = null, ILogger<OnnxStageRunner>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
        _options = options ?? new OnnxRuntimeOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.SessionCacheCapacity, 1, "options.SessionCacheCapacity");
        ArgumentOutOfRangeException.ThrowIfNegative(_options.IntraOpThreads, "options.IntraOpThreads");
        ArgumentOutOfRangeException.ThrowIfNegative(_options.InterOpThreads, "options.InterOpThreads");
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _sessions = new SegmentSessionCache(_options.SessionCacheCapacity, CreateSession, key => LogSessionReleased(_logger, key.FromCut, key.ToCut, key.Settings.ExecutionProvider, key.Settings.IntraOpThreads));
    }

    /// <summary>The model and its split plan.</summary>
    public OnnxSplitModel Model => _model;

    /// <summary>The number of segment sessions held now (at most <see cref="OnnxRuntimeOptions.SessionCacheCapacity"/> while no inference runs).</summary>
    public int CachedSessionCount => _sessions.Count;

    /// <summary>The session settings a stage with <paramref name="settings"/> runs with.</summary>
    /// <exception cref="ArgumentException">The thread count is negative.</exception>
    public OnnxRuntimeSessionSettings ResolveSettings(StageSettings? settings)
    {
        var provider = settings?.ExecutionProvider is { Length: > 0 } named ? OnnxRuntimeSessionSettings.NormalizeProvider(named) : _options.ExecutionProvider;
        var threads = settings?.Threads ?? _options.IntraOpThreads;
        if (threads < 0)
        {
            throw new ArgumentException($"The stage's thread count is {threads}; it must be 0 (ONNX Runtime's default) or more.", nameof(settings));
        }

        return new OnnxRuntimeSessionSettings(provider, threads, _options.InterOpThreads, _options.OptimizationLevel);
    }

    /// <inheritdoc />
    public ValueTask<StageOutput> RunAsync(StageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Run(request.Stage.FromCut, request.Stage.ToCut, request.Inputs, ResolveSettings(request.Settings), cancellationToken));
    }

    /// <summary>Runs the segment between split points <paramref name="fromCut"/> and <paramref name="toCut"/> on <paramref name="inputs"/>, the tensors crossing the first cut.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The cuts are not a range of the model's split points.</exception>
    /// <exception cref="ArgumentException">An input is missing, unknown, given twice or of the wrong element type.</exception>
    public StageOutput Run(int fromCut, int toCut, IReadOnlyList<TensorData> inputs, OnnxRuntimeSessionSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(settings);
        CheckRange(fromCut, toCut);
        var byName = BindInputs(fromCut, inputs);
        if (fromCut == toCut)
        {
            // An empty stage computes nothing: what crosses the cut passes through.
            return new StageOutput(_model.Analysis.Cuts[fromCut].Select(n => byName[n]).ToArray(), TimeSpan.Zero);
        }

        using var lease = _sessions.Acquire(new SegmentSessionKey(fromCut, toCut, settings));
        var segment = lease.Session.Segment;
        var session = lease.Session.Session;
        var feeds = new OrtValue[segment.Inputs.Count];
        var pins = new MemoryHandle[segment.Inputs.Count];
        IDisposableReadOnlyCollection<OrtValue>? results = null;
        using var runOptions = new RunOptions { LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL };
        using var registration = cancellationToken.Register(static o => ((RunOptions)o!).Terminate = true, runOptions);
        try
        {
            for (var i = 0; i < feeds.Length; i++)
            {
                (feeds[i], pins[i]) = Pin(byName[segment.Inputs[i]]);
            }

            var start = Stopwatch.GetTimestamp();
            results = session.Run(runOptions, segment.Inputs, feeds, segment.Outputs);
            var compute = Stopwatch.GetElapsedTime(start);
            cancellationToken.ThrowIfCancellationRequested();

            var computed = new Dictionary<string, OrtValue>(StringComparer.Ordinal);
            var index = 0;
            foreach (var value in results)
            {
                computed[segment.Outputs[index++]] = value;
            }

            var outputs = new TensorData[segment.CutOutputs.Count];
            for (var i = 0; i < outputs.Length; i++)
            {
                var name = segment.CutOutputs[i];
                outputs[i] = computed.TryGetValue(name, out var value) ? OrtTensors.ToTensorData(name, value) : byName[name];
            }

            return new StageOutput(outputs, compute);
        }
        catch (OnnxRuntimeException ex) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException($"The inference of {segment} of '{_model.Model.Source}' was cancelled.", ex, cancellationToken);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new InvalidOperationException($"ONNX Runtime failed running {segment} of '{_model.Model.Source}' with {settings}: {ex.Message}", ex);
        }
        finally
        {
            results?.Dispose();
            for (var i = 0; i < feeds.Length; i++)
            {
                feeds[i]?.Dispose();
                pins[i].Dispose();
            }
        }
    }

    /// <summary>Creates (and caches) the session of a segment, so its first inference does not pay for it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The cuts are not a range of the model's split points.</exception>
    public void Warm(int fromCut, int toCut, OnnxRuntimeSessionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        CheckRange(fromCut, toCut);
        if (fromCut < toCut)
        {
            using var lease = _sessions.Acquire(new SegmentSessionKey(fromCut, toCut, settings));
        }
    }

    /// <summary>Disposes the cached sessions of segments that start or end at split point <paramref name="cut"/> (for every settings).</summary>
    public void Release(int cut) => _sessions.Release(k => k.FromCut == cut || k.ToCut == cut);

    /// <summary>Disposes every cached session.</summary>
    public void Dispose() => _sessions.Dispose();

    private void CheckRange(int fromCut, int toCut)
    {
        var last = _model.Plan.EdgeOnlyIndex;
        if (fromCut < 0 || toCut > last || fromCut > toCut)
        {
            throw new ArgumentOutOfRangeException(nameof(fromCut), $"Stage [{fromCut}..{toCut}] is not a range of split points of '{_model.Model.Source}': it has split points 0 to {last}, and a stage's first cut must not be after its last.");
        }
    }

    private SegmentSession CreateSession(SegmentSessionKey key)
    {
        var start = Stopwatch.GetTimestamp();
        var segment = _model.Segment(key.FromCut, key.ToCut);
        using var options = key.Settings.CreateSessionOptions();
        InferenceSession session;
        try
        {
            session = segment.Model!.CreateSession(options);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new InvalidOperationException($"ONNX Runtime rejected {segment} of '{_model.Model.Source}' with {key.Settings}: {ex.Message}", ex);
        }

        LogSessionCreated(_logger, key.FromCut, key.ToCut, key.Settings.ExecutionProvider, key.Settings.IntraOpThreads, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        return new SegmentSession(segment, session);
    }

    /// <summary>The stage's inputs by name, checked against the tensors crossing <paramref name="fromCut"/>.</summary>
    private Dictionary<string, TensorData> BindInputs(int fromCut, IReadOnlyList<TensorData> inputs)
    {
        var byName = new Dictionary<string, TensorData>(inputs.Count, StringComparer.Ordinal);
        foreach (var input in inputs)
        {
            ArgumentNullException.ThrowIfNull(input, nameof(inputs));
            if (!byName.TryAdd(input.Name, input))
            {
                throw new ArgumentException($"Input '{input.Name}' is given twice.", nameof(inputs));
            }
        }

        // At split point 0 the stage receives the model's declared inputs; at a later cut, the tensors crossing it.
        IReadOnlyList<string> expected = fromCut == 0 ? _model.Plan.Inputs.Select(i => i.Name).ToArray() : _model.Analysis.Cuts[fromCut];
        var what = fromCut == 0 ? $"'{_model.Model.Source}'" : $"cut {fromCut} of '{_model.Model.Source}'";
        foreach (var name in expected)
        {
            if (!byName.TryGetValue(name, out var input))
            {
                throw new ArgumentException($"Input '{name}' of {what} is missing; the stage needs: {string.Join(", ", expected)}.", nameof(inputs));
            }

            if (_model.Types.TryGetValue(name, out var type) && type.ElementType != global::DynaSplit.Planning.TensorElementType.Undefined && input.ElementType != type.ElementType)
            {
                throw new ArgumentException($"Input '{name}' is {input.ElementType}; {what} declares {type.ElementType}.", nameof(inputs));
            }
        }

        if (byName.Count != expected.Count)
        {
            var known = new HashSet<string>(expected, StringComparer.Ordinal);
            throw new ArgumentException($"{what} has no input named {string.Join(", ", byName.Keys.Where(k => !known.Contains(k)).Select(k => $"'{k}'"))}; the stage needs: {string.Join(", ", expected)}.", nameof(inputs));
        }

        return byName;
    }

    /// <summary>An ONNX Runtime tensor over the input's own memory (pinned until the handle is disposed).</summary>
    private static (OrtValue Value, MemoryHandle Pin) Pin(TensorData tensor)
    {
        if (tensor.Data.IsEmpty)
        {
            return (OrtTensors.ToOrtValue(tensor), default);
        }

        var pin = tensor.Data.Pin();
        try
        {
            unsafe
            {
                return (OrtValue.CreateTensorValueWithData(OrtMemoryInfo.DefaultInstance, (OrtElementType)tensor.ElementType, tensor.Shape.ToArray(), (nint)pin.Pointer, tensor.Data.Length), pin);
            }
        }
        catch
        {
            pin.Dispose();
            throw;
        }
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Debug, Message = "Created the ONNX Runtime session of segment [{FromCut}..{ToCut}] ({Provider}, {Threads} threads) in {Milliseconds:F1} ms")]
    private static partial void LogSessionCreated(ILogger logger, int fromCut, int toCut, string provider, int threads, double milliseconds);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Debug, Message = "Released the ONNX Runtime session of segment [{FromCut}..{ToCut}] ({Provider}, {Threads} threads)")]
    private static partial void LogSessionReleased(ILogger logger, int fromCut, int toCut, string provider, int threads);
}
