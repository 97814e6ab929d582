using System.Diagnostics;
using DynaSplit.Energy;
using DynaSplit.Execution;
using DynaSplit.OpenInference.Codecs;
using DynaSplit.OpenInference.Protocol;
using DynaSplit.OpenInference.Tensors;
using DynaSplit.Planning;
using DynaSplit.Serving.Energy;
using DynaSplit.Serving.Models;
using DynaSplit.Topology;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;

namespace DynaSplit.Serving.Inference;

/// <summary>
/// Serves one inference request, whichever way it came (gRPC ModelInfer, a ModelStreamInfer message, REST): checks
/// it against the served model, waits for a slot, runs the stage, measures queue time, compute time and the
/// request's share of the energy, and builds the response. Every refusal is a <see cref="ServingException"/> with
/// the status to answer and a message that names the tensor and what was expected.
/// </summary>
internal sealed partial class OpenInferenceHandler : IDisposable
{
    private readonly ServedModelHost _host;
    private readonly ServingOptions _options;
    private readonly ServingState _state;
    private readonly ConcurrencyGate _gate;
    private readonly ConcurrencyShareClock _shares = new();
    private readonly IEnergyMeter? _meter;
    private readonly ILogger _logger;
    private readonly HashSet<string> _availableProviders;

    /// <summary>Creates the handler (the DI container does).</summary>
    public OpenInferenceHandler(ServedModelHost host, IOptions<ServingOptions> options, ServingState state, IEnumerable<IEnergyMeter> meters, ILogger<OpenInferenceHandler> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(meters);
        _host = host;
        _options = options.Value;
        _state = state;
        _logger = logger;
        _gate = new ConcurrencyGate(_options.MaxConcurrency, _options.MaxQueue);
        _meter = meters.FirstOrDefault(m => m.Availability.IsAvailable);
        _availableProviders = new HashSet<string>(OrtEnv.Instance().GetAvailableProviders(), StringComparer.Ordinal);
    }

    /// <summary>Runs one inference.</summary>
    /// <param name="request">The request.</param>
    /// <param name="deadline">The caller's deadline, if any (to tell an expired deadline from a cancellation).</param>
    /// <param name="cancellationToken">Fires when the caller goes away or the deadline passes.</param>
    /// <exception cref="ServingException">The request cannot be served; the status says why.</exception>
    public async Task<ModelInferResponse> InferAsync(ModelInferRequest request, DateTime? deadline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_state.IsDraining)
        {
            throw new ServingException(StatusCode.Unavailable, "The server is shutting down and takes no new requests; send it to another replica or retry.");
        }

        if (!_state.IsReady)
        {
            throw new ServingException(StatusCode.Unavailable, "The server is still loading its model; retry shortly.");
        }

        var catalog = _host.Catalog;
        if (!catalog.TryGet(request.ModelName, out var stage))
        {
            throw new ServingException(StatusCode.NotFound, $"Model '{request.ModelName}' is not served here; this server serves {catalog.Describe()} (the stage from cut a to the end is '{catalog.Name}.a-{catalog.LastCut}').");
        }

        if (request.ModelVersion.Length > 0 && request.ModelVersion != "1")
        {
            throw new ServingException(StatusCode.NotFound, $"Model '{request.ModelName}' has no version '{request.ModelVersion}'; it has version 1.");
        }

        var inputs = Bind(stage, request);
        var settings = Settings(stage, request);
        var requested = RequestedOutputs(stage, request);

