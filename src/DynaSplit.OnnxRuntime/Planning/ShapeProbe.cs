using System.Diagnostics;
using DynaSplit.OnnxRuntime.Execution;
using DynaSplit.OnnxRuntime.Graphs;
using DynaSplit.OnnxRuntime.Models;
using DynaSplit.OnnxRuntime.Onnx;
using DynaSplit.OnnxRuntime.Verification;
using DynaSplit.Planning;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;

namespace DynaSplit.OnnxRuntime.Planning;

/// <summary>
/// Learns the element type and concrete shape of every value of the main graph by letting ONNX Runtime run the
/// model once, on seeded random inputs of the probe sizes, with every intermediate value declared an output.
/// When the run fails (a dynamic size the model cannot take), the types ONNX Runtime inferred when loading
/// are kept, with their symbolic dimensions, and the failure is kept so that verification and profiling can refuse
/// to run the model at sizes it cannot take (some kernels crash the process instead of failing).
/// </summary>
/// <remarks>
/// The model is untrusted: its inputs are sized with checked arithmetic and refused above
/// <see cref="OnnxSplitPlannerOptions.ProbeMaxInputBytes"/>, and a watchdog tells ONNX Runtime to terminate the run
/// (<see cref="RunOptions.Terminate"/>) after <see cref="OnnxSplitPlannerOptions.ProbeTimeout"/> or when the process's
/// resident memory has grown by <see cref="OnnxSplitPlannerOptions.ProbeMaxMemoryBytes"/>.
/// </remarks>
internal static class ShapeProbe
{
    private static readonly TimeSpan WatchInterval = TimeSpan.FromMilliseconds(10);

    /// <summary>The shapes learned, and why the model could not be run when it could not (null when it ran).</summary>
    public sealed record Result(Dictionary<string, TensorInfo> Types, string? Failure);

    public static Result Run(OnnxModel model, GraphAnalysis analysis, IReadOnlyList<TensorInfo> inputs, IReadOnlyDictionary<string, long>? dimensions, OnnxSplitPlannerOptions limits, ILogger logger, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, TensorInfo>(StringComparer.Ordinal);
        var probe = model.Proto.Clone();
        probe.TrainingInfo.Clear();
        var graph = probe.Graph;
        var declared = new HashSet<string>(graph.Output.Select(o => o.Name), StringComparer.Ordinal);
        foreach (var node in analysis.Order)
        {
            foreach (var output in graph.Node[node].Output)
            {
                if (output.Length > 0 && declared.Add(output))
                {
                    graph.Output.Add(new ValueInfoProto { Name = output });
                }
            }
        }

        var settings = new OnnxRuntimeSessionSettings(IntraOpThreads: 1, OptimizationLevel: GraphOptimizationLevel.ORT_DISABLE_ALL);
        using var options = settings.CreateSessionOptions();
        InferenceSession session;
        try
        {
            session = model.Derive(probe, model.Source).CreateSession(options);
        }
        catch (OnnxRuntimeException ex)
        {
            logger.LogWarning("ONNX Runtime could not load '{Model}' to learn its tensor shapes ({Error}); only declared shapes are used.", model.Source, ex.Message);
            return new Result(result, $"ONNX Runtime cannot load the model: {ex.Message}");
        }

        using (session)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var (name, metadata) in session.OutputMetadata)
            {
                if (metadata.IsTensor)
                {
                    var shape = metadata.Dimensions.Select(d => (long)d).ToArray();
                    var names = metadata.SymbolicDimensions.Select(s => string.IsNullOrEmpty(s) ? null : s).ToArray();
                    result[name] = new TensorInfo(name, (TensorElementType)metadata.ElementDataType, shape, names.Any(n => n is not null) ? names : null);
                }
            }

            var tooLarge = CheckInputs(inputs, dimensions, limits.ProbeMaxInputBytes);
            if (tooLarge is not null)
            {
                logger.LogWarning("Not running '{Model}' to learn its shapes: {Reason}. Shapes are the ones ONNX Runtime inferred.", model.Source, tooLarge);
                return new Result(result, tooLarge);
            }

            IReadOnlyList<global::DynaSplit.Execution.TensorData> feeds;
            try
            {
                feeds = OnnxInputGenerator.Create(inputs, dimensions, seed: 0);
            }
            catch (NotSupportedException ex)
            {
                logger.LogWarning("No probe inputs for '{Model}' ({Error}); shapes are the ones ONNX Runtime inferred.", model.Source, ex.Message);
                return new Result(result, null);
            }

