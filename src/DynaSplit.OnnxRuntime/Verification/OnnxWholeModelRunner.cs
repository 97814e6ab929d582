using DynaSplit.Execution;
using DynaSplit.OnnxRuntime.Execution;
using DynaSplit.OnnxRuntime.Planning;
using Microsoft.ML.OnnxRuntime;

namespace DynaSplit.OnnxRuntime.Verification;

/// <summary>Runs the unsplit model in one ONNX Runtime session: the reference split inference is compared with.</summary>
public sealed class OnnxWholeModelRunner : IDisposable
{
    private readonly InferenceSession _session;
    private readonly string[] _inputs;
    private readonly string[] _outputs;

    /// <summary>Creates a session over the whole model.</summary>
    public OnnxWholeModelRunner(OnnxSplitModel model, OnnxRuntimeSessionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(settings);
        using var options = settings.CreateSessionOptions();
        _session = model.Model.CreateSession(options);
        _inputs = model.Plan.Inputs.Select(i => i.Name).ToArray();
        _outputs = model.Plan.Outputs.Select(o => o.Name).ToArray();
    }

    /// <summary>Runs the model on <paramref name="inputs"/> (in the plan's input order) and returns copies of the outputs.</summary>
    public IReadOnlyList<TensorData> Run(IReadOnlyList<TensorData> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var values = new List<OrtValue>();
        try
        {
            foreach (var name in _inputs)
            {
                var input = inputs.FirstOrDefault(i => i.Name == name) ?? throw new ArgumentException($"Input '{name}' is missing.", nameof(inputs));
                values.Add(OrtTensors.ToOrtValue(input));
            }

            using var runOptions = new RunOptions { LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL };
            using var results = _session.Run(runOptions, _inputs, values, _outputs);
            return results.Select((value, i) => OrtTensors.ToTensorData(_outputs[i], value)).ToArray();
        }
        finally
        {
            foreach (var value in values)
            {
                value.Dispose();
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();
}
