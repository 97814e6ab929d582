using System.Diagnostics;
using DynaSplit.Execution;
using DynaSplit.OnnxRuntime.Planning;
using Microsoft.ML.OnnxRuntime;
using OrtElementType = Microsoft.ML.OnnxRuntime.Tensors.TensorElementType;

namespace DynaSplit.Serving.Tests;

/// <summary>The edge's stage in the tests: the head of a model up to a cut, in its own ONNX Runtime session per cut.</summary>
internal sealed class OnnxHeadStageRunner(OnnxSplitModel model) : IStageRunner, IDisposable
{
    private readonly Dictionary<int, InferenceSession> _sessions = [];

    public ValueTask<StageOutput> RunAsync(StageRequest request, CancellationToken cancellationToken)
    {
        var parts = model.Split(request.Stage.ToCut);
        InferenceSession session;
        lock (_sessions)
        {
            if (!_sessions.TryGetValue(request.Stage.ToCut, out session!))
            {
                session = new InferenceSession(parts.Head!.ToBytes());
                _sessions[request.Stage.ToCut] = session;
            }
        }

        var values = parts.HeadInputs.Select(name =>
        {
            var input = request.Inputs.Single(i => i.Name == name);
            var value = OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, (OrtElementType)input.ElementType, input.Shape.ToArray());
            input.Data.Span.CopyTo(value.GetTensorMutableRawData());
            return value;
        }).ToList();
        try
        {
            // The run options live until the call returns: a temporary could be finalized during the native call.
            using var runOptions = new RunOptions();
            var start = Stopwatch.GetTimestamp();
            using var results = session.Run(runOptions, parts.HeadInputs, values, parts.HeadOutputs);
            var compute = Stopwatch.GetElapsedTime(start);
            var outputs = results.Select((r, i) =>
            {
                var info = r.GetTensorTypeAndShape();
                return new TensorData(parts.HeadOutputs[i], (DynaSplit.Planning.TensorElementType)info.ElementDataType, info.Shape, r.GetTensorMutableRawData().ToArray());
            }).ToArray();
            return ValueTask.FromResult(new StageOutput(outputs, compute));
        }
        finally
        {
            values.ForEach(v => v.Dispose());
        }
    }

    public void Dispose()
    {
        foreach (var session in _sessions.Values)
        {
            session.Dispose();
        }
    }
}
