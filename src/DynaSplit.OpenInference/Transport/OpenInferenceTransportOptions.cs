using DynaSplit.Topology;

namespace DynaSplit.OpenInference.Transport;

/// <summary>How the edge reaches a tier that serves a model's stages over the Open Inference Protocol.</summary>
public sealed class OpenInferenceTransportOptions
{
    /// <summary>The server's address, for example http://10.0.0.2:8001 (https for TLS). Required.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>The tier the server is (default cloud).</summary>
    public string Tier { get; set; } = TierNames.Cloud;

    /// <summary>
    /// The model's name on the server (the stage from cut a to cut b is served as <c>Model.a-b</c>, see
    /// <see cref="Tensors.StageModelNames"/>). Required.
    /// </summary>
    public string? Model { get; set; }

    /// <summary>The API key the server asks for, sent as <c>authorization: Bearer KEY</c>; null for none.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The codec of the cut tensors when the stage's settings name none: fp32, fp16 or int8 (default fp32).</summary>
    public string Codec { get; set; } = "fp32";

    /// <summary>The call's deadline when the request has none (default 30 s).</summary>
    public TimeSpan DefaultTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest one attempt may take before it is abandoned (Polly timeout; default 10 s).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Retries after UNAVAILABLE (the call did not reach a serving server, or the server was draining); inference has
    /// no side effects, so a retry is safe. Nothing else is retried. Default 2; 0 disables retries.
    /// </summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>The first retry's delay; later ones back off exponentially with jitter (default 50 ms).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>The share of failed calls in <see cref="BreakerSamplingDuration"/> that opens the circuit (default 0.5).</summary>
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary>The calls in a sampling window before the circuit may open (default 4).</summary>
    public int BreakerMinimumThroughput { get; set; } = 4;

    /// <summary>The window the failure ratio is measured over (default 10 s).</summary>
    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the circuit stays open before one trial call (default 5 s).</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest the channel waits between attempts to reconnect to a server that went away (default 2 s).</summary>
    public TimeSpan MaxReconnectBackoff { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The largest message sent or received, bytes (default 64 MiB; the server has its own limit).</summary>
    public int MaxMessageBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>
    /// Send requests over Triton's bidirectional ModelStreamInfer stream instead of one ModelInfer call each (for
    /// back-to-back requests; responses are matched to requests by id). Default false.
    /// </summary>
    public bool UseStreaming { get; set; }
}
