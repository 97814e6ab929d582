using DynaSplit.Execution;
using Microsoft.ML.OnnxRuntime;
using CoreElementType = DynaSplit.Planning.TensorElementType;
using OrtElementType = Microsoft.ML.OnnxRuntime.Tensors.TensorElementType;

namespace DynaSplit.OnnxRuntime.Execution;

/// <summary>Moves tensors between the core's <see cref="TensorData"/> and ONNX Runtime's <see cref="OrtValue"/>.</summary>
internal static class OrtTensors
{
    /// <summary>A new ONNX Runtime tensor holding a copy of <paramref name="tensor"/>.</summary>
    public static OrtValue ToOrtValue(TensorData tensor)
    {
        var value = OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, (OrtElementType)tensor.ElementType, tensor.Shape.ToArray());
        try
        {
            tensor.Data.Span.CopyTo(value.GetTensorMutableRawData());
            return value;
        }
        catch
        {
            value.Dispose();
            throw;
        }
    }

    /// <summary>A copy of an ONNX Runtime tensor.</summary>
    /// <exception cref="NotSupportedException">The value is not a dense tensor of a fixed-size element type.</exception>
    public static TensorData ToTensorData(string name, OrtValue value)
    {
        if (!value.IsTensor)
        {
            throw new NotSupportedException($"Value '{name}' is a {value.OnnxType}, not a tensor; only dense tensors cross a split or leave the executor.");
        }

        var info = value.GetTensorTypeAndShape();
        var bytes = value.GetTensorMutableRawData().ToArray();
        return new TensorData(name, (CoreElementType)info.ElementDataType, info.Shape, bytes);
    }

    /// <summary>The bytes a tensor's elements occupy (0 for non-tensors).</summary>
    public static long SizeInBytes(OrtValue value) => value.IsTensor ? value.GetTensorMutableRawData().Length : 0;
}
