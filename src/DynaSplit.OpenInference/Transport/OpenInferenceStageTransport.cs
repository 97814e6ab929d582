using System.Diagnostics;
using System.Globalization;
using DynaSplit.Energy;
using DynaSplit.Execution;
using DynaSplit.OpenInference.Codecs;
using DynaSplit.OpenInference.Protocol;
using DynaSplit.OpenInference.Tensors;
using DynaSplit.Topology;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace DynaSplit.OpenInference.Transport;

/// <summary>
/// Runs stages on a remote tier over the Open Inference Protocol: each stage is one ModelInfer call (or one message on
/// Triton's ModelStreamInfer stream) to the served model of its cut range, over one reused channel. The cut tensors
/// travel in the stage's codec; the stage's execution provider and threads travel as request parameters; the call's
/// deadline is the request's. Retries (UNAVAILABLE only), the per-attempt timeout and the circuit breaker are Polly v8
/// strategies. The measurement's compute, queue time and energy come from the server's response parameters.
/// </summary>
/// <remarks>Thread-safe: concurrent requests share the channel (HTTP/2 multiplexes them), so the head of the next
/// inference can run while the tail of the previous one is remote.</remarks>
public sealed partial class OpenInferenceStageTransport : IStageTransport, IDisposable
{
    private readonly OpenInferenceTransportOptions _options;
    private readonly GrpcChannel? _ownedChannel;
    private readonly GRPCInferenceService.GRPCInferenceServiceClient _client;
    private readonly ResiliencePipeline _pipeline;
    private readonly CircuitBreakerStateProvider _breakerState = new();
    private readonly Metadata _headers = [];
    private readonly string _model;
    private readonly string _endpoint;
    private readonly ILogger _logger;
    private readonly StreamingInferenceConnection? _stream;
    private bool _disposed;

    /// <summary>Creates the transport and its channel to <see cref="OpenInferenceTransportOptions.Endpoint"/>.</summary>
    /// <exception cref="ArgumentException">The options are incomplete or out of range.</exception>
    public OpenInferenceStageTransport(OpenInferenceTransportOptions options, ILogger<OpenInferenceStageTransport>? logger = null)
        : this(options, CreateChannel(options), ownsChannel: true, logger)
    {
    }

    /// <summary>Creates the transport over an existing channel (which it does not dispose).</summary>
    public OpenInferenceStageTransport(OpenInferenceTransportOptions options, GrpcChannel channel, ILogger<OpenInferenceStageTransport>? logger = null)
        : this(options, channel, ownsChannel: false, logger)
    {
    }

    private OpenInferenceStageTransport(OpenInferenceTransportOptions options, GrpcChannel channel, bool ownsChannel, ILogger<OpenInferenceStageTransport>? logger)
    {
        ArgumentNullException.ThrowIfNull(channel);
        Validate(options);
        _options = options;
        _ownedChannel = ownsChannel ? channel : null;
        _client = new GRPCInferenceService.GRPCInferenceServiceClient(channel);
        Tier = TierNames.Validate(options.Tier, nameof(options));
        _model = options.Model!;
        _endpoint = channel.Target;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        if (!string.IsNullOrEmpty(options.ApiKey))
        {
            _headers.Add("authorization", "Bearer " + options.ApiKey);
        }

        _pipeline = BuildPipeline(options, _breakerState, _logger, Tier);
        _stream = options.UseStreaming ? new StreamingInferenceConnection(_client, _headers) : null;
    }

    /// <inheritdoc />
    public string Tier { get; }

    /// <summary>True while the circuit breaker is open (or isolated): calls fail at once without reaching the server.</summary>
    public bool IsCircuitOpen => _breakerState.CircuitState is CircuitState.Open or CircuitState.Isolated;

