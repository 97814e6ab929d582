namespace DynaSplit.EdgeHost;

/// <summary>What the edge host runs (section "EdgeHost" of appsettings.json or --EdgeHost:Key=value).</summary>
internal sealed class EdgeHostOptions
{
    /// <summary>The ONNX model to split.</summary>
    public string Model { get; set; } = string.Empty;

    /// <summary>Sizes of the model's dynamic input dimensions (default 1).</summary>
    public Dictionary<string, long> Dimensions { get; set; } = [];

    /// <summary>Inferences before each trial's measurement.</summary>
    public int WarmupInferences { get; set; } = 2;

    /// <summary>Inferences measured per trial.</summary>
    public int MeasuredInferences { get; set; } = 10;

    /// <summary>Inferences in flight when a trial also measures a streamed batch's amortized latency (0: per request only).</summary>
    public int StreamedLanes { get; set; }

    /// <summary>Requests the online phase serves after the offline phase.</summary>
    public int Requests { get; set; } = 20;

    /// <summary>
    /// How the online phase chooses: "dynasplit" (the published rule: the table's recorded latency against the
    /// threshold) or "predictive" (each entry's latency predicted from its stages at the link estimate the runtime
    /// learns from its own transfers; for a cloud tier over Wi-Fi or a cellular link, docs/scheduling.md).
    /// </summary>
    public string Scheduler { get; set; } = "dynasplit";

    /// <summary>Where the lookup table is written.</summary>
    public string TableOut { get; set; } = "lookup-table.json";

    /// <summary>Idle power of the power model used when the board has no sensor, W.</summary>
    public double EstimatedIdleWatts { get; set; } = 2.7;

    /// <summary>Power added at full CPU load by the power model, W.</summary>
    public double EstimatedActiveWatts { get; set; } = 3.7;
}

/// <summary>The cloud tier (section "Cloud"): a DynaSplit server (<c>dynasplit serve</c>), Triton or KServe.</summary>
internal sealed class CloudOptions
{
    /// <summary>The server's gRPC endpoint (for example http://gpu-node:8001); empty: the tail runs in this process.</summary>
    public string Endpoint { get; set; } = string.Empty;

    /// <summary>The served model's name (stage a..b is NAME.a-b); default: the model file's name without extension.</summary>
    public string Model { get; set; } = string.Empty;

    /// <summary>The server's API key, if it asks for one.</summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// The execution providers the server may run the tail with (a parameter of the space when more than one; empty:
    /// the server's default). Arrays from configuration are appended to a default, so the default is empty.
    /// </summary>
    public string[] ExecutionProviders { get; set; } = [];

    /// <summary>The cut-tensor codecs to try (a parameter of the space when more than one; empty: fp32): fp32, fp16, int8.</summary>
    public string[] Codecs { get; set; } = [];
}
