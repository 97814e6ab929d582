using System.Buffers.Binary;
using System.Runtime.InteropServices;
using DynaSplit.OpenInference.Codecs;
using DynaSplit.OpenInference.Protocol;
using Google.Protobuf;
using Google.Protobuf.Collections;

namespace DynaSplit.OpenInference.Tensors;

/// <summary>Moves <see cref="WireTensor"/>s into and out of the protocol's messages.</summary>
internal static class OpenInferenceMessages
{
    /// <summary>Adds <paramref name="tensor"/> to <paramref name="request"/> as an input with its bytes in raw_input_contents.</summary>
    public static void AddInput(ModelInferRequest request, WireTensor tensor)
    {
        var input = new ModelInferRequest.Types.InferInputTensor { Name = tensor.Name, Datatype = tensor.Datatype };
        input.Shape.AddRange(tensor.Shape);
        AddQuantization(input.Parameters, tensor);
        request.Inputs.Add(input);
        request.RawInputContents.Add(UnsafeByteOperations.UnsafeWrap(tensor.Data));
    }

    /// <summary>Adds <paramref name="tensor"/> to <paramref name="response"/> as an output with its bytes in raw_output_contents.</summary>
    public static void AddOutput(ModelInferResponse response, WireTensor tensor)
    {
        var output = new ModelInferResponse.Types.InferOutputTensor { Name = tensor.Name, Datatype = tensor.Datatype };
        output.Shape.AddRange(tensor.Shape);
        AddQuantization(output.Parameters, tensor);
        response.Outputs.Add(output);
        response.RawOutputContents.Add(UnsafeByteOperations.UnsafeWrap(tensor.Data));
    }

    /// <summary>The request's inputs, from raw_input_contents or from each input's contents.</summary>
    /// <exception cref="ArgumentException">The raw entries do not match the inputs, or an input has both or neither form of data; the message names the tensor.</exception>
    public static List<WireTensor> ReadInputs(ModelInferRequest request)
    {
        var raw = request.RawInputContents;
        if (raw.Count > 0 && raw.Count != request.Inputs.Count)
        {
            throw new ArgumentException($"The request has {request.Inputs.Count} input(s) but {raw.Count} raw_input_contents entries; send one entry per input, in the order of inputs, or none and use contents.");
        }

        var tensors = new List<WireTensor>(request.Inputs.Count);
        for (var i = 0; i < request.Inputs.Count; i++)
        {
            var input = request.Inputs[i];
            var name = input.Name;
            if (string.IsNullOrEmpty(name))
            {
                throw new ArgumentException($"Input {i} has no name.");
            }

            ReadOnlyMemory<byte> data;
            if (raw.Count > 0)
            {
                if (input.Contents is not null)
                {
                    throw new ArgumentException($"Input '{name}' has contents while the request also uses raw_input_contents; use one form for all inputs.");
                }

                data = raw[i].Memory;
            }
            else
            {
                data = input.Contents is { } contents
                    ? FromContents(name, input.Datatype, contents)
                    : throw new ArgumentException($"Input '{name}' has no data: neither raw_input_contents nor contents.");
            }

            tensors.Add(new WireTensor(name, input.Datatype, input.Shape, data)
            {
                Scale = ReadDouble(input.Parameters, OpenInferenceParameters.Scale),
                ZeroPoint = ReadInt64(input.Parameters, OpenInferenceParameters.ZeroPoint),
            });
        }

        return tensors;
    }

    /// <summary>The response's outputs, from raw_output_contents or from each output's contents.</summary>
    /// <exception cref="InvalidDataException">The response is malformed.</exception>
    public static List<WireTensor> ReadOutputs(ModelInferResponse response)
    {
        var raw = response.RawOutputContents;
        if (raw.Count > 0 && raw.Count != response.Outputs.Count)
        {
            throw new InvalidDataException($"The response of '{response.ModelName}' has {response.Outputs.Count} output(s) but {raw.Count} raw_output_contents entries.");
        }

        var tensors = new List<WireTensor>(response.Outputs.Count);
        for (var i = 0; i < response.Outputs.Count; i++)
        {
            var output = response.Outputs[i];
            ReadOnlyMemory<byte> data;
            try
            {
                data = raw.Count > 0
                    ? raw[i].Memory
                    : output.Contents is { } contents ? FromContents(output.Name, output.Datatype, contents) : ReadOnlyMemory<byte>.Empty;
            }
            catch (ArgumentException ex)
            {
                throw new InvalidDataException($"The response of '{response.ModelName}': {ex.Message}", ex);
            }

            tensors.Add(new WireTensor(output.Name, output.Datatype, output.Shape, data)
            {
                Scale = ReadDouble(output.Parameters, OpenInferenceParameters.Scale),
                ZeroPoint = ReadInt64(output.Parameters, OpenInferenceParameters.ZeroPoint),
            });
        }

        return tensors;
    }

