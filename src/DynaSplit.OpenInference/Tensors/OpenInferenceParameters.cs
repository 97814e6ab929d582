namespace DynaSplit.OpenInference.Tensors;

/// <summary>
/// The names of the request, response and tensor parameters DynaSplit's client and server exchange. Other servers
/// of the protocol (Triton, KServe) ignore the request parameters and send none of the response parameters: the
/// client then reports no server-side times or energy.
/// </summary>
public static class OpenInferenceParameters
{
    /// <summary>Request: the execution provider the stage runs with (string, for example CPUExecutionProvider or CUDA).</summary>
    public const string ExecutionProvider = "dynasplit.execution_provider";

    /// <summary>Request: the intra-op thread count the stage runs with (int64).</summary>
    public const string Threads = "dynasplit.threads";

    /// <summary>Response: time the request waited for a free slot on the server, ms (double).</summary>
    public const string QueueMs = "dynasplit.queue_ms";

    /// <summary>Response: time the server spent running the stage, ms (double).</summary>
    public const string ComputeMs = "dynasplit.compute_ms";

    /// <summary>Response: energy the server attributes to this request, J (double).</summary>
    public const string EnergyJ = "dynasplit.energy_j";

    /// <summary>Response: "measured" or "estimated" (string), with <see cref="EnergyJ"/>.</summary>
    public const string EnergyKind = "dynasplit.energy_kind";

    /// <summary>Response: the meter the energy comes from (string), with <see cref="EnergyJ"/>.</summary>
    public const string EnergySource = "dynasplit.energy_source";

    /// <summary>Tensor: the scale of an INT8-quantized float tensor (double): value = (q - zero_point) * scale.</summary>
    public const string Scale = "dynasplit.scale";

    /// <summary>Tensor: the zero point of an INT8-quantized float tensor (int64).</summary>
    public const string ZeroPoint = "dynasplit.zero_point";

    /// <summary>
    /// Streaming response: the gRPC status code (int64) of a request that failed on a ModelStreamInfer stream, beside
    /// the error message, since a stream's per-request errors carry no status of their own.
    /// </summary>
    public const string StatusCode = "dynasplit.status_code";
}
