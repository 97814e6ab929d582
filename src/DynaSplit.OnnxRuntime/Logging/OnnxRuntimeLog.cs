using Microsoft.Extensions.Logging;

namespace DynaSplit.OnnxRuntime.Logging;

/// <summary>
/// The log messages of DynaSplit.OnnxRuntime (event ids 4000-4099, listed in docs/logging.md); the stage runner's two
/// session messages (4001, 4002) are declared beside it.
/// </summary>
internal static partial class OnnxRuntimeLog
{
    [LoggerMessage(EventId = 4010, Level = LogLevel.Warning, Message = "ONNX Runtime could not load '{Model}' to learn its tensor shapes ({Error}); only declared shapes are used.")]
    public static partial void ShapeProbeLoadFailed(this ILogger logger, string model, string error);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Warning, Message = "Not running '{Model}' to learn its shapes: {Reason}. Shapes are the ones ONNX Runtime inferred.")]
    public static partial void ShapeProbeSkipped(this ILogger logger, string model, string reason);

    [LoggerMessage(EventId = 4012, Level = LogLevel.Warning, Message = "No probe inputs for '{Model}' ({Error}); shapes are the ones ONNX Runtime inferred.")]
    public static partial void ShapeProbeNoInputs(this ILogger logger, string model, string error);

    [LoggerMessage(EventId = 4013, Level = LogLevel.Warning, Message = "Stopped running '{Model}' to learn its shapes: {Reason}. Shapes are the ones ONNX Runtime inferred.")]
    public static partial void ShapeProbeStopped(this ILogger logger, string model, string reason);

    [LoggerMessage(EventId = 4014, Level = LogLevel.Warning, Message = "Running '{Model}' on probe inputs failed ({Error}); shapes are the ones ONNX Runtime inferred. Give the dynamic dimensions sizes the model accepts.")]
    public static partial void ShapeProbeRunFailed(this ILogger logger, string model, string error);
}