    /// <summary>A double parameter (double, int64 or numeric string), or null when absent.</summary>
    public static double? ReadDouble(MapField<string, InferParameter> parameters, string name)
    {
        if (!parameters.TryGetValue(name, out var parameter))
        {
            return null;
        }

        return parameter.ParameterChoiceCase switch
        {
            InferParameter.ParameterChoiceOneofCase.DoubleParam => parameter.DoubleParam,
            InferParameter.ParameterChoiceOneofCase.Int64Param => parameter.Int64Param,
            InferParameter.ParameterChoiceOneofCase.Uint64Param => parameter.Uint64Param,
            InferParameter.ParameterChoiceOneofCase.StringParam when double.TryParse(parameter.StringParam, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value) => value,
            _ => throw new ArgumentException($"Parameter '{name}' is {parameter.ParameterChoiceCase}; a number is expected."),
        };
    }

    /// <summary>An integer parameter, or null when absent.</summary>
    public static long? ReadInt64(MapField<string, InferParameter> parameters, string name)
    {
        if (!parameters.TryGetValue(name, out var parameter))
        {
            return null;
        }

        return parameter.ParameterChoiceCase switch
        {
            InferParameter.ParameterChoiceOneofCase.Int64Param => parameter.Int64Param,
            InferParameter.ParameterChoiceOneofCase.Uint64Param when parameter.Uint64Param <= long.MaxValue => (long)parameter.Uint64Param,
            InferParameter.ParameterChoiceOneofCase.DoubleParam when parameter.DoubleParam == Math.Floor(parameter.DoubleParam) && Math.Abs(parameter.DoubleParam) < 1e15 => (long)parameter.DoubleParam,
            InferParameter.ParameterChoiceOneofCase.StringParam when long.TryParse(parameter.StringParam, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) => value,
            _ => throw new ArgumentException($"Parameter '{name}' is {parameter.ParameterChoiceCase} ({parameter}); an integer is expected."),
        };
    }

    /// <summary>A string parameter, or null when absent.</summary>
    public static string? ReadString(MapField<string, InferParameter> parameters, string name) =>
        !parameters.TryGetValue(name, out var parameter)
            ? null
            : parameter.ParameterChoiceCase == InferParameter.ParameterChoiceOneofCase.StringParam
                ? parameter.StringParam
                : throw new ArgumentException($"Parameter '{name}' is {parameter.ParameterChoiceCase}; a string is expected.");

    private static void AddQuantization(MapField<string, InferParameter> parameters, WireTensor tensor)
    {
        if (tensor.Scale is { } scale)
        {
            parameters[OpenInferenceParameters.Scale] = new InferParameter { DoubleParam = scale };
            parameters[OpenInferenceParameters.ZeroPoint] = new InferParameter { Int64Param = tensor.ZeroPoint ?? 0 };
        }
    }

    private static byte[] FromContents(string name, string datatype, InferTensorContents contents)
    {
        switch (datatype)
        {
            case "FP32":
                return MemoryMarshal.AsBytes(contents.Fp32Contents.ToArray().AsSpan()).ToArray();
            case "FP64":
                return MemoryMarshal.AsBytes(contents.Fp64Contents.ToArray().AsSpan()).ToArray();
            case "INT64":
                return MemoryMarshal.AsBytes(contents.Int64Contents.ToArray().AsSpan()).ToArray();
            case "UINT64":
                return MemoryMarshal.AsBytes(contents.Uint64Contents.ToArray().AsSpan()).ToArray();
            case "INT32":
                return MemoryMarshal.AsBytes(contents.IntContents.ToArray().AsSpan()).ToArray();
            case "UINT32":
                return MemoryMarshal.AsBytes(contents.UintContents.ToArray().AsSpan()).ToArray();
            case "INT16":
                return Narrow(contents.IntContents, 2, (span, v) => BinaryPrimitives.WriteInt16LittleEndian(span, checked((short)v)), name);
            case "INT8":
                return Narrow(contents.IntContents, 1, (span, v) => span[0] = unchecked((byte)checked((sbyte)v)), name);
            case "UINT16":
                return Narrow(contents.UintContents, 2, (span, v) => BinaryPrimitives.WriteUInt16LittleEndian(span, checked((ushort)v)), name);
            case "UINT8":
                return Narrow(contents.UintContents, 1, (span, v) => span[0] = checked((byte)v), name);
            case "BOOL":
                return contents.BoolContents.Select(b => b ? (byte)1 : (byte)0).ToArray();
            default:
                throw new ArgumentException($"Tensor '{name}' is {datatype} in contents; send {datatype} tensors in raw_input_contents (contents has no field for it).");
        }
    }

    private static byte[] Narrow<T>(RepeatedField<T> values, int size, Action<Span<byte>, T> write, string name)
    {
        var bytes = new byte[values.Count * size];
        try
        {
            for (var i = 0; i < values.Count; i++)
            {
                write(bytes.AsSpan(i * size, size), values[i]);
            }
        }
        catch (OverflowException ex)
        {
            throw new ArgumentException($"Tensor '{name}' has an element in contents outside its data type's range.", ex);
        }

        return bytes;
    }
}