        var queued = Stopwatch.GetTimestamp();
        StageOutput output;
        double queueMs;
        double share;
        EnergyReading? reading = null;
        try
        {
            using var lease = await _gate.EnterAsync(stage.Name, cancellationToken).ConfigureAwait(false);
            queueMs = Stopwatch.GetElapsedTime(queued).TotalMilliseconds;
            var window = await StartEnergyAsync(cancellationToken).ConfigureAwait(false);
            var mark = _shares.Enter();
            try
            {
                output = await _host.Runner.RunAsync(new StageRequest(new PlacementStage(1, TierNames.Cloud, stage.FromCut, stage.ToCut), inputs, settings), cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                share = _shares.Exit(mark);
                reading = await StopEnergyAsync(window).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException ex)
        {
            throw deadline is { } d && d <= DateTime.UtcNow
                ? new ServingException(StatusCode.DeadlineExceeded, $"{stage.Name}: the deadline passed before the stage finished.", ex)
                : new ServingException(StatusCode.Cancelled, $"{stage.Name}: the caller cancelled the request.", ex);
        }
        catch (ArgumentException ex)
        {
            throw new ServingException(StatusCode.InvalidArgument, $"{stage.Name}: {ex.Message}", ex);
        }
        catch (NotSupportedException ex)
        {
            throw new ServingException(StatusCode.InvalidArgument, $"{stage.Name}: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is OnnxRuntimeException or InvalidOperationException)
        {
            LogStageFailed(_logger, ex, stage.Name);
            throw new ServingException(StatusCode.Internal, $"{stage.Name}: the stage failed on the server: {ex.Message}", ex);
        }

        var response = new ModelInferResponse { ModelName = request.ModelName, ModelVersion = "1", Id = request.Id };
        foreach (var tensor in output.Outputs)
        {
            if (requested is null || requested.Contains(tensor.Name))
            {
                OpenInferenceMessages.AddOutput(response, CutTensorCodec.Fp32.Encode(tensor));
            }
        }

        response.Parameters[OpenInferenceParameters.QueueMs] = new InferParameter { DoubleParam = queueMs };
        response.Parameters[OpenInferenceParameters.ComputeMs] = new InferParameter { DoubleParam = output.Compute.TotalMilliseconds };
        if (reading is not null)
        {
            response.Parameters[OpenInferenceParameters.EnergyJ] = new InferParameter { DoubleParam = reading.Joules * share };
            response.Parameters[OpenInferenceParameters.EnergyKind] = new InferParameter { StringParam = reading.Kind == EnergyReadingKind.Measured ? "measured" : "estimated" };
            response.Parameters[OpenInferenceParameters.EnergySource] = new InferParameter { StringParam = reading.Source };
        }

        return response;
    }

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    private static List<TensorData> Bind(ServedStage stage, ModelInferRequest request)
    {
        List<WireTensor> wires;
        try
        {
            wires = OpenInferenceMessages.ReadInputs(request);
        }
        catch (ArgumentException ex)
        {
            throw new ServingException(StatusCode.InvalidArgument, $"{stage.Name}: {ex.Message}", ex);
        }

        var byName = new Dictionary<string, WireTensor>(StringComparer.Ordinal);
        foreach (var wire in wires)
        {
            if (!byName.TryAdd(wire.Name, wire))
            {
                throw new ServingException(StatusCode.InvalidArgument, $"{stage.Name}: input '{wire.Name}' is given twice.");
            }
        }

        var expected = string.Join(", ", stage.Inputs.Select(Describe));
        var bound = new List<TensorData>(stage.Inputs.Count);
        foreach (var input in stage.Inputs)
        {
            if (!byName.Remove(input.Name, out var wire))
            {
                throw new ServingException(StatusCode.InvalidArgument, $"{stage.Name}: input '{input.Name}' is missing; the model takes {expected}.");
            }

            TensorData tensor;
            try
            {
                tensor = CutTensorCodec.Decode(wire, input.ElementType == TensorElementType.Undefined ? OpenInferenceDataTypes.TryParse(wire.Datatype) ?? TensorElementType.Float : input.ElementType);
            }
            catch (ArgumentException ex)
            {
                throw new ServingException(StatusCode.InvalidArgument, $"{stage.Name}: {ex.Message}", ex);
            }

            if (input.Shape.Count > 0 && (input.Shape.Count != tensor.Shape.Count || input.Shape.Where((d, i) => d >= 0 && d != tensor.Shape[i]).Any()))
            {
                throw new ServingException(StatusCode.InvalidArgument, $"{stage.Name}: input '{input.Name}' has shape [{string.Join(",", tensor.Shape)}]; the model expects {Describe(input)} (-1: any size).");
            }

            bound.Add(tensor);
        }

        if (byName.Count > 0)
        {
            throw new ServingException(StatusCode.InvalidArgument, $"{stage.Name}: it has no input named {string.Join(", ", byName.Keys.Select(k => $"'{k}'"))}; it takes {expected}.");
        }

        return bound;
    }

    private static string Describe(TensorInfo info) =>
        $"'{info.Name}' {(info.ElementType == TensorElementType.Undefined ? "?" : OpenInferenceDataTypes.From(info.ElementType))} [{string.Join(",", info.Shape)}]";

    private StageSettings Settings(ServedStage stage, ModelInferRequest request)
    {
        string? provider;
        long? threads;
        try
        {
            provider = OpenInferenceMessages.ReadString(request.Parameters, OpenInferenceParameters.ExecutionProvider);
            threads = OpenInferenceMessages.ReadInt64(request.Parameters, OpenInferenceParameters.Threads);
        }
        catch (ArgumentException ex)
        {
            throw new ServingException(StatusCode.InvalidArgument, $"{stage.Name}: {ex.Message}", ex);
        }

        provider = provider is null ? _options.DefaultExecutionProvider : NormalizeProvider(provider);
        if (provider is not null)
        {
            if (!_availableProviders.Contains(provider))
            {
                throw new ServingException(StatusCode.InvalidArgument, $"{stage.Name}: parameter {OpenInferenceParameters.ExecutionProvider} asks for '{provider}', which this server's ONNX Runtime does not have; it has {string.Join(", ", _availableProviders)}.");
            }

            if (_options.AllowedExecutionProviders.Count > 0 && !_options.AllowedExecutionProviders.Contains(provider, StringComparer.Ordinal))
            {
                throw new ServingException(StatusCode.InvalidArgument, $"{stage.Name}: parameter {OpenInferenceParameters.ExecutionProvider} asks for '{provider}'; this server allows {string.Join(", ", _options.AllowedExecutionProviders)}.");
            }
        }

        if (threads is < 0 or > 1024)
        {
            throw new ServingException(StatusCode.InvalidArgument, $"{stage.Name}: parameter {OpenInferenceParameters.Threads} is {threads}; use 0 (the runtime chooses) to 1024.");
        }

        return new StageSettings { ExecutionProvider = provider, Threads = threads is { } t ? (int)t : _options.DefaultThreads };
    }

    private static string NormalizeProvider(string provider) =>
        provider.EndsWith("ExecutionProvider", StringComparison.Ordinal) ? provider : provider.ToUpperInvariant() switch
        {
            "CPU" => "CPUExecutionProvider",
            "CUDA" => "CUDAExecutionProvider",
            "TENSORRT" => "TensorrtExecutionProvider",
            "ROCM" => "ROCMExecutionProvider",
            "DNNL" => "DnnlExecutionProvider",
            _ => provider + "ExecutionProvider",
        };

    private static HashSet<string>? RequestedOutputs(ServedStage stage, ModelInferRequest request)
    {
        if (request.Outputs.Count == 0)
        {
            return null;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var output in request.Outputs)
        {
            if (!stage.Outputs.Any(o => o.Name == output.Name))
            {
                throw new ServingException(StatusCode.InvalidArgument, $"{stage.Name}: requested output '{output.Name}' is not one of its outputs ({string.Join(", ", stage.Outputs.Select(o => o.Name))}).");
            }

            names.Add(output.Name);
        }

        return names;
    }

    private async ValueTask<IEnergyWindow?> StartEnergyAsync(CancellationToken cancellationToken)
    {
        if (_meter is null)
        {
            return null;
        }

        try
        {
            return await _meter.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException)
        {
            LogEnergyFailed(_logger, ex, _meter.Name);
            return null;
        }
    }

    private async ValueTask<EnergyReading?> StopEnergyAsync(IEnergyWindow? window)
    {
        if (window is null)
        {
            return null;
        }

        try
        {
            return await window.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException)
        {
            LogEnergyFailed(_logger, ex, _meter!.Name);
            return null;
        }
        finally
        {
            await window.DisposeAsync().ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 3200, Level = LogLevel.Error, Message = "Stage {Model} failed on the server")]
    private static partial void LogStageFailed(ILogger logger, Exception exception, string model);

    [LoggerMessage(EventId = 3201, Level = LogLevel.Warning, Message = "Energy meter {Meter} failed; the response carries no energy")]
    private static partial void LogEnergyFailed(ILogger logger, Exception exception, string meter);
}
