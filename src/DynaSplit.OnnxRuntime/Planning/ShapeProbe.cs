using DynaSplit.OnnxRuntime.Execution;
using DynaSplit.OnnxRuntime.Graphs;
using DynaSplit.OnnxRuntime.Models;
using DynaSplit.OnnxRuntime.Onnx;
using DynaSplit.OnnxRuntime.Verification;
using DynaSplit.Planning;
using Google.Protobuf;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;

namespace DynaSplit.OnnxRuntime.Planning;

/// <summary>
/// Learns the element type and concrete shape of every value of the main graph by letting ONNX Runtime run the
/// model once, on seeded random inputs of the probe sizes, with every intermediate value declared an output.
/// When the run fails (a dynamic size the model cannot take), the types ONNX Runtime inferred when loading
/// are kept, with their symbolic dimensions.
/// </summary>
internal static class ShapeProbe
{
    public static Dictionary<string, TensorInfo> Run(OnnxModel model, GraphAnalysis analysis, IReadOnlyList<TensorInfo> inputs, IReadOnlyDictionary<string, long>? dimensions, ILogger logger)
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
            session = new InferenceSession(probe.ToByteArray(), options);
        }
        catch (OnnxRuntimeException ex)
        {
            logger.LogWarning("ONNX Runtime could not load '{Model}' to learn its tensor shapes ({Error}); only declared shapes are used.", model.Source, ex.Message);
            return result;
        }

        using (session)
        {
            foreach (var (name, metadata) in session.OutputMetadata)
            {
                if (metadata.IsTensor)
                {
                    var shape = metadata.Dimensions.Select(d => (long)d).ToArray();
                    var names = metadata.SymbolicDimensions.Select(s => string.IsNullOrEmpty(s) ? null : s).ToArray();
                    result[name] = new TensorInfo(name, (TensorElementType)metadata.ElementDataType, shape, names.Any(n => n is not null) ? names : null);
                }
            }

            IReadOnlyList<global::DynaSplit.Execution.TensorData> feeds;
            try
            {
                feeds = OnnxInputGenerator.Create(inputs, dimensions, seed: 0);
            }
            catch (NotSupportedException ex)
            {
                logger.LogWarning("No probe inputs for '{Model}' ({Error}); shapes are the ones ONNX Runtime inferred.", model.Source, ex.Message);
                return result;
            }

            var values = new List<OrtValue>();
            try
            {
                foreach (var feed in feeds)
                {
                    values.Add(OrtTensors.ToOrtValue(feed));
                }

                var outputNames = session.OutputMetadata.Where(m => m.Value.IsTensor).Select(m => m.Key).ToArray();
                using var runOptions = new RunOptions();
                using var outputs = session.Run(runOptions, feeds.Select(f => f.Name).ToArray(), values, outputNames);
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
            catch (OnnxRuntimeException ex)
            {
                logger.LogWarning("Running '{Model}' on probe inputs failed ({Error}); shapes are the ones ONNX Runtime inferred. Give the dynamic dimensions sizes the model accepts.", model.Source, ex.Message);
            }
            finally
            {
                foreach (var value in values)
                {
                    value.Dispose();
                }
            }
        }

        return result;
    }
}
