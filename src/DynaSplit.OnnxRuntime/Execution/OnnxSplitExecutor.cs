using System.Collections.Concurrent;
using System.Diagnostics;
using DynaSplit.Execution;
using DynaSplit.OnnxRuntime.Extraction;
using DynaSplit.OnnxRuntime.Knobs;
using DynaSplit.OnnxRuntime.Planning;
using DynaSplit.Spaces;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;

namespace DynaSplit.OnnxRuntime.Execution;

/// <summary>
/// Runs a model split at a split point with ONNX Runtime: one session for the head and one for the tail, each
/// with its own session options, cached per split point and settings. In process the head's values go to the
/// tail as they are (no copy). The execution provider and intra-op threads come from the request's
/// configuration when it has the parameters, else from the knobs' state, else from the options.
/// </summary>
public sealed class OnnxSplitExecutor : ISplitExecutor, IDisposable
{
    private readonly OnnxSplitModel _model;
    private readonly OnnxRuntimeExecutorOptions _options;
    private readonly OnnxRuntimeKnobState? _state;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<(int Index, OnnxRuntimeSessionSettings Settings), Lazy<SessionPair>> _sessions = new();
    private bool _disposed;

    /// <summary>Creates an executor over a planned model.</summary>
    public OnnxSplitExecutor(OnnxSplitModel model, OnnxRuntimeExecutorOptions? options = null, OnnxRuntimeKnobState? state = null, ILogger<OnnxSplitExecutor>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
        _options = options ?? new OnnxRuntimeExecutorOptions();
        _state = state;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>The model and its split plan.</summary>
    public OnnxSplitModel Model => _model;

    /// <inheritdoc />
    public ValueTask<SplitExecutionResult> RunAsync(SplitExecutionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        var settings = ResolveSettings(request.Configuration);
        return ValueTask.FromResult(Run(request.SplitIndex, request.Inputs, settings, cancellationToken));
    }

    /// <summary>The session settings a request with <paramref name="configuration"/> runs with.</summary>
    public OnnxRuntimeSessionSettings ResolveSettings(Configuration? configuration)
    {
        var provider = _state?.ExecutionProvider ?? _options.ExecutionProvider;
        var threads = _state?.IntraOpThreads ?? _options.IntraOpThreads;
        if (configuration is not null)
        {
            var names = configuration.Space.Parameters.Select(p => p.Name).ToList();
            if (names.Contains(_options.ExecutionProviderParameter, StringComparer.Ordinal))
            {
                provider = configuration.GetLabel(_options.ExecutionProviderParameter);
            }

            if (names.Contains(_options.IntraOpThreadsParameter, StringComparer.Ordinal))
            {
                threads = (int)Math.Round(configuration[_options.IntraOpThreadsParameter]);
            }
        }

        return new OnnxRuntimeSessionSettings(provider, threads, _options.InterOpThreads, _options.OptimizationLevel);
    }

    /// <summary>Creates (and caches) the head and tail sessions of <paramref name="index"/>, so the first inference does not pay for it.</summary>
    public void Warm(int index, OnnxRuntimeSessionSettings settings) => GetSessions(index, settings);

    /// <summary>Disposes the cached sessions of <paramref name="index"/> (for every settings), to bound memory when sweeping split points.</summary>
    public void Release(int index)
    {
        foreach (var key in _sessions.Keys.Where(k => k.Index == index).ToArray())
        {
            if (_sessions.TryRemove(key, out var lazy) && lazy.IsValueCreated)
            {
                lazy.Value.Dispose();
            }
        }
    }

    /// <summary>Runs one inference split at <paramref name="index"/> with <paramref name="settings"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is not a split point of the model.</exception>
    /// <exception cref="ArgumentException">An input is missing, unknown or of the wrong type.</exception>
    public SplitExecutionResult Run(int index, IReadOnlyList<TensorData> inputs, OnnxRuntimeSessionSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(settings);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var sessions = GetSessions(index, settings);
        var parts = sessions.Parts;

        var owned = new List<OrtValue>();
        var available = new Dictionary<string, OrtValue>(StringComparer.Ordinal);
        IDisposableReadOnlyCollection<OrtValue>? headResults = null;
        IDisposableReadOnlyCollection<OrtValue>? tailResults = null;
        using var runOptions = new RunOptions { LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL };
        using var registration = cancellationToken.Register(() => runOptions.Terminate = true);
        try
        {
            foreach (var input in BindInputs(inputs))
            {
                var value = OrtTensors.ToOrtValue(input);
                owned.Add(value);
                available[input.Name] = value;
            }

            var stopwatch = Stopwatch.StartNew();
            if (sessions.Head is { } head)
            {
                headResults = head.Run(runOptions, parts.HeadInputs, parts.HeadInputs.Select(n => available[n]).ToArray(), parts.HeadOutputs);
                var i = 0;
                foreach (var value in headResults)
                {
                    available[parts.HeadOutputs[i++]] = value;
                }
            }

            var headTime = sessions.Head is null ? TimeSpan.Zero : stopwatch.Elapsed;
            cancellationToken.ThrowIfCancellationRequested();

            // The handoff: the cut tensors the tail needs (in process: the same values; serialized: through a buffer).
            stopwatch.Restart();
            long transferred = 0;
            foreach (var tensor in parts.Point.Tensors)
            {
                if (available.TryGetValue(tensor.Name, out var value))
                {
                    transferred += OrtTensors.SizeInBytes(value);
                }
            }

            OrtValue[] tailFeeds;
            if (_options.SerializeHandoff)
            {
                var packed = CutTensorSerializer.Serialize(parts.TailInputs.Select(n => OrtTensors.ToTensorData(n, available[n])).ToArray());
                tailFeeds = CutTensorSerializer.Deserialize(packed).Select(OrtTensors.ToOrtValue).ToArray();
                owned.AddRange(tailFeeds);
            }
            else
            {
                tailFeeds = new OrtValue[parts.TailInputs.Count];
                for (var i = 0; i < tailFeeds.Length; i++)
                {
                    tailFeeds[i] = available[parts.TailInputs[i]];
                }
            }

            var handoffTime = stopwatch.Elapsed;
            stopwatch.Restart();
            if (sessions.Tail is { } tail)
            {
                tailResults = tail.Run(runOptions, parts.TailInputs, tailFeeds, parts.TailOutputs);
                var i = 0;
                foreach (var value in tailResults)
                {
                    available[parts.TailOutputs[i++]] = value;
                }
            }

            var tailTime = sessions.Tail is null ? TimeSpan.Zero : stopwatch.Elapsed;
            var outputs = _model.Plan.Outputs.Select(o => OrtTensors.ToTensorData(o.Name, available[o.Name])).ToArray();
            return new SplitExecutionResult(outputs, new StageTimings(headTime, handoffTime, tailTime), transferred);
        }
        catch (OnnxRuntimeException ex) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("The split inference was cancelled.", ex, cancellationToken);
        }
        finally
        {
            tailResults?.Dispose();
            headResults?.Dispose();
            foreach (var value in owned)
            {
                value.Dispose();
            }
        }
    }

