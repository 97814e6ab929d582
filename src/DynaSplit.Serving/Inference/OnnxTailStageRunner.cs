using System.Collections.Concurrent;
using System.Diagnostics;
using DynaSplit.Execution;
using DynaSplit.OnnxRuntime.Execution;
using DynaSplit.OnnxRuntime.Planning;
using Microsoft.ML.OnnxRuntime;
using OrtElementType = Microsoft.ML.OnnxRuntime.Tensors.TensorElementType;

namespace DynaSplit.Serving.Inference;

/// <summary>
/// Runs the tail of a model from a cut to the model's end with ONNX Runtime: one session per cut and settings,
/// created on first use and reused. The server's runner until the ONNX Runtime assembly's general stage runner
/// serves any cut range.
/// </summary>
internal sealed class OnnxTailStageRunner : IStageRunner, IDisposable
{
    private readonly OnnxSplitModel _model;
    private readonly ConcurrentDictionary<(int Cut, OnnxRuntimeSessionSettings Settings), Lazy<InferenceSession>> _sessions = new();

    public OnnxTailStageRunner(OnnxSplitModel model)
    {
        _model = model;
    }

    public ValueTask<StageOutput> RunAsync(StageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var stage = request.Stage;
        if (stage.ToCut != _model.Plan.EdgeOnlyIndex || stage.FromCut >= stage.ToCut)
        {
            throw new ArgumentException($"{stage}: this runner runs tails (from a cut to {_model.Plan.EdgeOnlyIndex}, the model's end).", nameof(request));
        }

        var parts = _model.Split(stage.FromCut);
        var settings = new OnnxRuntimeSessionSettings(
            request.Settings.ExecutionProvider ?? OnnxRuntimeSessionSettings.CpuProvider,
            request.Settings.Threads ?? 0);
        var session = Session(stage.FromCut, settings);
        var values = new List<OrtValue>(parts.TailInputs.Count);
        using var runOptions = new RunOptions();
        using var registration = cancellationToken.Register(() => runOptions.Terminate = true);
        try
        {
            foreach (var name in parts.TailInputs)
            {
                var input = request.Inputs.FirstOrDefault(i => i.Name == name)
                    ?? throw new ArgumentException($"{stage}: input '{name}' is missing; the tail takes {string.Join(", ", parts.TailInputs)}.", nameof(request));
                var value = OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, (OrtElementType)input.ElementType, input.Shape.ToArray());
                values.Add(value);
                input.Data.Span.CopyTo(value.GetTensorMutableRawData());
            }

            var start = Stopwatch.GetTimestamp();
            using var results = session.Run(runOptions, parts.TailInputs, values, parts.TailOutputs);
            var compute = Stopwatch.GetElapsedTime(start);
            var outputs = new TensorData[results.Count];
            for (var i = 0; i < outputs.Length; i++)
            {
                var info = results[i].GetTensorTypeAndShape();
                outputs[i] = new TensorData(parts.TailOutputs[i], (DynaSplit.Planning.TensorElementType)info.ElementDataType, info.Shape, results[i].GetTensorMutableRawData().ToArray());
            }

            return ValueTask.FromResult(new StageOutput(outputs, compute));
        }
        catch (OnnxRuntimeException ex) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException($"{stage} was cancelled.", ex, cancellationToken);
        }
        finally
        {
            foreach (var value in values)
            {
                value.Dispose();
            }
        }
    }

    public void Dispose()
    {
        foreach (var lazy in _sessions.Values)
        {
            if (lazy.IsValueCreated)
            {
                lazy.Value.Dispose();
            }
        }

        _sessions.Clear();
    }

    private InferenceSession Session(int cut, OnnxRuntimeSessionSettings settings)
    {
        var lazy = _sessions.GetOrAdd((cut, settings), key => new Lazy<InferenceSession>(
            () =>
            {
                using var options = key.Settings.CreateSessionOptions();
                return new InferenceSession(_model.Split(key.Cut).Tail!.ToBytes(), options);
            },
            LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return lazy.Value;
        }
        catch
        {
            _sessions.TryRemove(new KeyValuePair<(int, OnnxRuntimeSessionSettings), Lazy<InferenceSession>>((cut, settings), lazy));
            throw;
        }
    }
}
