namespace DynaSplit.Serving;

/// <summary>What the cloud tier serves and within which limits.</summary>
public sealed class ServingOptions
{
    /// <summary>The ONNX model whose stages are served. Required.</summary>
    public string ModelPath { get; set; } = string.Empty;

    /// <summary>The model's served name (default: the file name without extension); stage a..b is served as <c>Name.a-b</c>.</summary>
    public string? ModelName { get; set; }

    /// <summary>Sizes of the model's dynamic dimensions for planning (for example N=1).</summary>
    public IDictionary<string, long> Dimensions { get; set; } = new Dictionary<string, long>(StringComparer.Ordinal);

    /// <summary>Requests computing at once (default: the processor count).</summary>
    public int MaxConcurrency { get; set; } = Environment.ProcessorCount;

    /// <summary>Requests waiting for a slot; one more is refused with RESOURCE_EXHAUSTED (HTTP 429). Default 64.</summary>
    public int MaxQueue { get; set; } = 64;

    /// <summary>The largest request or response message, bytes (default 64 MiB); larger requests get RESOURCE_EXHAUSTED (HTTP 413).</summary>
    public int MaxMessageBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>
    /// The HTTP/2 flow-control window the server grants per request stream and per connection, bytes (default 8 MiB):
    /// how much a client may send before the server has read it. Kestrel's own defaults (768 KiB per stream, 1 MiB per
    /// connection) stall a large cut tensor whenever the server's threads are busy for longer than the window lasts on
    /// the link (120 ms at 50 Mbit/s), which plain TCP, buffered by the kernel, does not; see docs/cloud-tier.md.
    /// Memory stays bounded by <see cref="MaxMessageBytes"/> per request, which the server buffers anyway.
    /// </summary>
    public int Http2WindowBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>The API key clients must send (<c>authorization: Bearer KEY</c> or <c>x-api-key: KEY</c>); null serves everyone.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The execution provider when a request names none (default: the runner's, CPU).</summary>
    public string? DefaultExecutionProvider { get; set; }

    /// <summary>The intra-op thread count when a request names none (default: the runner's).</summary>
    public int? DefaultThreads { get; set; }

    /// <summary>Execution providers requests may ask for (default: any the runtime offers).</summary>
    public IList<string> AllowedExecutionProviders { get; set; } = [];

    /// <summary>
    /// How many ONNX Runtime sessions (one per served tail, execution provider and thread count) the server keeps; the
    /// least recently used one is disposed when another is needed, so memory stays bounded when clients use many cuts
    /// (each session holds its tail's weights). Default 16; at least 1. Unused when a stage runner is registered.
    /// </summary>
    public int SessionCacheCapacity { get; set; } = 16;

    /// <summary>Cut points whose tails are created at start, so their first request does not pay for it (default: none).</summary>
    public IList<int> WarmCuts { get; set; } = [];

    /// <summary>The server's name in ServerMetadata (default dynasplit).</summary>
    public string ServerName { get; set; } = "dynasplit";
}
