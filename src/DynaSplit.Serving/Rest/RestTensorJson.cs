using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using DynaSplit.OpenInference.Protocol;
using DynaSplit.OpenInference.Tensors;
using Google.Protobuf;
using Grpc.Core;
using DynaSplit.Serving.Inference;

namespace DynaSplit.Serving.Rest;

/// <summary>The REST v2 JSON forms of an inference request and response, converted to and from the gRPC messages.</summary>
internal static class RestTensorJson
{
    public static ModelInferRequest ParseRequest(JsonElement body, string model, string? version)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw Invalid("The request body must be a JSON object with an \"inputs\" array.");
        }

        var request = new ModelInferRequest { ModelName = model, ModelVersion = version ?? string.Empty };
        if (body.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
        {
            request.Id = id.GetString();
        }

        if (body.TryGetProperty("parameters", out var parameters))
        {
            ReadParameters(parameters, request.Parameters, "request");
        }

        if (!body.TryGetProperty("inputs", out var inputs) || inputs.ValueKind != JsonValueKind.Array)
        {
            throw Invalid("The request has no \"inputs\" array.");
        }

        foreach (var input in inputs.EnumerateArray())
        {
            var name = input.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : throw Invalid("An input has no \"name\".");
            var datatype = input.TryGetProperty("datatype", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString()! : throw Invalid($"Input '{name}' has no \"datatype\".");
            if (!input.TryGetProperty("shape", out var shapeElement) || shapeElement.ValueKind != JsonValueKind.Array)
            {
                throw Invalid($"Input '{name}' has no \"shape\" array.");
            }

            var tensor = new ModelInferRequest.Types.InferInputTensor { Name = name, Datatype = datatype };
            foreach (var dimension in shapeElement.EnumerateArray())
            {
                tensor.Shape.Add(dimension.TryGetInt64(out var value) ? value : throw Invalid($"Input '{name}' has a shape entry that is not an integer."));
            }

            if (input.TryGetProperty("parameters", out var tensorParameters))
            {
                ReadParameters(tensorParameters, tensor.Parameters, $"input '{name}'");
            }

            if (!input.TryGetProperty("data", out var data))
            {
                throw Invalid($"Input '{name}' has no \"data\".");
            }

            var values = new List<JsonElement>();
            Flatten(data, values);
            request.Inputs.Add(tensor);
            request.RawInputContents.Add(UnsafeByteOperations.UnsafeWrap(Encode(name, datatype, values)));
        }

        if (body.TryGetProperty("outputs", out var outputs) && outputs.ValueKind == JsonValueKind.Array)
        {
            foreach (var output in outputs.EnumerateArray())
            {
                if (output.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String)
                {
                    request.Outputs.Add(new ModelInferRequest.Types.InferRequestedOutputTensor { Name = n.GetString() });
                }
            }
        }

        return request;
    }

    public static JsonObject WriteResponse(ModelInferResponse response)
    {
        var outputs = new JsonArray();
        for (var i = 0; i < response.Outputs.Count; i++)
        {
            var output = response.Outputs[i];
            outputs.Add(new JsonObject
            {
                ["name"] = output.Name,
                ["datatype"] = output.Datatype,
                ["shape"] = new JsonArray(output.Shape.Select(s => (JsonNode)JsonValue.Create(s)).ToArray()),
                ["data"] = Decode(output.Datatype, response.RawOutputContents[i].Span),
            });
        }

        return new JsonObject
        {
            ["model_name"] = response.ModelName,
            ["model_version"] = response.ModelVersion,
            ["id"] = response.Id,
            ["parameters"] = WriteParameters(response.Parameters),
            ["outputs"] = outputs,
        };
    }

    public static JsonObject WriteParameters(Google.Protobuf.Collections.MapField<string, InferParameter> parameters)
    {
        var json = new JsonObject();
        foreach (var (key, value) in parameters)
        {
            json[key] = value.ParameterChoiceCase switch
            {
                InferParameter.ParameterChoiceOneofCase.BoolParam => JsonValue.Create(value.BoolParam),
                InferParameter.ParameterChoiceOneofCase.Int64Param => JsonValue.Create(value.Int64Param),
                InferParameter.ParameterChoiceOneofCase.Uint64Param => JsonValue.Create(value.Uint64Param),
                InferParameter.ParameterChoiceOneofCase.DoubleParam => JsonValue.Create(value.DoubleParam),
                _ => JsonValue.Create(value.StringParam),
            };
        }

        return json;
    }

    private static void ReadParameters(JsonElement json, Google.Protobuf.Collections.MapField<string, InferParameter> parameters, string where)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw Invalid($"The {where}'s \"parameters\" must be an object.");
        }

        foreach (var property in json.EnumerateObject())
        {
            parameters[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.True or JsonValueKind.False => new InferParameter { BoolParam = property.Value.GetBoolean() },
                JsonValueKind.String => new InferParameter { StringParam = property.Value.GetString() },
                JsonValueKind.Number when property.Value.TryGetInt64(out var integer) => new InferParameter { Int64Param = integer },
                JsonValueKind.Number => new InferParameter { DoubleParam = property.Value.GetDouble() },
                _ => throw Invalid($"The {where}'s parameter '{property.Name}' must be a boolean, number or string."),
            };
        }
    }

    private static void Flatten(JsonElement element, List<JsonElement> values)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                Flatten(item, values);
            }
        }
        else
        {
            values.Add(element);
        }
    }

    private static byte[] Encode(string name, string datatype, List<JsonElement> values)
    {
        try
        {
            switch (datatype)
            {
                case "FP32":
                    return Bytes(values.Select(v => v.GetSingle()).ToArray());
                case "FP64":
                    return Bytes(values.Select(v => v.GetDouble()).ToArray());
                case "FP16":
                    return Bytes(values.Select(v => (Half)v.GetSingle()).ToArray());
                case "INT8":
                    return Bytes(values.Select(v => v.GetSByte()).ToArray());
                case "INT16":
                    return Bytes(values.Select(v => v.GetInt16()).ToArray());
                case "INT32":
                    return Bytes(values.Select(v => v.GetInt32()).ToArray());
                case "INT64":
                    return Bytes(values.Select(v => v.GetInt64()).ToArray());
                case "UINT8":
                    return values.Select(v => v.GetByte()).ToArray();
                case "UINT16":
                    return Bytes(values.Select(v => v.GetUInt16()).ToArray());
                case "UINT32":
                    return Bytes(values.Select(v => v.GetUInt32()).ToArray());
                case "UINT64":
                    return Bytes(values.Select(v => v.GetUInt64()).ToArray());
                case "BOOL":
                    return values.Select(v => v.GetBoolean() ? (byte)1 : (byte)0).ToArray();
                default:
                    throw Invalid($"Input '{name}' has data type '{datatype}', which REST requests here cannot carry; use one of BOOL, UINT8..UINT64, INT8..INT64, FP16, FP32, FP64.");
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException)
        {
            throw Invalid($"Input '{name}' has a data element that is not a valid {datatype} value.");
        }
    }

    private static JsonArray Decode(string datatype, ReadOnlySpan<byte> raw) => datatype switch
    {
        "FP32" => Values(MemoryMarshal.Cast<byte, float>(raw)),
        "FP64" => Values(MemoryMarshal.Cast<byte, double>(raw)),
        "INT64" => Values(MemoryMarshal.Cast<byte, long>(raw)),
        "INT32" => Values(MemoryMarshal.Cast<byte, int>(raw)),
        "UINT8" => Values(raw),
        "INT8" => Values(MemoryMarshal.Cast<byte, sbyte>(raw)),
        "BOOL" => new JsonArray(raw.ToArray().Select(b => (JsonNode)JsonValue.Create(b != 0)).ToArray()),
        "FP16" => new JsonArray(MemoryMarshal.Cast<byte, Half>(raw).ToArray().Select(h => (JsonNode)JsonValue.Create((float)h)).ToArray()),
        _ => new JsonArray(JsonValue.Create(Convert.ToBase64String(raw))),
    };

    private static JsonArray Values<T>(ReadOnlySpan<T> values)
    {
        var array = new JsonArray();
        foreach (var value in values)
        {
            array.Add(JsonValue.Create(value));
        }

        return array;
    }

    private static byte[] Bytes<T>(T[] values) where T : struct => MemoryMarshal.AsBytes(values.AsSpan()).ToArray();

    private static ServingException Invalid(string message) => new(StatusCode.InvalidArgument, message);
}