    /// <summary>Disposes every cached session.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var lazy in _sessions.Values)
        {
            if (lazy.IsValueCreated)
            {
                lazy.Value.Dispose();
            }
        }

        _sessions.Clear();
    }

    private SessionPair GetSessions(int index, OnnxRuntimeSessionSettings settings)
    {
        var parts = _model.Split(index);
        var lazy = _sessions.GetOrAdd((index, settings), key => new Lazy<SessionPair>(() => CreateSessions(parts, key.Settings), LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return lazy.Value;
        }
        catch
        {
            _sessions.TryRemove(new KeyValuePair<(int, OnnxRuntimeSessionSettings), Lazy<SessionPair>>((index, settings), lazy));
            throw;
        }
    }

    private SessionPair CreateSessions(OnnxSplitParts parts, OnnxRuntimeSessionSettings settings)
    {
        _logger.LogDebug("Creating ONNX Runtime sessions for split {Index} of {Model} with {Settings}", parts.Point.Index, _model.Model.Source, settings);
        InferenceSession? head = null;
        InferenceSession? tail = null;
        try
        {
            head = parts.Head is { } h ? CreateSession(h, settings, "head", parts.Point.Index) : null;
            tail = parts.Tail is { } t ? CreateSession(t, settings, "tail", parts.Point.Index) : null;
            return new SessionPair(parts, head, tail);
        }
        catch
        {
            head?.Dispose();
            tail?.Dispose();
            throw;
        }
    }

    private InferenceSession CreateSession(Models.OnnxModel model, OnnxRuntimeSessionSettings settings, string part, int index)
    {
        using var options = settings.CreateSessionOptions();
        try
        {
            return model.CreateSession(options);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new InvalidOperationException($"ONNX Runtime rejected the {part} of '{_model.Model.Source}' at split {index}: {ex.Message}", ex);
        }
    }

    private List<TensorData> BindInputs(IReadOnlyList<TensorData> inputs)
    {
        var byName = new Dictionary<string, TensorData>(StringComparer.Ordinal);
        foreach (var input in inputs)
        {
            if (!byName.TryAdd(input.Name, input))
            {
                throw new ArgumentException($"Input '{input.Name}' is given twice.", nameof(inputs));
            }
        }

        var bound = new List<TensorData>(_model.Plan.Inputs.Count);
        foreach (var declared in _model.Plan.Inputs)
        {
            if (!byName.Remove(declared.Name, out var input))
            {
                throw new ArgumentException($"Input '{declared.Name}' of '{_model.Model.Source}' is missing; the model needs: {string.Join(", ", _model.Plan.Inputs.Select(i => i.Name))}.", nameof(inputs));
            }

            if (declared.ElementType != global::DynaSplit.Planning.TensorElementType.Undefined && input.ElementType != declared.ElementType)
            {
                throw new ArgumentException($"Input '{declared.Name}' is {input.ElementType}; '{_model.Model.Source}' declares {declared.ElementType}.", nameof(inputs));
            }

            bound.Add(input);
        }

        if (byName.Count > 0)
        {
            throw new ArgumentException($"'{_model.Model.Source}' has no input named {string.Join(", ", byName.Keys.Select(k => $"'{k}'"))}; its inputs are: {string.Join(", ", _model.Plan.Inputs.Select(i => i.Name))}.", nameof(inputs));
        }

        return bound;
    }

    private sealed record SessionPair(OnnxSplitParts Parts, InferenceSession? Head, InferenceSession? Tail) : IDisposable
    {
        public void Dispose()
        {
            Head?.Dispose();
            Tail?.Dispose();
        }
    }
}