    /// <summary>
    /// Asks the server whether it is ready (ServerReady), outside the retry and circuit breaker: true when it answers
    /// ready within <paramref name="timeout"/>, false when it answers not ready or cannot be reached. Call it once at start
    /// to open the connection, so the first stage does not pay for it.
    /// </summary>
    public async Task<bool> IsReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        try
        {
            // Wait for ready: while the channel reconnects, the call waits for the connection instead of failing fast.
            var options = new CallOptions(_headers, DateTime.UtcNow + timeout, cancellationToken).WithWaitForReady();
            var response = await _client.ServerReadyAsync(new ServerReadyRequest(), options).ConfigureAwait(false);
            return response.Ready;
        }
        catch (RpcException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public async ValueTask<StageResult> ExecuteAsync(StageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!string.Equals(request.Stage.Tier, Tier, StringComparison.Ordinal))
        {
            throw new ArgumentException($"{request.Stage} was sent to the Open Inference transport of tier '{Tier}'.", nameof(request));
        }

        var codec = CutTensorCodec.Parse(request.Settings.TensorCodec ?? _options.Codec);
        var modelName = StageModelNames.For(_model, request.Stage.FromCut, request.Stage.ToCut);
        var message = new ModelInferRequest { ModelName = modelName };
        if (request.Settings.ExecutionProvider is { } provider)
        {
            message.Parameters[OpenInferenceParameters.ExecutionProvider] = new InferParameter { StringParam = provider };
        }

        if (request.Settings.Threads is { } threads)
        {
            message.Parameters[OpenInferenceParameters.Threads] = new InferParameter { Int64Param = threads };
        }

        long sent = 0;
        foreach (var input in request.Inputs)
        {
            var wire = codec.Encode(input);
            sent += wire.Data.Length;
            OpenInferenceMessages.AddInput(message, wire);
        }

        var deadline = (request.Deadline ?? DateTimeOffset.UtcNow + _options.DefaultTimeout).UtcDateTime;
        var start = Stopwatch.GetTimestamp();
        ModelInferResponse response;
        try
        {
            response = await _pipeline.ExecuteAsync(
                async (token) => _stream is null
                    ? await _client.ModelInferAsync(message, _headers, deadline, token).ConfigureAwait(false)
                    : await _stream.InferAsync(message, deadline, token).ConfigureAwait(false),
                cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException ex)
        {
            throw new RemoteStageException($"{request.Stage}: {modelName} at {_endpoint} failed with {ex.StatusCode}: {ex.Status.Detail}", ex.StatusCode, ex);
        }
        catch (BrokenCircuitException ex)
        {
            throw new RemoteStageException($"{request.Stage}: the circuit to {_endpoint} is open after repeated failures; it will try again in at most {_options.BreakDuration.TotalSeconds:0.#} s.", StatusCode.Unavailable, ex);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new RemoteStageException($"{request.Stage}: {modelName} at {_endpoint} did not answer within the attempt timeout of {_options.AttemptTimeout.TotalMilliseconds:0} ms.", StatusCode.DeadlineExceeded, ex);
        }

        var roundTrip = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        return Read(request.Stage, modelName, response, sent, roundTrip);
    }

    /// <summary>Disposes the channel if the transport created it.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _stream?.Dispose();
        _ownedChannel?.Dispose();
    }

    private StageResult Read(PlacementStage stage, string modelName, ModelInferResponse response, long sent, double roundTripMs)
    {
        List<WireTensor> wires;
        double? computeMs;
        double? queueMs;
        double? energy;
        string? kind;
        try
        {
            wires = OpenInferenceMessages.ReadOutputs(response);
            computeMs = OpenInferenceMessages.ReadDouble(response.Parameters, OpenInferenceParameters.ComputeMs);
            queueMs = OpenInferenceMessages.ReadDouble(response.Parameters, OpenInferenceParameters.QueueMs);
            energy = OpenInferenceMessages.ReadDouble(response.Parameters, OpenInferenceParameters.EnergyJ);
            kind = OpenInferenceMessages.ReadString(response.Parameters, OpenInferenceParameters.EnergyKind);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDataException($"{stage}: the response of {modelName} at {_endpoint} is malformed: {ex.Message}", ex);
        }

        var outputs = new TensorData[wires.Count];
        long received = 0;
        for (var i = 0; i < wires.Count; i++)
        {
            var wire = wires[i];
            received += wire.Data.Length;
            var type = wire.IsQuantized ? DynaSplit.Planning.TensorElementType.Float : OpenInferenceDataTypes.TryParse(wire.Datatype)
                ?? throw new InvalidDataException($"{stage}: output '{wire.Name}' of {modelName} has unknown data type '{wire.Datatype}'.");
            try
            {
                outputs[i] = CutTensorCodec.Decode(wire, type);
            }
            catch (ArgumentException ex)
            {
                throw new InvalidDataException($"{stage}: output of {modelName} at {_endpoint}: {ex.Message}", ex);
            }
        }

        var compute = computeMs ?? 0;
        LogCall(_logger, modelName, roundTripMs, compute, sent, received);
        return new StageResult(outputs, new StageMeasurement(stage.Index, Tier, compute, Math.Max(0, roundTripMs - compute), sent, received)
        {
            QueueMs = queueMs,
            EnergyJ = energy,
            EnergyKind = kind switch
            {
                null => null,
                _ when string.Equals(kind, "measured", StringComparison.OrdinalIgnoreCase) => EnergyReadingKind.Measured,
                _ => EnergyReadingKind.Estimated,
            },
        });
    }

