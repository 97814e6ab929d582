using DynaSplit.OpenInference.Protocol;
using DynaSplit.OpenInference.Tensors;
using DynaSplit.Planning;
using DynaSplit.Serving.Models;

namespace DynaSplit.Serving.Grpc;

/// <summary>The server's and a served model's metadata, for gRPC and REST alike.</summary>
internal static class ServingMetadata
{
    public static ServerMetadataResponse Server(ServingOptions options)
    {
        var response = new ServerMetadataResponse
        {
            Name = options.ServerName,
            Version = typeof(ServingMetadata).Assembly.GetName().Version?.ToString(3) ?? "0.0.0",
        };
        response.Extensions.Add("parameters");
        response.Extensions.Add("dynasplit");
        return response;
    }

    public static ModelMetadataResponse Model(ServedStage stage)
    {
        var response = new ModelMetadataResponse { Name = stage.Name, Platform = "onnxruntime_onnx" };
        response.Versions.Add("1");
        response.Inputs.AddRange(stage.Inputs.Select(Tensor));
        response.Outputs.AddRange(stage.Outputs.Select(Tensor));
        return response;
    }

    private static ModelMetadataResponse.Types.TensorMetadata Tensor(TensorInfo info)
    {
        var tensor = new ModelMetadataResponse.Types.TensorMetadata
        {
            Name = info.Name,
            Datatype = info.ElementType == TensorElementType.Undefined ? "FP32" : OpenInferenceDataTypes.From(info.ElementType),
        };
        tensor.Shape.AddRange(info.Shape);
        return tensor;
    }
}
