using DynaSplit.Planning;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DynaSplit.OnnxRuntime.Planning;

/// <summary>
/// Finds every split point of an ONNX model: a topological order of the nodes that compute the outputs, and at
/// each position the values produced before and read after (plus the graph inputs the tail still needs). Nodes
/// with subgraphs are never cut through, and names their subgraphs read from the outer scope count as reads.
/// </summary>
public sealed class OnnxSplitPlanner : ISplitPlanner
{
    private readonly OnnxSplitPlannerOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates a planner.</summary>
    public OnnxSplitPlanner(OnnxSplitPlannerOptions? options = null, ILogger<OnnxSplitPlanner>? logger = null)
    {
        _options = options ?? new OnnxSplitPlannerOptions();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <inheritdoc />
    public ValueTask<SplitPlan> PlanAsync(string modelPath, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelPath);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(OnnxSplitModel.Load(modelPath, _options, _logger, cancellationToken).Plan);
    }
}