    private static ResiliencePipeline BuildPipeline(OpenInferenceTransportOptions options, CircuitBreakerStateProvider state, ILogger logger, string tier)
    {
        var builder = new ResiliencePipelineBuilder();
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                // Only UNAVAILABLE: the request did not run (no server, or it was draining). A deadline that passed
                // is not retried (there is no time left), nor is anything the server rejected.
                ShouldHandle = new PredicateBuilder().Handle<RpcException>(ex => ex.StatusCode == StatusCode.Unavailable),
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                OnRetry = args =>
                {
                    LogRetry(logger, tier, args.AttemptNumber + 1, args.Outcome.Exception?.Message);
                    return default;
                },
            });
        }

        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
        {
            ShouldHandle = new PredicateBuilder()
                .Handle<RpcException>(ex => ex.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Internal or StatusCode.Unknown)
                .Handle<TimeoutRejectedException>(),
            FailureRatio = options.BreakerFailureRatio,
            MinimumThroughput = options.BreakerMinimumThroughput,
            SamplingDuration = options.BreakerSamplingDuration,
            BreakDuration = options.BreakDuration,
            StateProvider = state,
            OnOpened = args =>
            {
                LogCircuitOpened(logger, tier, args.BreakDuration.TotalSeconds);
                return default;
            },
            OnClosed = _ =>
            {
                LogCircuitClosed(logger, tier);
                return default;
            },
        });
        builder.AddTimeout(options.AttemptTimeout);
        return builder.Build();
    }

    private static GrpcChannel CreateChannel(OpenInferenceTransportOptions options)
    {
        Validate(options);
        return GrpcChannel.ForAddress(options.Endpoint!, new GrpcChannelOptions
        {
            MaxReceiveMessageSize = options.MaxMessageBytes,
            MaxSendMessageSize = options.MaxMessageBytes,
            ThrowOperationCanceledOnCancellation = true,
            // Polly retries; the channel's own retry would multiply attempts.
            MaxRetryAttempts = 0,
            // After a server restart the channel reconnects within this; its default backs off to two minutes, far
            // longer than the circuit breaker's break.
            InitialReconnectBackoff = TimeSpan.FromMilliseconds(100),
            MaxReconnectBackoff = options.MaxReconnectBackoff,
            HttpHandler = new SocketsHttpHandler
            {
                EnableMultipleHttp2Connections = true,
                KeepAlivePingDelay = TimeSpan.FromSeconds(30),
                KeepAlivePingTimeout = TimeSpan.FromSeconds(10),
                ConnectTimeout = TimeSpan.FromSeconds(5),
            },
        });
    }

    /// <summary>Checks options; used by the constructor and the DI validator.</summary>
    internal static void Validate(OpenInferenceTransportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Endpoint is not { IsAbsoluteUri: true } endpoint || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"Open Inference transport: Endpoint '{options.Endpoint}' must be an absolute http:// or https:// address, for example http://10.0.0.2:8001.", nameof(options));
        }

        if (string.IsNullOrWhiteSpace(options.Model))
        {
            throw new ArgumentException("Open Inference transport: Model is required (the model's name on the server).", nameof(options));
        }

        CutTensorCodec.Parse(options.Codec);
        Positive(options.DefaultTimeout, nameof(options.DefaultTimeout));
        Positive(options.AttemptTimeout, nameof(options.AttemptTimeout));
        Positive(options.BreakDuration, nameof(options.BreakDuration));
        Positive(options.MaxReconnectBackoff, nameof(options.MaxReconnectBackoff));
        Positive(options.BreakerSamplingDuration, nameof(options.BreakerSamplingDuration));
        if (options.MaxRetries is < 0 or > 10)
        {
            throw new ArgumentException($"Open Inference transport: MaxRetries is {options.MaxRetries}; use 0 to 10.", nameof(options));
        }

        if (options.BreakerFailureRatio is <= 0 or > 1 || options.BreakerMinimumThroughput < 2)
        {
            throw new ArgumentException($"Open Inference transport: BreakerFailureRatio must be in (0, 1] (is {options.BreakerFailureRatio.ToString(CultureInfo.InvariantCulture)}) and BreakerMinimumThroughput at least 2 (is {options.BreakerMinimumThroughput}).", nameof(options));
        }

        if (options.MaxMessageBytes < 1024)
        {
            throw new ArgumentException($"Open Inference transport: MaxMessageBytes is {options.MaxMessageBytes}; use at least 1024.", nameof(options));
        }

        static void Positive(TimeSpan value, string name)
        {
            if (value <= TimeSpan.Zero)
            {
                throw new ArgumentException($"Open Inference transport: {name} is {value}; it must be positive.", nameof(options));
            }
        }
    }

    [LoggerMessage(EventId = 3100, Level = LogLevel.Debug, Message = "{Model}: round trip {RoundTripMs:0.###} ms, server compute {ComputeMs:0.###} ms, {Sent} bytes sent, {Received} received")]
    private static partial void LogCall(ILogger logger, string model, double roundTripMs, double computeMs, long sent, long received);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Tier {Tier}: retry {Attempt} after {Reason}")]
    private static partial void LogRetry(ILogger logger, string tier, int attempt, string? reason);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Tier {Tier}: circuit opened for {Seconds:0.#} s after repeated failures; stages fall back while it is open")]
    private static partial void LogCircuitOpened(ILogger logger, string tier, double seconds);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Information, Message = "Tier {Tier}: circuit closed; the server answers again")]
    private static partial void LogCircuitClosed(ILogger logger, string tier);
}