            var values = new List<OrtValue>();
            string? failure = null;
            try
            {
                foreach (var feed in feeds)
                {
                    values.Add(OrtTensors.ToOrtValue(feed));
                }

                var outputNames = session.OutputMetadata.Where(m => m.Value.IsTensor).Select(m => m.Key).ToArray();
                using var runOptions = new RunOptions { LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL };
                using var watchdog = new Watchdog(runOptions, limits.ProbeTimeout, limits.ProbeMaxMemoryBytes);
                using var cancellation = cancellationToken.Register(() => runOptions.Terminate = true);
                IDisposableReadOnlyCollection<OrtValue> outputs;
                try
                {
                    outputs = session.Run(runOptions, feeds.Select(f => f.Name).ToArray(), values, outputNames);
                }
                catch (OnnxRuntimeException) when (cancellationToken.IsCancellationRequested)
                {
                    throw new OperationCanceledException(cancellationToken);
                }
                catch (OnnxRuntimeException) when (watchdog.Reason is { } reason)
                {
                    failure = reason;
                    logger.LogWarning("Stopped running '{Model}' to learn its shapes: {Reason}. Shapes are the ones ONNX Runtime inferred.", model.Source, reason);
                    return new Result(result, failure);
                }

                using (outputs)
                {
                    var i = 0;
                    foreach (var output in outputs)
                    {
                        var name = outputNames[i++];
                        if (output.IsTensor)
                        {
                            var info = output.GetTensorTypeAndShape();
                            var symbolic = result.TryGetValue(name, out var inferred) ? inferred.DimensionNames : null;
                            if (symbolic is not null && symbolic.Count != info.Shape.Length)
                            {
                                symbolic = null;
                            }

                            result[name] = new TensorInfo(name, (TensorElementType)info.ElementDataType, info.Shape, symbolic);
                        }
                    }
                }
            }
            catch (OnnxRuntimeException ex)
            {
                failure = $"ONNX Runtime could not run the model at these input sizes: {ex.Message}";
                logger.LogWarning("Running '{Model}' on probe inputs failed ({Error}); shapes are the ones ONNX Runtime inferred. Give the dynamic dimensions sizes the model accepts.", model.Source, ex.Message);
            }
            finally
            {
                foreach (var value in values)
                {
                    value.Dispose();
                }
            }

            return new Result(result, failure);
        }
    }

    /// <summary>Null when every input fits and all fit the limit together; otherwise why not.</summary>
    private static string? CheckInputs(IReadOnlyList<TensorInfo> inputs, IReadOnlyDictionary<string, long>? dimensions, long limit)
    {
        long total = 0;
        foreach (var input in inputs)
        {
            var shape = OnnxInputGenerator.ResolveShape(input, dimensions);
            if (input.ElementType.SizeInBytes() == 0)
            {
                continue;
            }

            if (!TensorSizes.TryByteCount(shape, input.ElementType, out var bytes) || bytes > limit - total)
            {
                return $"input '{input.Name}' {input.ElementType} [{string.Join(",", shape)}] takes the probe's inputs past its limit of {limit:N0} bytes (OnnxSplitPlannerOptions.ProbeMaxInputBytes)";
            }

            total += bytes;
        }

        return null;
    }

    /// <summary>Terminates a run that takes too long or makes the process grow too much.</summary>
    private sealed class Watchdog : IDisposable
    {
        private readonly RunOptions _options;
        private readonly TimeSpan _timeout;
        private readonly long _maxGrowth;
        private readonly long _baseline;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly Timer _timer;
        private readonly Lock _lock = new();
        private bool _disposed;

        public Watchdog(RunOptions options, TimeSpan timeout, long maxGrowth)
        {
            _options = options;
            _timeout = timeout;
            _maxGrowth = maxGrowth;
            _baseline = Environment.WorkingSet;
            _timer = new Timer(_ => Check(), null, WatchInterval, WatchInterval);
        }

        /// <summary>Why the run was terminated, or null.</summary>
        public string? Reason { get; private set; }

        public void Dispose()
        {
            lock (_lock)
            {
                _disposed = true;
            }

            _timer.Dispose();
        }

        private void Check()
        {
            lock (_lock)
            {
                if (_disposed || Reason is not null)
                {
                    return;
                }

                if (_clock.Elapsed > _timeout)
                {
                    Reason = $"the run took longer than the probe's limit of {_timeout.TotalSeconds:0.#} s (OnnxSplitPlannerOptions.ProbeTimeout)";
                }
                else if (Environment.WorkingSet - _baseline > _maxGrowth)
                {
                    Reason = $"the run grew the process by more than the probe's limit of {_maxGrowth:N0} bytes (OnnxSplitPlannerOptions.ProbeMaxMemoryBytes)";
                }
                else
                {
                    return;
                }

                _options.Terminate = true;
            }
        }
    }
}
